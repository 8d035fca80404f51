// End-to-end tests of the allocation editor (issue 5) on the bundled Bhubaneswar map: import
// 10 organisers, allocate in one click, fix wards by hand, reload and find everything as it was,
// undo after the reload, export the allocation, refuse a broken project file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, openPage, waitForWards } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const NAMES = ['Asha Devi', 'Ravi Kumar', 'सीमा', 'Mohd. Arif', 'Priya Das', 'Sunil Sahu', 'रेखा', 'Anil Nayak', 'Kavita Rout', 'Deepak Jena'];

/** An organisers list as an office would keep it: Hindi/English headers, one bad mobile. */
function organisersCsv() {
  const rows = ['नाम,Mobile,Role,Capacity'];
  NAMES.forEach((n, i) => rows.push(`${n},98${String(76543210 + i).padStart(8, '0')},Community Organiser,1`));
  rows.push('Wrong Number,12345,Community Organiser,1');
  return Buffer.from('\uFEFF' + rows.join('\n'));
}

/** The per-organiser table as text rows. */
// Rows are read as text content: rows scrolled out of view are not rendered
// (content-visibility: auto), so their innerText is empty.
async function statsRows(page) {
  return page.getByTestId('organiser-stats').locator('tbody tr').allTextContents();
}

/** The percentage in a text like "Largest difference: 1.2 %". */
function pctOf(text) {
  const m = text.match(/(-?[\d.]+) %/);
  assert.ok(m, `a percentage in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

test('10 organisers on Bhubaneswar: one-click allocation, hand fixes, reload, undo, export, broken project file', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=bhubaneswar');
  await waitForWards(page, 67);

  // Organisers from a CSV list; the bad row is named and skipped.
  await page.getByLabel('Organisers list (CSV/Excel)').setInputFiles({ name: 'organisers.csv', mimeType: 'text/csv', buffer: organisersCsv() });
  const note = page.getByTestId('organisers-import');
  await note.waitFor();
  assert.match(await note.innerText(), /10 organisers added; 1 rows skipped/);
  assert.match(await note.innerText(), /organisers\.csv, row 12: mobile "12345"/);
  await page.getByTestId('organiser-list').locator('li').nth(9).waitFor();
  assert.equal(await page.getByTestId('organiser-list').locator('li').count(), 10);
  // One figure everywhere: the list's 10 are the organisers available, and the shortfall
  // against the norm is the same in the estimates and the organisers panel (issue 16).
  assert.equal(await page.getByTestId('organisers-available-figure').textContent(), '10');
  const neededText = await page.getByTestId('organisers-needed').textContent();
  const needed = Number(neededText.replace(/,/g, ''));
  assert.equal(await page.getByTestId('shortfall').textContent(), String(Math.max(0, needed - 10)));
  assert.match(await page.getByTestId('organisers-vs-needed').textContent(), new RegExp(`\\b10\\b.*${neededText}`));

  // One click: a balanced plan, every area in one piece.
  const started = Date.now();
  await page.getByRole('button', { name: 'Allocate automatically' }).click();
  await page.getByTestId('run-quality').waitFor({ timeout: 60000 });
  console.log(`[measure] allocation of 67 wards to 10 organisers in the browser (worker): ${Date.now() - started} ms`);
  const rows = await statsRows(page);
  assert.equal(rows.length, 10);
  for (const r of rows) assert.match(r, /one piece/, `every area is one piece: ${r}`);
  assert.match(await page.getByTestId('unassigned').innerText(), /: 0$/);
  // The figure shown is the core's: the engine's own max deviation equals the live figures'.
  const engine = pctOf(await page.getByTestId('run-quality').innerText());
  const shown = pctOf(await page.getByTestId('max-deviation').innerText());
  assert.equal(shown, engine);
  console.log(`[measure] max deviation ${shown} % (tolerance ±5 %)`);
  // Areas are coloured: every ward path has an organiser's fill, neighbouring areas differ.
  const fills = await page.locator('#map path.ward').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  assert.ok(new Set(fills).size >= 3, `several area colours: ${[...new Set(fills)]}`);
  assert.ok((await page.locator('.area-label').count()) === 10, 'one label per area');

  // Fix two wards by hand. 1: through the ward details (click a ward, choose an organiser).
  const before = await statsRows(page);
  await page.locator('#map path.ward').nth(5).click({ force: true });
  const select = page.getByTestId('ward-organiser');
  await select.waitFor();
  const current = await select.inputValue();
  const other = (await select.locator('option').evaluateAll((os) => os.map((o) => o.value))).find((v) => v && v !== current);
  await select.selectOption(other);
  await page.waitForFunction((b) => {
    const now = [...document.querySelectorAll('[data-testid=organiser-stats] tbody tr')].map((r) => r.textContent);
    return now.join('|') !== b.join('|');
  }, before);
  const afterFirst = await statsRows(page);
  assert.notDeepEqual(afterFirst, before, 'the figures follow the edit at once');
  // 2: paint a ward with the brush for organiser 1 (confirm if it would split an area).
  await page.getByRole('button', { name: `Paint wards for ${NAMES[0]}` }).click();
  await page.locator('#map path.ward').nth(40).click({ force: true });
  const warning = page.getByTestId('split-warning');
  if (await warning.isVisible().catch(() => false)) await page.getByRole('button', { name: 'Give it anyway' }).click();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(400); // the autosave is debounced (250 ms)
  const edited = await statsRows(page);
  const wardsOf1 = await page.evaluate(() => document.querySelector('[data-testid=organiser-stats] tbody tr').textContent);

  // Close and come back: the same allocation, and the hand edit can still be undone.
  await page.reload();
  await waitForWards(page, 67);
  await page.getByTestId('organiser-stats').waitFor();
  assert.deepEqual(await statsRows(page), edited, 'the reload restores the exact allocation');
  // The projects kept in this browser list it from its saved summary.
  await page.getByTestId('projects').getByText(/10 organisers, 67 wards assigned/).waitFor();
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await page.waitForFunction((w) => document.querySelector('[data-testid=organiser-stats] tbody tr').textContent !== w, wardsOf1);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=organiser-stats] tbody tr')].map((r) => r.textContent).join('|') === b.join('|'), before);
  await page.keyboard.press('Control+y');
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=organiser-stats] tbody tr')].map((r) => r.textContent).join('|') === b.join('|'), afterFirst);

  // Export the allocation as CSV: a row per ward with its organiser.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Allocation list (CSV)' }).click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(csv.length, 68, 'header + 67 wards');
  assert.match(csv[0], /ward/i);
  const names = new Set(csv.slice(1).map((l) => NAMES.find((n) => l.includes(n))).filter(Boolean));
  assert.equal(names.size, 10, 'every organiser appears');
  assert.ok(!csv.join('\n').includes('9876543210'), 'no mobile numbers in the export');

  // A broken project file: a clear message, nothing lost.
  await page.getByLabel('Open project file').setInputFiles({ name: 'broken.kshetra.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"kshetra-project","version":2,"organisers":[') });
  const err = page.getByTestId('project-error');
  await err.waitFor();
  assert.match(await err.innerText(), /broken\.kshetra\.json/);
  assert.deepEqual(await statsRows(page), afterFirst, 'the open project is unchanged');

  // The project file round-trips: save it, open it, same figures.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project file (.kshetra.json)' }).click()]);
  const savedPath = await saved.path();
  await page.getByLabel('Open project file').setInputFiles({ name: 'bhubaneswar.kshetra.json', mimeType: 'application/json', buffer: fs.readFileSync(savedPath) });
  await page.getByTestId('project-opened').waitFor();
  await page.getByTestId('organiser-stats').waitFor();
  assert.deepEqual(await statsRows(page), afterFirst, 'the saved project opens with the same allocation');

  assert.deepEqual(log.errors, []);
  await context.close();
});

/** Bhubaneswar with the 10 organisers of {@link organisersCsv}, allocated automatically. */
async function allocatedBhubaneswar() {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=bhubaneswar');
  await waitForWards(page, 67);
  await page.getByLabel('Organisers list (CSV/Excel)').setInputFiles({ name: 'organisers.csv', mimeType: 'text/csv', buffer: organisersCsv() });
  await page.getByTestId('organisers-import').waitFor();
  await page.getByRole('button', { name: 'Allocate automatically' }).click();
  await page.getByTestId('run-quality').waitFor({ timeout: 60000 });
  return { page, context, log };
}

/** Pages of a PDF and their sizes in mm (from each page's MediaBox). */
function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page[^s]/g) || [];
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]) * 25.4 / 72, Number(m[2]) * 25.4 / 72]);
  return { count: pages.length, boxes };
}

/**
 * Page `n` of a PDF as the printer would see it: rendered by poppler's pdftoppm in grey at
 * `dpi`; returns the size in pixels and the share of pixels that are not paper-white.
 */
function renderPdfPage(buffer, n, dpi = 30) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kshetra-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), buffer);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
    const pgm = fs.readFileSync(path.join(dir, 'page.pgm'));
    // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
    const header = pgm.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length, header[0].length + w * h);
    let inked = 0;
    for (const p of pixels) if (p < 230) inked++;
    return { w, h, inked: inked / (w * h) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the poster prints at its paper size: A1 on one sheet, tiled on A4 sheets, one A4 sheet per organiser', async () => {
  const { page, context, log } = await allocatedBhubaneswar();

  const near = (a, b) => Math.abs(a - b) < 2;
  // A1, orientation fitted to the city: one page of 594 × 841 mm (either way round).
  await page.getByLabel('Paper').selectOption('A1');
  await page.getByRole('button', { name: 'Show poster' }).click();
  const view = page.getByTestId('print-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-pages'), '1');
  const svg = await view.locator('.print-page svg').first().evaluate((s) => s.outerHTML);
  assert.ok(svg.includes('Asha Devi') && svg.includes('सीमा'), 'organisers in the legend');
  assert.ok(!svg.includes('9876543210'), 'no mobile numbers on the wall poster');
  let pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  console.log(`[measure] A1 poster PDF: ${pdf.count} page(s), ${pdf.boxes.map(([w, h]) => `${w.toFixed(0)}×${h.toFixed(0)} mm`).join(', ')}`);
  assert.equal(pdf.count, 1);
  const [w, h] = pdf.boxes[0];
  assert.ok((near(w, 594) && near(h, 841)) || (near(w, 841) && near(h, 594)), `A1 size, got ${w}×${h} mm`);
  const a1Pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const a1 = renderPdfPage(a1Pdf, 1, 10);
  console.log(`[measure] A1 poster page rendered by pdftoppm at 10 DPI: ${a1.w}×${a1.h} px, ${(a1.inked * 100).toFixed(1)} % inked`);
  assert.ok(a1.inked > 0.1, `the printed poster is not blank (${(a1.inked * 100).toFixed(1)} % inked)`);
  await page.getByRole('button', { name: 'Close' }).last().click();

  // The same poster tiled on A4 sheets for an office printer, in Hindi and black and white
  // (areas hatched): as many PDF pages as sheets.
  await page.getByLabel('Printed language').selectOption('hi');
  await page.getByLabel('Black and white (areas by hatching)').check();
  await page.getByRole('button', { name: 'On A4 sheets to paste together' }).click();
  await view.waitFor();
  const tile = await view.locator('.print-page svg').first().evaluate((s) => s.outerHTML);
  assert.ok(tile.includes('<pattern'), 'areas are hatched in black and white');
  assert.ok(tile.includes('सामुदायिक संगठकों को कार्य-क्षेत्रों का आवंटन') && !tile.includes('Community Organisers'), 'Hindi only');
  const sheets = Number(await view.getAttribute('data-pages'));
  assert.ok(sheets >= 4, `an A1 poster needs several A4 sheets, got ${sheets}`);
  pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  console.log(`[measure] A1 poster on A4 sheets: ${sheets} sheets, PDF ${pdf.count} pages`);
  assert.equal(pdf.count, sheets);
  for (const [bw, bh] of pdf.boxes) assert.ok((near(bw, 210) && near(bh, 297)) || (near(bw, 297) && near(bh, 210)), `A4, got ${bw}×${bh}`);
  // Every sheet carries part of the poster (none blank), at A4 size in pixels.
  const tiledPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const inks = [];
  for (let n = 1; n <= sheets; n++) {
    const r = renderPdfPage(tiledPdf, n);
    assert.ok((Math.abs(r.w - 248) <= 2 && Math.abs(r.h - 351) <= 2) || (Math.abs(r.w - 351) <= 2 && Math.abs(r.h - 248) <= 2), `sheet ${n} is A4 at 30 DPI, got ${r.w}×${r.h}`);
    inks.push(r.inked);
  }
  console.log(`[measure] A4 sheets rendered by pdftoppm: inked ${inks.map((x) => (x * 100).toFixed(0) + ' %').join(', ')}`);
  // Sheets at the poster's edge hold little (margin, crop marks, sheet index), but none is
  // empty, and the map and legend cover most sheets.
  assert.ok(inks.every((x) => x > 0.005), `no blank sheet: ${inks.map((x) => x.toFixed(3)).join(', ')}`);
  assert.ok(inks.filter((x) => x > 0.05).length >= sheets / 2, `the poster spreads over the sheets: ${inks.map((x) => x.toFixed(3)).join(', ')}`);
  await page.getByRole('button', { name: 'Close' }).last().click();

  // One A4 sheet per organiser.
  await page.getByRole('button', { name: 'A4 sheet per organiser' }).click();
  await view.waitFor();
  assert.equal(await view.getAttribute('data-pages'), '10');
  pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.equal(pdf.count, 10);
  await page.getByRole('button', { name: 'Close' }).last().click();

  // The City Mission Managers' work-division sheet for two CMMs, and a PNG of it at 150 DPI
  // (an A4 page: 1240 × 1754 px) with the bundled fonts embedded.
  await page.getByLabel('Number of City Mission Managers').selectOption('2');
  await page.getByLabel('Name of City Mission Manager 1').fill('Rakesh <b>Kumar</b>');
  await page.getByLabel('Name of City Mission Manager 2').fill('सुनीता वर्मा');
  assert.equal(await page.getByLabel('Name of City Mission Manager 3').isVisible(), false, 'only two name fields for two CMMs');
  await page.getByRole('button', { name: 'Work-division sheet (A4)' }).click();
  await view.waitFor();
  assert.equal(await view.getAttribute('data-pages'), '1');
  const cmm = await view.locator('.print-page svg').first().evaluate((s) => s.outerHTML);
  assert.ok(cmm.includes('Rakesh &lt;b&gt;Kumar&lt;/b&gt;') && cmm.includes('सुनीता वर्मा'), 'both CMMs named, markup escaped');
  assert.ok(!cmm.includes('<b>'), 'no imported markup in the SVG');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG picture' }).click()]);
  assert.equal(download.suggestedFilename(), 'kshetra-cmm-work-division-150dpi.png');
  const png = fs.readFileSync(await download.path());
  if (process.env.KSHETRA_E2E_OUT) fs.writeFileSync(`${process.env.KSHETRA_E2E_OUT}/cmm-sheet.png`, png);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const [pw, ph] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  console.log(`[measure] CMM sheet PNG at 150 DPI: ${pw}×${ph} px, ${(png.length / 1024).toFixed(0)} KiB`);
  assert.ok((pw === 1240 && ph === 1754) || (pw === 1754 && ph === 1240), `A4 at 150 DPI, got ${pw}×${ph}`);
  assert.ok(png.length > 20000, 'the picture has content');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a brush stroke and a local rebalance are one undo step each; a home is picked on the map', async () => {
  const { page, context, log } = await allocatedBhubaneswar();
  const same = (rows) => page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=organiser-stats] tbody tr')].map((r) => r.textContent).join('|') === b.join('|'), rows);

  // A home picked on the map: the clicked ward becomes the home ward, a home pin appears.
  await page.getByRole('button', { name: `Pick ${NAMES[0]}'s home on the map` }).click();
  await page.locator('#map path.ward').nth(10).click({ force: true });
  await page.locator('.pin-home').first().waitFor();
  assert.match(await page.locator('[data-testid=organiser-list] li').first().textContent(), /Home ward: \d+/);

  // A brush stroke over three wards: one undo step.
  const before = await statsRows(page);
  await page.getByRole('button', { name: `Paint wards for ${NAMES[1]}` }).click();
  const centre = async (i) => {
    const b = await page.locator('#map path.ward').nth(i).boundingBox();
    return [b.x + b.width / 2, b.y + b.height / 2];
  };
  const [a, b, c] = [await centre(20), await centre(21), await centre(22)];
  await page.mouse.move(...a);
  await page.mouse.down();
  await page.mouse.move(...b, { steps: 5 });
  await page.mouse.move(...c, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
  const stroked = await statsRows(page);
  assert.notDeepEqual(stroked, before, 'the stroke gave wards to organiser 2');
  await page.keyboard.press('Control+z');
  await same(before);

  // Rebalance around organiser 1: areas stay in one piece; one undo step takes it back.
  const beforeRebalance = await statsRows(page);
  await page.getByRole('button', { name: `Rebalance ${NAMES[0]}'s area with its neighbours` }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=alloc-status] progress'));
  await page.waitForTimeout(300);
  const rebalanced = await statsRows(page);
  for (const r of rebalanced) assert.match(r, /one piece/, `one piece after rebalancing: ${r}`);
  if (rebalanced.join('|') !== beforeRebalance.join('|')) {
    await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await same(beforeRebalance);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});
