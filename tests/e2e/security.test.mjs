// Issue 19, "nothing gets in": the page policy (CSP) holds through a normal run, nothing leaves
// the page's origin with the base map off, and markup in imported names stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openPage, waitForWards, cspViolations } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1><img src="https://evil.example/x.png">',
];

/** The real Bhubaneswar map (67 wards) with a script/HTML payload in every ward name. */
function hostileMap() {
  const map = JSON.parse(fs.readFileSync(path.resolve(here, '../../public/data/bhubaneswar.geojson'), 'utf8'));
  map.features.forEach((f, i) => {
    f.properties.ward_name = `${PAYLOADS[i % PAYLOADS.length]} ${f.properties.ward_no}`;
    // Markup in every zone name too (the same on all wards of a zone, so zones stay whole).
    if (f.properties.zone) f.properties.zone = `${f.properties.zone} <b onmouseover=window.__pwned=1>`;
  });
  return Buffer.from(JSON.stringify(map));
}

/** Three organisers whose names are payloads. */
function hostileOrganisers() {
  const q = (s) => `"${s.replaceAll('"', '""')}"`;
  const rows = ['नाम,Mobile,Role,Capacity'];
  PAYLOADS.forEach((p, i) => rows.push(`${q(p)},98${String(76543210 + i).padStart(8, '0')},Community Organiser,1`));
  return Buffer.from(rows.join('\n'));
}

/** Nothing ran and no element came from imported text. */
async function assertNotPwned(page, where) {
  const state = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    injected: document.querySelectorAll('img[src=x], [onerror], [onload], [onmouseover], script:not([src]):not([type=module])').length,
  }));
  assert.equal(state.pwned, 'undefined', `window.__pwned is set (${where})`);
  assert.equal(state.injected, 0, `elements from imported text (${where})`);
}

