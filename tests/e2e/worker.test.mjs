// End-to-end tests of the Web Worker import (src/worker.rs): a 10,000-ward, ~50 MB GeoJSON is
// read off the main thread with progress shown; from the sub-path the worker is same-origin;
// when the worker cannot load, the import runs in the page as before. Timings are printed
// (for the notes), never asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, openPage, waitForWards, SUB_PATH } from './harness.mjs';

let server, browser, bigFile;
before(async () => {
  server = await startServer();
  browser = await launch();
  bigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kshetra-e2e-')), 'grid-10000.geojson');
  fs.writeFileSync(bigFile, gridGeojson(100, 100, 50));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (bigFile) fs.rmSync(path.dirname(bigFile), { recursive: true, force: true });
});

/**
 * A w×h grid of square wards near Bhopal, each side densified to `per` segments (shared edges
 * identical on both sides), with ward number, name, population and zone: 100×100×50 ≈ 50 MB.
 */
function gridGeojson(w, h, per) {
  const size = 0.002; // ≈ 200 m
  const c = (v) => v.toFixed(7);
  const parts = ['{"type":"FeatureCollection","features":['];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const x0 = 77.3 + x * size, y0 = 23.2 + y * size;
      const ring = [];
      for (let i = 0; i < per; i++) ring.push(`[${c(x0 + (size * i) / per)},${c(y0)}]`);
      for (let i = 0; i < per; i++) ring.push(`[${c(x0 + size)},${c(y0 + (size * i) / per)}]`);
      for (let i = 0; i < per; i++) ring.push(`[${c(x0 + size - (size * i) / per)},${c(y0 + size)}]`);
      for (let i = 0; i < per; i++) ring.push(`[${c(x0)},${c(y0 + size - (size * i) / per)}]`);
      ring.push(ring[0]);
      const n = y * w + x + 1;
      parts.push(`${n > 1 ? ',' : ''}{"type":"Feature","properties":{"Ward_No":"${n}","Ward_Name":"Ward ${n}","POPULATION":${1000 + (n % 97) * 13},"Zone":"Zone ${1 + Math.floor(y / 10)}"},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`);
    }
  }
  parts.push(']}');
  return parts.join('');
}

/** Starts a main-thread heartbeat in the page (requestAnimationFrame + a 16 ms timer). */
async function startHeartbeat(page) {
  await page.evaluate(() => {
    const beat = { last: performance.now(), maxGap: 0, ticks: 0 };
    const tick = () => {
      const t = performance.now();
      beat.maxGap = Math.max(beat.maxGap, t - beat.last);
      beat.last = t;
      beat.ticks++;
    };
    const frame = () => { tick(); beat.raf = requestAnimationFrame(frame); };
    beat.raf = requestAnimationFrame(frame);
    beat.timer = setInterval(tick, 16);
    window.kshetraTestBeat = beat;
  });
}

async function stopHeartbeat(page) {
  return page.evaluate(() => {
    const beat = window.kshetraTestBeat;
    cancelAnimationFrame(beat.raf);
    clearInterval(beat.timer);
    const t = performance.now();
    return { maxGap: Math.max(beat.maxGap, t - beat.last), ticks: beat.ticks };
  });
}

/** Imports the big file and waits for the preview; returns timings and the progress seen. */
async function importBig(page) {
  await startHeartbeat(page);
  const started = Date.now();
  const statuses = new Set();
  const watch = setInterval(async () => {
    const s = await page.getByTestId('import-status').textContent({ timeout: 50 }).catch(() => null);
    if (s) statuses.add(s);
  }, 50);
  await page.getByLabel('Map file').setInputFiles(bigFile);
  await page.getByTestId('import-result').waitFor({ timeout: 180000 });
  clearInterval(watch);
  const seconds = (Date.now() - started) / 1000;
  const beat = await stopHeartbeat(page);
  return { seconds, ...beat, statuses: [...statuses] };
}

