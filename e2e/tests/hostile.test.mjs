// Hostile files in the browser (docs/architecture.md#limits-and-hostile-files): a zip bomb
// disguised as .xlsx, a 200 MB CSV, a sheet with 10,000 columns and a single 50 MB cell each end
// in a clear message that names the limit met, the page stays usable, and the next file loads
// normally. Every file is built here at test time; none is committed.
//
// How long each took is printed, not asserted: timings belong to the benchmark (README.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, constants } from 'node:zlib';
import { start, openApp, fixtures } from './harness.mjs';
import { zip, stored, MAIN, RELS, DOC, workbook } from './workbooks.mjs';

const MB = 1024 * 1024;
let env;
let work;
before(async () => {
  env = await start();
  work = await mkdtemp(join(tmpdir(), 'timescales-hostile-'));
});
after(async () => { await env?.close(); });

/** A one-sheet workbook (sheet "Children") whose sheet part is `sheet`. */
function xlsx(sheet) {
  return zip([
    stored('_rels/.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    stored('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="Children" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    stored('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    sheet,
  ]);
}
const sheetXml = (rows) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
const letters = (col) => { let s = ''; for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };
const cell = (row, col, text) => `<c r="${letters(col)}${row + 1}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A sheet part that inflates to 3 GB of spaces: one compressed megabyte repeated, a few MB in all. */
function bombSheet() {
  const sync = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const head = deflateRawSync(Buffer.from(`<worksheet xmlns="${MAIN}"><sheetData>`), sync);
  const block = deflateRawSync(Buffer.alloc(MB, 0x20), sync);
  const data = Buffer.concat([head, ...Array(3 * 1024).fill(block), Buffer.from([0x03, 0x00])]);
  return { name: 'xl/worksheets/sheet1.xml', data, method: 8, crc: 0, unpacked: 0xfffffffe };
}

/** Writes a CSV of `megabytes` MB (a header line padded with x) to `path`, a megabyte at a time. */
async function writeLargeCsv(path, megabytes) {
  const file = await open(path, 'w');
  const chunk = Buffer.from('Child ID,Date accommodated\n'.padEnd(MB, 'x'));
  for (let i = 0; i < megabytes; i++) await file.write(chunk);
  await file.close();
}

test('hostile files end in a clear message and the next file loads normally', async () => {
  const files = {
    bomb: join(work, 'bomb.xlsx'),
    big: join(work, 'big.csv'),
    wide: join(work, 'wide.xlsx'),
    cell: join(work, 'cell.xlsx'),
  };
  await writeFile(files.bomb, xlsx(bombSheet()));
  await writeLargeCsv(files.big, 200);
  const wideRow = Array.from({ length: 10_000 }, (_, c) => cell(0, c, 'h')).join('');
  await writeFile(files.wide, xlsx(stored('xl/worksheets/sheet1.xml', sheetXml(`<row r="1">${wideRow}</row>`))));
  await writeFile(files.cell, xlsx(stored('xl/worksheets/sheet1.xml', sheetXml(`<row r="3">${cell(2, 3, 'x'.repeat(50 * MB))}</row>`))));

  // The message names the limit met and says what to do (ingest/limits.rs).
  const cases = [
    ['bomb.xlsx', files.bomb, /not safe to open: its part "xl\/worksheets\/sheet1\.xml" unpacks to [\d,]+ times/],
    ['big.csv', files.big, /This file is 200 MB; Timescales reads files up to 150 MB/],
    ['wide.xlsx', files.wide, /past the 1,000 columns/],
    ['cell.xlsx', files.cell, /cell D3 on the sheet "Children" holds 52,428,800 characters/],
  ];
  const page = await openApp(env);
  for (const [name, path, message] of cases) {
    const started = Date.now();
    await page.setInputFiles('[data-testid=file-input]', path);
    const error = page.getByTestId('load-error').filter({ hasText: name });
    await error.waitFor({ timeout: 60_000 });
    console.log(`${name}: refused in ${Date.now() - started} ms`);
    assert.match(await error.innerText(), message, name);
  }
  // The page is still usable: the next file loads normally.
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a large workbook with one damaged sheet, read by two workers side by side, ends in a clear message', async () => {
  // Two sheets of about 1 MB each (stored, so the file is over the 1 MB from which two workers
  // read it, a sheet each: docs/architecture.md#reading-a-workbook-in-two); the second sheet's
  // XML stops inside a cell.
  const rows = Array.from({ length: 8_000 }, (_, r) => `<row r="${r + 2}">${cell(r + 1, 0, `C${r}`)}${cell(r + 1, 1, '01/02/2021')}</row>`).join('');
  const header = `<row r="1">${cell(0, 0, 'Child ID')}${cell(0, 1, 'Date accommodated')}</row>`;
  const book = workbook([
    ['Children', sheetXml(header + rows)],
    ['Placements', `<worksheet xmlns="${MAIN}"><sheetData>${header}${rows}<row r="9000"><c r="A9000" t="inlineStr"><is><t>`],
  ]);
  assert.ok(book.length > MB, `${book.length} bytes`);
  const path = join(work, 'damaged.xlsx');
  await writeFile(path, book);
  const page = await openApp(env);
  await page.setInputFiles('[data-testid=file-input]', path);
  const error = page.getByTestId('load-error').filter({ hasText: 'damaged.xlsx' });
  await error.waitFor({ timeout: 60_000 });
  assert.match(await error.innerText(), /The sheet "Placements" could not be read: it may be damaged/);
  // Nothing was loaded, and the next file loads normally.
  assert.match(await page.getByTestId('data-banner').innerText(), /synthetic demo data/);
  await page.setInputFiles('[data-testid=file-input]', join(fixtures, 'small.csv'));
  await page.getByTestId('data-banner').filter({ hasText: 'small.csv' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});
