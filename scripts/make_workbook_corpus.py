#!/usr/bin/env python3
"""Writes the workbook part of the ingest test corpus: crates/core/tests/corpus/wb_*.

The files are committed; this script documents exactly how each one was made so it can be
remade or extended. Every child and date is invented. The expected values asserted in
crates/core/tests/workbook_corpus.rs were worked out by hand, not by reading these files back.

Set-up (exact versions, in a throw-away virtual environment):

    python3 -m venv /tmp/wbvenv
    /tmp/wbvenv/bin/pip install openpyxl==3.1.5 xlwt==1.3.0 odfpy==1.4.1 msoffcrypto-tool==6.1.0
    /tmp/wbvenv/bin/python scripts/make_workbook_corpus.py

Reference dates used throughout (hand-checked serial numbers):

    2021-01-01  1900 system: 44197   1904 system: 42735  (44197 - 1462)
    2021-03-15  1900 system: 44270   1904 system: 42808  (44197 + 31 + 28 + 14)
    2019-07-04  1900 system: 43650                        (2019-01-01 is 43466, + 184)
"""

import datetime as dt
import io
import os
import sys

from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "core", "tests", "corpus")
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)

D1 = dt.date(2021, 1, 1)
D2 = dt.date(2021, 3, 15)
D3 = dt.date(2019, 7, 4)
DOB = dt.date(2015, 6, 20)


def path(name):
    return os.path.join(OUT, name)


def new_xlsx():
    wb = openpyxl.Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def date_cell(ws, ref, value, fmt="dd/mm/yyyy"):
    ws[ref] = value
    ws[ref].number_format = fmt


def wb_date_cells():
    """Dates formatted as dates, one with a time, plus a bool, an error and padded text."""
    wb = new_xlsx()
    ws = wb.active
    ws.title = "children"
    ws.append(["child_id", "date_of_birth", "last_accommodated_date", "permanence_panel_date", "looked_after", "note"])
    ws.append(["C001", None, None, None, True, "  spaced  "])
    date_cell(ws, "B2", DOB)
    date_cell(ws, "C2", D1)
    date_cell(ws, "D2", dt.datetime(2021, 3, 15, 14, 30), "dd/mm/yyyy hh:mm")
    ws.append(["C002", None, None, "#N/A", False, None])
    date_cell(ws, "B3", DOB)
    date_cell(ws, "C3", D3, "d mmm yyyy")
    wb.save(path("wb_date_cells.xlsx"))


def wb_serials():
    """The same dates as bare serial numbers in General format (1900 system)."""
    wb = new_xlsx()
    ws = wb.active
    ws.title = "children"
    ws.append(["child_id", "last_accommodated_date", "permanence_panel_date", "episode_no"])
    ws.append(["C001", 44197, 44270.5, 1])
    ws.append(["C002", 43650, None, 2])
    wb.save(path("wb_serials.xlsx"))


def wb_1904():
    """A workbook in the 1904 date system: date cells and bare serials."""
    wb = new_xlsx()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "children"
    ws.append(["child_id", "last_accommodated_date", "permanence_panel_date"])
    ws.append(["C001", None, 42735])  # bare 1904 serial for 2021-01-01
    date_cell(ws, "B2", D1)  # openpyxl stores 42735 because of the 1904 epoch
    ws.append(["C002", None, 42808])  # bare 1904 serial for 2021-03-15
    date_cell(ws, "B3", D2)
    wb.save(path("wb_1904.xlsx"))


def wb_text_dates():
    """Dates typed as text in cells formatted as text (they must stay text)."""
    wb = new_xlsx()
    ws = wb.active
    ws.title = "children"
    ws.append(["child_id", "last_accommodated_date"])
    for i, text in enumerate(["01/01/2021", "1/1/21", "1 Jan 2021", "2021-01-01", "TBC"]):
        ws.append([f"C00{i + 1}", text])
        ws.cell(row=i + 2, column=2).number_format = "@"
    wb.save(path("wb_text_dates.xlsx"))


def wb_multi_sheet():
    """Children, placements and events sheets with everyday names, plus a chart sheet to skip."""
    wb = new_xlsx()
    ws = wb.active
    ws.title = "Children"
    ws.append(["Child ID", "Date Accommodated", "Placement type"])
    ws.append(["C001", None, "Kinship"])
    date_cell(ws, "B2", D1)
    pl = wb.create_sheet("Placement history")
    pl.append(["Child ID", "Start date", "End date", "Placement type"])
    pl.append(["C001", None, None, "Foster carers (LA)"])
    date_cell(pl, "B2", D1)
    date_cell(pl, "C2", D2)
    pl.append(["C001", None, None, "Kinship"])
    date_cell(pl, "B3", D2)
    ev = wb.create_sheet("Events")
    ev.append(["Child ID", "Date", "Event type", "Label"])
    ev.append(["C001", None, "LAC_review", "6-week review"])
    date_cell(ev, "B2", dt.date(2021, 2, 12))
    wb.create_chartsheet("Chart")
    wb.save(path("wb_multi_sheet.xlsx"))