test('a 10,000-ward, ~50 MB map is read in a worker: the page keeps responding and shows progress', async () => {
  const { page, context, log } = await openPage(browser, server.origin, SUB_PATH + '?lang=en');
  await waitForWards(page, 110);
  const mb = fs.statSync(bigFile).size / 1e6;
  const r = await importBig(page);
  console.log(`[measure] worker import of 10,000 wards (${mb.toFixed(1)} MB): ${r.seconds.toFixed(2)} s to preview, longest main-thread gap ${r.maxGap.toFixed(0)} ms, ${r.ticks} heartbeats; progress seen: ${JSON.stringify(r.statuses)}`);
  assert.match(await page.getByTestId('import-result').textContent(), /10,000 wards, 10 zones; population known for 10,000 wards/);
  assert.ok(r.statuses.some((s) => /Reading|features read/.test(s)), `progress text shown: ${JSON.stringify(r.statuses)}`);
  assert.ok(r.maxGap < 250, `main thread blocked for ${r.maxGap.toFixed(0)} ms while the file was read`);
  // The worker was started from the sub-path, same-origin, by a relative URL.
  const workers = page.workers().map((w) => w.url());
  assert.deepEqual(workers, [server.origin + SUB_PATH + 'kshetra_worker_loader.js']);
  const own = log.requests.filter((u) => u.startsWith(server.origin));
  for (const u of own) assert.ok(u.startsWith(server.origin + SUB_PATH), `request outside the sub-path: ${u}`);
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('https://tile.openstreetmap.org/')), []);
  // Nothing replaced before accepting; then the map comes over from the worker.
  assert.equal(await page.locator('#map path.ward').count(), 110);
  // Accepting: the map, its adjacency graph and the record to save come from the worker; the
  // page only draws (on one canvas, as the map is big).
  await startHeartbeat(page);
  const accepted = Date.now();
  const acceptStatuses = new Set();
  const watch = setInterval(async () => {
    const s = await page.getByTestId('import-status').textContent({ timeout: 50 }).catch(() => null);
    if (s) acceptStatuses.add(s);
  }, 50);
  await page.getByRole('button', { name: 'Use this map' }).click();
  await page.locator('#map[data-wards="10000"]').waitFor({ state: 'attached', timeout: 180000 });
  clearInterval(watch);
  const drawn = (Date.now() - accepted) / 1000;
  await page.getByTestId("piece-count").filter({ hasText: /^1$/ }).waitFor({ timeout: 180000 });
  const acceptBeat = await stopHeartbeat(page);
  console.log(`[measure] accepting the 10,000-ward map: drawn after ${drawn.toFixed(2)} s, graph shown after ${((Date.now() - accepted) / 1000).toFixed(2)} s; longest main-thread gap ${acceptBeat.maxGap.toFixed(0)} ms`);
  console.log(`[measure] progress seen while accepting: ${JSON.stringify([...acceptStatuses])}`);
  assert.ok([...acceptStatuses].some((s) => /Finding the neighbours of 10,000 wards/.test(s)), `progress shown: ${JSON.stringify([...acceptStatuses])}`);
  assert.equal(await page.locator('#map').getAttribute('data-renderer'), 'canvas');
  assert.equal(await page.locator('#map path.ward').count(), 0, 'a big map is drawn on a canvas, not as 10,000 SVG paths');
  assert.deepEqual(page.workers(), [], 'the worker is stopped once the map is taken');
  assert.deepEqual(log.failed, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('when the worker cannot load, the import runs in the page as before', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?lang=en');
  await context.route(/kshetra_worker/, (route) => route.abort());
  await waitForWards(page, 110);
  // A small real file first: the preview and the typed errors are the same.
  await page.getByLabel('Map file').setInputFiles({ name: 'wards.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.alloc(0) });
  await page.getByRole('alert').filter({ hasText: 'wards.kml' }).waitFor();
  const r = await importBig(page);
  console.log(`[measure] in-page import (no worker, the path before) of 10,000 wards: ${r.seconds.toFixed(2)} s to preview, longest main-thread gap ${r.maxGap.toFixed(0)} ms, ${r.ticks} heartbeats`);
  assert.match(await page.getByTestId('import-result').textContent(), /10,000 wards, 10 zones/);
  assert.deepEqual(page.workers(), []);
  assert.equal(await page.locator('#map path.ward').count(), 110, 'nothing replaced before accepting');
  await context.close();
});
