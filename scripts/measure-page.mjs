// Timed page in Chromium (a benchmark, never a test assertion): how long the release build
// takes from navigation to all ward shapes on the map, per bundled city, plus heap and sizes.
// Usage: node scripts/measure-page.mjs [runs]   (after `trunk build --release`)
// Also writes docs/screenshot.png.
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { startServer, launch, openPage, waitForWards, DIST } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer();
const browser = await launch();
const out = { runs, load_to_wards_ms: {}, switch_ms: {}, heap_mb: null, sizes: {} };

for (const [city, n] of [['lucknow', 110], ['bhopal', 85], ['bhubaneswar', 67]]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openPage(browser, server.origin, `/?city=${city}&lang=en`);
    await waitForWards(page, n);
    times.push(await page.evaluate(() => performance.now()));
    if (city === 'lucknow' && i === runs - 1) {
      out.heap_mb = +(await page.evaluate(() => performance.memory.usedJSHeapSize / 1e6)).toFixed(1);
    }
    await context.close();
  }
  out.load_to_wards_ms[city] = { median: Math.round(median(times)), min: Math.round(Math.min(...times)), max: Math.round(Math.max(...times)) };
}

// City switch: Lucknow → Bhubaneswar (fetch + parse + 67 polygons).
{
  const { page, context } = await openPage(browser, server.origin, '/?lang=en&city=lucknow');
  await waitForWards(page, 110);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const [to, n] = i % 2 ? ['lucknow', 110] : ['bhubaneswar', 67];
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('combobox', { name: 'City' }).selectOption(to);
    await waitForWards(page, n);
    times.push((await page.evaluate(() => performance.now())) - t0);
  }
  out.switch_ms = { median: Math.round(median(times)), min: Math.round(Math.min(...times)), max: Math.round(Math.max(...times)) };
  await context.close();
}

// Screenshot for the README (base map off: the CI machine is offline).
{
  const { page, context } = await openPage(browser, server.origin, '/?lang=hi&city=lucknow');
  await page.evaluate(() => localStorage.setItem('kshetra.v1.settings', JSON.stringify({ base_map: false })));
  await page.reload();
  await waitForWards(page, 110);
  await page.locator('#map path.ward').nth(60).click({ force: true });
  await page.waitForTimeout(300);
  fs.mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png' });
  await context.close();
}

for (const f of fs.readdirSync(DIST)) {
  if (/\.(wasm|js|css)$/.test(f)) {
    const b = fs.readFileSync(path.join(DIST, f));
    out.sizes[f.replace(/-[0-9a-f]{16}/, '')] = { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length };
  }
}
await browser.close();
await server.close();
console.log(JSON.stringify(out, null, 2));
