// Workbooks written by hand for the browser tests, so their parts and declared sizes can be
// anything: a zip of stored (or given) entries, and an .xlsx of named sheets.
import { crc32 } from 'node:zlib';

/** A zip written by hand, so the declared sizes can be anything. Entries: { name, data, method, crc, unpacked }. */
export function zip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const common = Buffer.alloc(26);
    [20, 0, e.method, 0, 0x21].forEach((v, i) => common.writeUInt16LE(v, i * 2));
    common.writeUInt32LE(e.crc >>> 0, 10);
    common.writeUInt32LE(e.data.length, 14);
    common.writeUInt32LE(e.unpacked >>> 0, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.concat([u32(0x04034b50), common, name]);
    parts.push(local, e.data);
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10);
    central.push(u32(0x02014b50), u16(20), common, tail, name);
    offset += local.length + e.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}
const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); return b; };
export const stored = (name, text) => {
  const data = Buffer.from(text);
  return { name, data, method: 0, crc: crc32(data), unpacked: data.length };
};

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An .xlsx of the named sheets in order, each given as its worksheet XML. */
export function workbook(sheets) {
  const names = sheets.map(([name], i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${DOC}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return zip([
    stored('_rels/.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    stored('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets>${names}</sheets></workbook>`),
    stored('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${RELS}">${rels}</Relationships>`),
    ...sheets.map(([, xml], i) => stored(`xl/worksheets/sheet${i + 1}.xml`, xml)),
  ]);
}

/** A row of inline-string cells, `values` from column A, on spreadsheet row `row` (1-based). */
export function row(row, values) {
  const letter = (c) => String.fromCharCode(65 + c);
  return `<row r="${row}">${values.map((v, c) => `<c r="${letter(c)}${row}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
}

/** A worksheet holding `rows` (row XML). */
export const sheet = (rows) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
