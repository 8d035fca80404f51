// End-to-end tests of the release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitForWards, SUB_PATH } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('opens on the Lucknow ward map in Hindi with no console errors', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  await waitForWards(page, 110);
  assert.equal(await page.locator('html').getAttribute('lang'), 'hi');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'क्षेत्र');
  assert.equal(await page.getByTestId('ward-count').textContent(), '110');
  assert.equal(await page.getByTestId('zone-count').textContent(), '6');
  assert.equal(await page.getByTestId('population').textContent(), 'ज्ञात नहीं');
  // Six zones, six distinct fill colours on the map.
  const fills = await page.locator('#map path.ward').evaluateAll((ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size);
  assert.equal(fills, 6);
  // Data attribution, in the side panel and on the map.
  assert.match(await page.getByTestId('data-attribution').textContent(), /Lucknow Municipal Spatial Data by DataMeet India community \(CC BY 4\.0\)/);
  assert.match(await page.locator('.leaflet-control-attribution').textContent(), /DataMeet India community/);
  assert.match(await page.locator('.leaflet-control-attribution').textContent(), /OpenStreetMap/);
  // The map is fitted to the city: every ward is inside the visible map area.
  const fit = await page.evaluate(() => {
    const m = document.querySelector('#map').getBoundingClientRect();
    const wards = [...document.querySelectorAll('#map path.ward')].map((p) => p.getBoundingClientRect());
    const b = wards.reduce((a, r) => ({ l: Math.min(a.l, r.left), t: Math.min(a.t, r.top), r: Math.max(a.r, r.right), b: Math.max(a.b, r.bottom) }), { l: 1e9, t: 1e9, r: -1e9, b: -1e9 });
    return { inside: b.l >= m.left - 1 && b.t >= m.top - 1 && b.r <= m.right + 1 && b.b <= m.bottom + 1, fill: Math.max((b.r - b.l) / m.width, (b.b - b.t) / m.height) };
  });
  assert.ok(fit.inside, 'city inside the map');
  assert.ok(fit.fill > 0.6, `city fills the map (${fit.fill.toFixed(2)})`);
  // The Devanagari font is the bundled one.
  assert.ok(await page.evaluate(() => document.fonts.check('16px "Noto Sans Devanagari"', 'क्षेत्र')));
  assert.ok(await page.evaluate(async () => { await document.fonts.ready; return [...document.fonts].some((f) => f.family.includes('Noto Sans Devanagari') && f.status === 'loaded'); }));
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.failed, []);
  await context.close();
});