def wb_offset_table():
    """A merged title row above a table that starts at C3, and a sheet whose table starts at C3
    with nothing above it."""
    wb = new_xlsx()
    ws = wb.active
    ws.title = "tracker"
    ws["A1"] = "Permanence tracker - North team (synthetic)"
    ws.merge_cells("A1:E1")
    ws["C3"] = "child_id"
    ws["D3"] = "last_accommodated_date"
    ws["C4"] = "C001"
    date_cell(ws, "D4", D1)
    ws["C5"] = "C002"
    date_cell(ws, "D5", D2)
    bare = wb.create_sheet("no title")
    bare["C3"] = "child_id"
    bare["D3"] = "last_accommodated_date"
    bare["C4"] = "C001"
    bare["D4"] = 44197
    wb.save(path("wb_offset_table.xlsx"))


def wb_empty():
    wb = new_xlsx()
    wb.active.title = "Sheet1"
    wb.save(path("wb_empty.xlsx"))


def wb_truncated():
    """The first 1,000 bytes of a valid workbook: a download cut short."""
    with open(path("wb_date_cells.xlsx"), "rb") as f:
        data = f.read()
    with open(path("wb_truncated.xlsx"), "wb") as f:
        f.write(data[:1000])


def wb_password():
    """wb_serials.xlsx encrypted with the password 'secret' (Agile encryption, as Excel does)."""
    with open(path("wb_serials.xlsx"), "rb") as f:
        plain = f.read()
    src = OOXMLFile(io.BytesIO(plain))
    with open(path("wb_password.xlsx"), "wb") as out:
        src.encrypt("secret", out)


def xls_book(dates_1904):
    wb = xlwt.Workbook()
    wb.dates_1904 = dates_1904
    return wb


def wb_legacy_xls():
    """Excel 97-2003 (BIFF8): a date cell, a bare serial and a text date for 2021-01-01."""
    wb = xls_book(False)
    ws = wb.add_sheet("children")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for c, h in enumerate(["child_id", "date_cell", "serial", "text", "episode_no"]):
        ws.write(0, c, h)
    ws.write(1, 0, "C001")
    ws.write(1, 1, D1, date_style)
    ws.write(1, 2, 44197)
    ws.write(1, 3, "01/01/2021")
    ws.write(1, 4, 1)
    ws2 = wb.add_sheet("events")
    ws2.write(4, 1, "child_id")  # table at B5
    ws2.write(5, 1, "C001")
    wb.save(path("wb_legacy.xls"))


def wb_1904_xls():
    """Excel 97-2003 in the 1904 date system."""
    wb = xls_book(True)
    ws = wb.add_sheet("children")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    ws.write(0, 0, "child_id")
    ws.write(0, 1, "date_cell")
    ws.write(0, 2, "serial")
    ws.write(1, 0, "C001")
    ws.write(1, 1, D1, date_style)  # xlwt stores 42735 because of dates_1904
    ws.write(1, 2, 42735)
    wb.save(path("wb_1904.xls"))


def ods_cell(value=None, kind="string", text=None, date=None):
    if kind == "date":
        cell = TableCell(valuetype="date", datevalue=date)
    elif kind == "float":
        cell = TableCell(valuetype="float", value=value)
    elif kind == "empty":
        return TableCell()
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=text if text is not None else str(value)))
    return cell


def wb_ods():
    """ODS: date cells (with and without a time), a float serial, a text date, two empty rows
    above the table."""
    doc = OpenDocumentSpreadsheet()
    t = Table(name="children")
    t.addElement(TableRow())  # row 1 empty
    t.addElement(TableRow())  # row 2 empty
    header = TableRow()
    for h in ["child_id", "last_accommodated_date", "permanence_panel_date", "serial", "text"]:
        header.addElement(ods_cell(h))
    t.addElement(header)
    r = TableRow()
    r.addElement(ods_cell("C001"))
    r.addElement(ods_cell(kind="date", date="2021-01-01", text="01/01/2021"))
    r.addElement(ods_cell(kind="date", date="2021-03-15T14:30:00", text="15/03/2021 14:30"))
    r.addElement(ods_cell(44197, kind="float"))
    r.addElement(ods_cell("01/01/2021"))
    t.addElement(r)
    doc.spreadsheet.addElement(t)
    t2 = Table(name="Placement history")
    r2 = TableRow()
    r2.addElement(ods_cell("child_id"))
    t2.addElement(r2)
    doc.spreadsheet.addElement(t2)
    doc.save(path("wb_dates.ods"))


def main():
    os.makedirs(OUT, exist_ok=True)
    wb_date_cells()
    wb_serials()
    wb_1904()
    wb_text_dates()
    wb_multi_sheet()
    wb_offset_table()
    wb_empty()
    wb_truncated()
    wb_password()
    wb_legacy_xls()
    wb_1904_xls()
    wb_ods()
    print("wrote workbook corpus to", os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