test('the page policy holds: a full run has no CSP violation, and the policy is strict', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=bhubaneswar');
  await waitForWards(page, 67);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  console.log(`[measure] CSP: ${csp}`);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}'(;| )/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(csp, /inline-script-hashes/, 'the build hook replaced the placeholder');
  for (const d of ["default-src 'self'", "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(d), `${d} in the policy`);
  }
  // An inline script that is not Trunk's loader is refused.
  await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); });
  assert.equal(await page.evaluate(() => typeof window.__inline), 'undefined', 'an injected inline script must not run');
  const refused = await cspViolations(page);
  assert.equal(refused.length, 1, `exactly the injected script is refused: ${refused}`);
  await page.reload();
  await waitForWards(page, 67);
  log.errors.length = 0; log.csp.length = 0;
  // A normal run: organisers, automatic allocation (worker), ward table, poster.
  await page.getByLabel('Organisers list (CSV/Excel)').setInputFiles({ name: 'organisers.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Mobile\nAsha,9876543210\nRavi,9876543211\nसीमा,9876543212\n') });
  await page.getByTestId('organisers-import').waitFor();
  await page.getByRole('button', { name: 'Allocate automatically' }).click();
  await page.getByTestId('run-quality').waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: 'Show poster' }).click();
  await page.getByTestId('print-view').locator('.print-page svg').first().waitFor();
  await page.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('tab', { name: 'Ward table' }).click();
  await page.getByRole('region', { name: 'Ward table' }).locator('tbody tr').first().waitFor();
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.csp, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('base map off: import, allocate and poster make no request outside the origin; imported markup stays text', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByRole('checkbox', { name: 'Base map (OpenStreetMap)' }).uncheck();
  await page.reload();
  await waitForWards(page, 110);
  log.requests.length = 0;

  // Import a ward map whose names carry markup (file name too).
  const file = `${PAYLOADS[0]}.geojson`;
  await page.getByLabel('Map file').setInputFiles({ name: file, mimeType: 'application/geo+json', buffer: hostileMap() });
  const preview = page.getByRole('group', { name: /Check the import/ });
  await preview.waitFor();
  await preview.getByRole('button', { name: 'Use this map' }).click();
  await waitForWards(page, 67);
  await assertNotPwned(page, 'after the import');

  // Tooltip and ward details show the names as text.
  const ward = page.locator('#map path.ward').nth(3);
  await ward.hover({ force: true });
  await page.locator('.leaflet-tooltip').waitFor();
  const tip = await page.locator('.leaflet-tooltip').textContent();
  assert.ok(PAYLOADS.some((p) => tip.includes(p)), `the tooltip shows the name as text: ${tip}`);
  await ward.click({ force: true });
  const details = await page.getByTestId('ward-details').textContent();
  assert.ok(PAYLOADS.some((p) => details.includes(p)), `the details show the name as text: ${details}`);
  await assertNotPwned(page, 'tooltip and details');

  // Organisers with markup in their names, an automatic allocation, the poster.
  await page.getByLabel('Organisers list (CSV/Excel)').setInputFiles({ name: 'organisers.csv', mimeType: 'text/csv', buffer: hostileOrganisers() });
  await page.getByTestId('organisers-import').waitFor();
  await page.getByTestId('organiser-list').locator('li').nth(2).waitFor();
  const list = await page.getByTestId('organiser-list').textContent();
  for (const p of PAYLOADS) assert.ok(list.includes(p), `organiser list shows ${p} as text`);
  await page.getByRole('button', { name: 'Allocate automatically' }).click();
  await page.getByTestId('run-quality').waitFor({ timeout: 60000 });
  const stats = await page.getByTestId('organiser-stats').textContent();
  for (const p of PAYLOADS) assert.ok(stats.includes(p), `figures show ${p} as text`);
  const labels = await page.locator('.area-label').allTextContents();
  assert.ok(labels.some((l) => PAYLOADS.some((p) => l.includes(p))), `area labels show names as text: ${labels}`);
  await assertNotPwned(page, 'organisers and allocation');

  await page.getByRole('button', { name: 'Show poster' }).click();
  const svg = page.getByTestId('print-view').locator('.print-page svg').first();
  await svg.waitFor();
  const poster = await svg.evaluate((s) => ({ text: s.textContent, markup: s.querySelectorAll('script, img, foreignObject, [onload], [onerror]').length }));
  for (const p of PAYLOADS) assert.ok(poster.text.includes(p), `the poster prints ${p} as text`);
  assert.equal(poster.markup, 0, 'no elements from imported text in the poster');
  await page.getByRole('button', { name: 'Close' }).last().click();
  await assertNotPwned(page, 'poster');

  // Exports: the names come out as data (CSV cells, JSON strings, XML text), never as markup.
  const download = async (name) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
    return fs.readFileSync(await d.path(), 'utf8');
  };
  const csv = await download('Allocation list (CSV)');
  for (const p of PAYLOADS.slice(0, 2)) assert.ok(csv.includes(p), `the CSV holds ${p} as a cell`);
  const wards = JSON.parse(await download('Wards with organisers (GeoJSON)'));
  const names = JSON.stringify(wards.features.map((f) => f.properties));
  for (const p of PAYLOADS) assert.ok(names.includes(JSON.stringify(p).slice(1, -1)), `the GeoJSON holds ${p} as a string`);
  for (const label of ['Wards with organisers (KML)', "Organisers' areas (KML, Google Earth)"]) {
    const kml = await download(label);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        broken: doc.getElementsByTagName('parsererror').length,
        markup: doc.querySelectorAll('script, img, svg, b').length,
        text: doc.documentElement.textContent,
      };
    }, kml);
    assert.equal(parsed.broken, 0, `${label} is well-formed XML`);
    assert.equal(parsed.markup, 0, `${label} has no elements from imported text`);
    assert.ok(PAYLOADS.some((p) => parsed.text.includes(p)), `${label} holds the names as text`);
  }
  await assertNotPwned(page, 'exports');

  // The ward table.
  await page.getByRole('tab', { name: 'Ward table' }).click();
  const table = page.getByRole('region', { name: 'Ward table' });
  await table.locator('tbody tr').first().waitFor();
  const rows = (await table.locator('tbody').textContent());
  for (const p of PAYLOADS) assert.ok(rows.includes(p), `the ward table shows ${p} as text`);
  await assertNotPwned(page, 'ward table');

  const outside = log.requests.filter((u) => !u.startsWith(server.origin + '/'));
  console.log(`[measure] requests with the base map off through import + allocate + poster: ${log.requests.length}, outside the origin: ${outside.length}`);
  assert.deepEqual(outside, []);
  assert.ok(log.requests.length > 3, 'requests were recorded');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