test('hover shows the ward number, a tap shows its details', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  await waitForWards(page, 110);
  const ward = page.locator('#map path.ward').nth(40);
  await ward.hover({ force: true });
  await page.locator('.leaflet-tooltip').waitFor();
  assert.match(await page.locator('.leaflet-tooltip').textContent(), /वार्ड \d+/);
  await ward.click({ force: true });
  const details = page.getByTestId('ward-details');
  await details.waitFor();
  const text = await details.textContent();
  assert.match(text, /वार्ड संख्या\d+/);
  assert.match(text, /ज़ोन[1-6]/);
  // Exactly one ward is outlined as selected.
  assert.equal(await page.locator('#map path.ward[stroke-width="3.5"]').count(), 1);
  await page.getByRole('button', { name: 'बंद करें' }).click();
  await details.waitFor({ state: 'detached' });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('language switch changes visible labels, persists, and ?lang= selects it', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  await waitForWards(page, 110);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'City summary' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByTestId('population').textContent(), 'not known');
  assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
  assert.match(page.url(), /lang=en/);
  // Persisted: a new visit without ?lang opens in English.
  const again = await context.newPage();
  await again.goto(server.origin + '/');
  await again.getByRole('heading', { name: 'City summary' }).waitFor();
  // The URL parameter wins over the stored choice.
  await again.goto(server.origin + '/?lang=hi');
  await again.getByRole('heading', { name: 'शहर का सारांश' }).waitFor();
  assert.equal(await again.locator('html').getAttribute('lang'), 'hi');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('choosing Bhopal shows 85 wards with Indian digit grouping', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByRole('combobox', { name: 'City', exact: true }).selectOption('bhopal');
  await waitForWards(page, 85);
  assert.equal(await page.getByTestId('ward-count').textContent(), '85');
  assert.equal(await page.getByTestId('zone-count').textContent(), '19');
  assert.equal(await page.getByTestId('population').textContent(), '19,02,624');
  await page.locator('.note').filter({ hasText: 'Population is not entered for 1 wards' }).waitFor();
  await page.locator('.note').filter({ hasText: '1 wards have no estimate' }).waitFor();
  assert.match(await page.getByTestId('data-attribution').textContent(), /Bhopal Municipal Spatial Data .*CC BY-SA 2\.5 IN/);
  await page.getByRole('combobox', { name: 'City', exact: true }).selectOption('bhubaneswar');
  await waitForWards(page, 67);
  assert.equal(await page.getByTestId('population').textContent(), '8,40,834');
  // The choice of city survives a reload.
  await page.reload();
  await waitForWards(page, 67);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('works when served from a sub-path', async () => {
  const { page, context, log } = await openPage(browser, server.origin, SUB_PATH);
  await waitForWards(page, 110);
  const own = log.requests.filter((u) => u.startsWith(server.origin));
  assert.ok(own.length > 5);
  for (const u of own) assert.ok(u.startsWith(server.origin + SUB_PATH), `request outside the sub-path: ${u}`);
  await page.getByRole('combobox', { name: 'शहर' }).selectOption('bhopal');
  await waitForWards(page, 85);
  assert.deepEqual(log.failed, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('with the base map off, no request leaves the page origin', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  await waitForWards(page, 110);
  // With the base map on, tiles are requested from OpenStreetMap (answered locally here).
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile').length > 0);
  assert.ok(log.requests.some((u) => u.startsWith('https://tile.openstreetmap.org/')), 'tiles requested while on');
  await page.getByRole('checkbox', { name: 'आधार नक्शा (OpenStreetMap)' }).uncheck();
  assert.equal(await page.locator('.leaflet-tile').count(), 0);
  log.requests.length = 0;
  // Fresh load with the stored setting, then use the app: nothing may leave the origin.
  await page.reload();
  await waitForWards(page, 110);
  await page.getByRole('combobox', { name: 'शहर' }).selectOption('bhubaneswar');
  await waitForWards(page, 67);
  await page.locator('.leaflet-control-zoom-in').click();
  await page.mouse.move(800, 400); await page.mouse.down(); await page.mouse.move(600, 300); await page.mouse.up();
  await page.waitForTimeout(500);
  const outside = log.requests.filter((u) => !u.startsWith(server.origin));
  assert.deepEqual(outside, []);
  assert.ok(log.requests.length > 3, 'requests were recorded');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the tile URL is a setting, and a bad one is refused with a message', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  const input = page.getByRole('textbox', { name: 'Tile URL' });
  await input.fill('ftp://tiles.example.org/{z}.png');
  await input.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The tile URL must start with https://' }).waitFor();
  await input.fill('https://tiles.example.org/{z}/{x}/{y}.png');
  await input.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.leaflet-tile')].some((t) => t.src.startsWith('https://tiles.example.org/')));
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.getByRole('button', { name: 'Default' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.leaflet-tile')].every((t) => t.src.startsWith('https://tile.openstreetmap.org/')));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a map that fails to load gives a bilingual message and can be retried', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  let truncate = true;
  await page.route('**/data/bhopal.geojson', async (route) => {
    if (!truncate) return route.continue();
    const response = await route.fetch();
    const body = (await response.body()).subarray(0, 5000);
    return route.fulfill({ response, body });
  });
  await page.getByRole('combobox', { name: 'City', exact: true }).selectOption('bhopal');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /data\/bhopal\.geojson" is cut off: it ends at line 1 .*Download or export it again/);
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  assert.match(await alert.textContent(), /अधूरी है: नक्शा पूरा होने से पहले ही पंक्ति 1 पर ख़त्म/);
  truncate = false;
  await page.getByRole('button', { name: 'फिर से कोशिश करें' }).click();
  await waitForWards(page, 85);
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('controls have accessible names', async () => {
  const { page, context } = await openPage(browser, server.origin, '/');
  await waitForWards(page, 110);
  await page.getByRole('combobox', { name: 'शहर' }).waitFor();
  await page.getByRole('group', { name: 'भाषा / Language' }).waitFor();
  await page.getByRole('button', { name: 'हिन्दी' }).waitFor();
  await page.getByRole('region', { name: 'वार्डों का नक्शा' }).waitFor();
  await page.getByRole('checkbox', { name: 'आधार नक्शा (OpenStreetMap)' }).waitFor();
  await page.getByRole('textbox', { name: 'टाइल का पता (URL)' }).waitFor();
  await page.getByRole('button', { name: 'Zoom in' }).waitFor();
  await context.close();
});

test('neighbours and map pieces follow the tolerance; pieces can be joined and links persist', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  assert.equal(await page.getByTestId('piece-count').textContent(), '1');
  await page.locator('#map path.ward').nth(40).click({ force: true });
  assert.match(await page.getByTestId('neighbours').textContent(), /^\d+(, \d+)+$/);
  // Exactly shared borders only: Lucknow's hand-digitised wards fall into 103 pieces.
  const tolerance = page.getByRole('spinbutton', { name: 'Neighbour tolerance (metres)' });
  await tolerance.fill('0');
  await tolerance.press('Enter');
  await page.getByTestId('piece-count').filter({ hasText: '103' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'The map is in 103 separate pieces' }).waitFor();
  assert.ok(await page.locator('#map path.ward[stroke-dasharray="6 4"]').count() > 90, 'separate pieces outlined');
  await page.getByRole('button', { name: 'Join every piece to its nearest ward' }).click();
  await page.getByTestId('piece-count').filter({ hasText: /^1$/ }).waitFor();
  assert.equal(await page.locator('#map path.ward[stroke-dasharray="6 4"]').count(), 0);
  const links = await page.locator('.link-list li').count();
  assert.ok(links >= 102, `links added: ${links}`);
  // Links and tolerance survive a reload; removing one link splits the map again.
  await page.reload();
  await waitForWards(page, 110);
  await page.getByTestId('piece-count').filter({ hasText: /^1$/ }).waitFor();
  await page.locator('.link-list li').first().getByRole('button', { name: 'Remove' }).click();
  await page.getByTestId('piece-count').filter({ hasText: '2' }).waitFor();
  // A bad tolerance is refused with a message and changes nothing.
  await tolerance.fill('-3');
  await tolerance.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The tolerance must be a number from 0 to 100 metres.' }).waitFor();
  assert.equal(await page.getByTestId('piece-count').textContent(), '2');
  assert.deepEqual(log.errors, []);
  await context.close();
});

const RAW = new URL('../../crates/kshetra-core/tests/fixtures/raw/', import.meta.url).pathname;
const FIX = new URL('./fixtures/', import.meta.url).pathname;

test('a ward column whose numbers repeat merges features only after the officer confirms', async () => {
  // 30 squares whose only ward-like column holds 3 letters (an administrative ward, as in a
  // real 227-ward file whose WARD column had 24): never merged silently (issue 16).
  const features = [];
  for (let i = 0; i < 30; i++) {
    const [x, y] = [80.9 + (i % 6) * 0.01, 26.8 + Math.floor(i / 6) * 0.01];
    features.push({ type: 'Feature', properties: { ward: 'ABC'[Math.floor(i / 10)], POPULATION: 1000 + i },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] } });
  }
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByLabel('Map file').setInputFiles({ name: 'admin.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
  const warning = page.getByTestId('wards-would-merge');
  await warning.waitFor();
  assert.match(await warning.textContent(), /30 features .*admin\.geojson.* only 3 wards|admin\.geojson.*30 features.*only 3 wards/);
  assert.equal(await page.getByRole('button', { name: 'Use this map' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Yes, join the features with the same number into one ward each' }).click();
  await page.getByTestId('import-result').filter({ hasText: /^3 wards/ }).waitFor();
  await page.getByRole('button', { name: 'Use this map' }).click();
  await waitForWards(page, 3);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('imports a KML with Devanagari names after a preview; a broken file changes nothing', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  // A 0-byte file: a clear message, the current map untouched.
  await page.getByLabel('Map file').setInputFiles({ name: 'wards.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.alloc(0) });
  await page.getByRole('alert').filter({ hasText: 'wards.kml' }).waitFor();
  assert.equal(await page.locator('#map path.ward').count(), 110);
  // The real Bhopal KML: preview with the detected mapping, nothing replaced yet.
  await page.getByLabel('Map file').setInputFiles(RAW + 'bhopal/Ward Map of Bhopal.kml');
  const preview = page.getByRole('group', { name: /Check the import: Ward Map of Bhopal\.kml/ });
  await preview.waitFor();
  assert.match(await preview.textContent(), /Format Kml: 86 features/);
  assert.match(await page.getByTestId('import-result').textContent(), /85 wards, 19 zones; population known for 84 wards/);
  assert.match(await preview.textContent(), /Ward 76 /, 'the duplicate ward 76 is reported');
  assert.equal(await page.locator('#map path.ward').count(), 110, 'nothing replaced before accepting');
  await preview.getByRole('button', { name: 'Use this map' }).click();
  await waitForWards(page, 85);
  assert.equal(await page.getByTestId('population').textContent(), '19,02,624');
  assert.match(await page.getByTestId('data-attribution').textContent(), /Map imported from your file "Ward Map of Bhopal\.kml"/);
  // Devanagari names survive into the ward details.
  await page.locator('#map path.ward').first().click({ force: true });
  assert.match(await page.getByTestId('ward-details').textContent(), /[\u0900-\u097F]/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('imports a zipped Shapefile, and joins an Excel ward table with a report both ways', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByLabel('Map file').setInputFiles(RAW + 'lucknow/Lucknow_ward_boundary-SHP.zip');
  const preview = page.getByRole('group', { name: /Check the import/ });
  await preview.waitFor();
  assert.match(await page.getByTestId('import-result').textContent(), /110 wards, 6 zones; population known for 0 wards/);
  await preview.getByRole('button', { name: 'Use this map' }).click();
  await page.getByRole('group', { name: /Check the import/ }).waitFor({ state: 'detached' });
  await waitForWards(page, 110);
  assert.equal(await page.getByTestId('population').textContent(), 'not known');
  // Join the (synthetic) Excel table: ward numbers like "W-7" and "०९" still match.
  await page.getByLabel('Table file').setInputFiles(FIX + 'lucknow-wards-synthetic.xlsx');
  const check = page.getByRole('group', { name: /Check the table: lucknow-wards-synthetic\.xlsx/ });
  await check.waitFor();
  // Keep the map's ward names: map the table's name column to nothing.
  await check.getByLabel('Ward name').selectOption('');
  const report = await page.getByTestId('join-report').textContent();
  assert.match(report, /108 wards matched/);
  assert.match(report, /In the map but not in the table \(2\): 109, 110/);
  assert.match(report, /In the table but not in the map \(1\): row \d+ \(ward 999\)/);
  assert.match(report, /Not numbers \(1\): row \d+ \(ward 50\) — Households: "about 5000"/);
  await check.getByRole('button', { name: 'Apply to the map' }).click();
  // Population = Σ (20,000 + 37 n) for n = 1..108 = 23,77,782.
  await page.getByTestId('population').filter({ hasText: '23,77,782' }).waitFor();
  await page.locator('#map path.ward').first().click({ force: true });
  assert.doesNotMatch(await page.getByTestId('ward-details').textContent(), /Ward 1\b/, 'names kept');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('estimates poor households and organisers needed; settings are validated and persist', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=bhubaneswar');
  await waitForWards(page, 67);
  // Expected from the file: Σ round(population × 0.27 ÷ 4.8); organisers needed = ⌈total ÷ 3,000⌉.
  const fs = await import('node:fs');
  const gj = JSON.parse(fs.readFileSync(new URL('../../public/data/bhubaneswar.geojson', import.meta.url)));
  const total = (share) => gj.features.reduce((s, f) => s + Math.round(f.properties.population * share / 4.8), 0);
  const indian = (n) => n.toLocaleString('en-IN');
  await page.getByTestId('poor-total').filter({ hasText: indian(total(0.27)) }).waitFor();
  assert.equal(await page.getByTestId('organisers-needed').textContent(), indian(Math.ceil(total(0.27) / 3000)));
  await page.getByTestId('organisers-available').fill('10');
  await page.getByTestId('organisers-available').press('Enter');
  await page.getByTestId('shortfall').filter({ hasText: String(Math.ceil(total(0.27) / 3000) - 10) }).waitFor();
  await page.getByTestId('poor-share').fill('30');
  await page.getByTestId('poor-share').press('Enter');
  await page.getByTestId('poor-total').filter({ hasText: indian(total(0.30)) }).waitFor();
  await page.getByTestId('poor-share').fill('150');
  await page.getByTestId('poor-share').press('Enter');
  await page.getByRole('alert').filter({ hasText: 'Poor share of households (%): "150" is not valid' }).waitFor();
  assert.equal(await page.getByTestId('poor-total').textContent(), indian(total(0.30)));
  await page.reload();
  await waitForWards(page, 67);
  await page.getByTestId('poor-total').filter({ hasText: indian(total(0.30)) }).waitFor();
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the ward table sorts, searches and edits; the map and totals follow at once', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=lucknow');
  await waitForWards(page, 110);
  await page.getByRole('tab', { name: 'Ward table' }).click();
  const table = page.getByRole('region', { name: 'Ward table' });
  assert.equal(await table.locator('tbody tr').count(), 110);
  await table.getByLabel('Search (ward number or name)').fill('12');
  const row = table.locator('tr[data-ward="12"]');
  await row.waitFor();
  assert.ok(await table.locator('tbody tr').count() < 110);
  // A bad value is refused with a message naming the ward; nothing changes.
  assert.equal(await page.getByTestId('poor-total').textContent(), 'not known');
  await row.getByLabel('Ward 12 — Population').fill('abc');
  await row.getByLabel('Ward 12 — Population').press('Enter');
  await page.getByRole('alert').filter({ hasText: 'Ward 12, Population: "abc" is not a whole number — not changed.' }).waitFor();
  assert.equal(await page.getByTestId('population').textContent(), 'not known');
  await row.getByLabel('Ward 12 — Population').fill('25,000');
  await row.getByLabel('Ward 12 — Population').press('Enter');
  await page.getByTestId('population').filter({ hasText: '25,000' }).waitFor();
  // Poor households: 25,000 × 0.27 ÷ 4.8 = 1,406.25 → 1,406, shown as an estimate.
  await page.getByTestId('poor-total').filter({ hasText: '1,406' }).waitFor();
  await table.locator('tr[data-ward="12"] .estimate').filter({ hasText: 'estimate 1,406' }).waitFor();
  await table.locator('tr[data-ward="12"]').getByLabel('Ward 12 — Poor households').fill('2000');
  await table.locator('tr[data-ward="12"]').getByLabel('Ward 12 — Poor households').press('Enter');
  await page.getByTestId('poor-total').filter({ hasText: '2,000' }).waitFor();
  await table.locator('tr[data-ward="12"]').getByLabel('Ward 12 — Zone').fill('9');
  await table.locator('tr[data-ward="12"]').getByLabel('Ward 12 — Zone').press('Enter');
  await page.getByTestId('zone-count').filter({ hasText: '7' }).waitFor();
  // Sorting: population descending puts ward 12 first.
  await table.getByLabel('Search (ward number or name)').fill('');
  await table.getByRole('button', { name: 'Population' }).click();
  await table.getByRole('button', { name: 'Population' }).click();
  assert.equal(await table.locator('thead th').nth(3).getAttribute('aria-sort'), 'descending');
  assert.equal(await table.locator('tbody tr').first().getAttribute('data-ward'), '12');
  // Back on the map: the ward shows its new figures, and the map still has every ward.
  await page.getByRole('tab', { name: 'Map' }).click();
  assert.equal(await page.locator('#map path.ward').count(), 110);
  assert.equal(await page.locator('#map path.ward').evaluateAll((ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size), 7);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('edits and imported maps are kept in the browser across reloads; the original can be restored', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByRole('tab', { name: 'Ward table' }).click();
  const cell = page.locator('tr[data-ward="5"]').getByLabel('Ward 5 — Population');
  await cell.fill('31000');
  await cell.press('Enter');
  await page.getByTestId('population').filter({ hasText: '31,000' }).waitFor();
  await page.getByTestId('saved-note').waitFor();
  await page.waitForTimeout(1500); // the save is debounced
  await page.reload();
  await waitForWards(page, 110);
  await page.getByTestId('population').filter({ hasText: '31,000' }).waitFor();
  // An imported map comes back after a reload too.
  await page.getByLabel('Map file').setInputFiles(new URL('../../crates/kshetra-core/tests/fixtures/raw/bhubaneswar/Wards.kml', import.meta.url).pathname);
  await page.getByRole('button', { name: 'Use this map' }).click();
  await waitForWards(page, 67);
  await page.waitForTimeout(500);
  await page.reload();
  await waitForWards(page, 67);
  assert.match(await page.getByTestId('data-attribution').textContent(), /Map imported from your file "Wards\.kml"/);
  // Back to Lucknow: the edited copy; then restore the original.
  await page.getByRole('combobox', { name: 'City', exact: true }).selectOption('lucknow');
  await waitForWards(page, 110);
  await page.getByTestId('population').filter({ hasText: '31,000' }).waitFor();
  await page.getByRole('button', { name: 'Restore the original map (discard my changes)' }).click();
  await page.getByTestId('population').filter({ hasText: 'not known' }).waitFor();
  await page.reload();
  await waitForWards(page, 110);
  assert.equal(await page.getByTestId('population').textContent(), 'not known');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the officer links two wards of their choice; a wrong ward number is refused', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en&city=lucknow');
  await waitForWards(page, 110);
  await page.locator('#map path.ward').nth(40).click({ force: true });
  const details = page.getByTestId('ward-details');
  await details.waitFor();
  const own = (await details.locator('dd').first().textContent()).trim();
  const before = (await page.getByTestId('neighbours').textContent()).split(', ');
  const far = Array.from({ length: 110 }, (_, i) => String(i + 1)).find((n) => n !== own && !before.includes(n));
  const input = page.getByLabel(`Link ward ${own} to ward:`);
  await input.fill('999');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'There is no ward "999" on this map.' }).waitFor();
  await input.fill(far);
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByTestId('neighbours').filter({ hasText: new RegExp(`(^|, )${far}(,|$)`) }).waitFor();
  assert.equal(await page.locator('.link-list li').count(), 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});
