// Profiles one hand edit at 10,000 wards: loads a 100×100 grid map, 200 organisers, allocates,
// then paints a border ward to the neighbouring organiser under Chromium's CPU profiler and
// prints where the main thread spent its time (self time per function, top 40), plus the
// time from the input event to the figures changing and to the next frame.
//
//   node scripts/profile-edit.mjs                # against dist/
//   KSHETRA_DIST=/tmp/prof-dist node scripts/profile-edit.mjs
//
// The paint is the mouse button going down (the brush paints then; it is released after the
// reading). More: TRACE=1 (browser work by kind), TRACE=invalidations (what invalidated
// layout), TRACE=stack (JS stacks of forced layouts), TRACE_OUT=file, PROFILE_OUT=prefix (the
// CPU profiles), EXTRA_CSS='…' (a style sheet added first, to try what rendering costs),
// EVENTS=1 (the Event Timing entries seen), RUNS=n, FLOOR=1 (the same inputs, but the app does
// not see them: a ward-sized patch of the map canvas and one side-panel figure change
// directly, the least any edit must cost the browser).
//
// Function names inside the wasm need a build that keeps them:
//   sed 's/data-bin="kshetra" /data-bin="kshetra" data-keep-debug /' index.html > index-prof.html
//   trunk build --release index-prof.html --dist /tmp/prof-dist
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, openPage, waitForWards, gridGeojson, armInputTiming, readInputTiming } from '../tests/e2e/harness.mjs';

const runs = Number(process.env.RUNS || 3);

/** Prints self time per function from a CPU profile (top 40). */
function report(what, profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + f.lineNumber : ''}`;
    self.set(key, (self.get(key) || 0) + (dt[i + 1] || 0) / 1000);
  });
  const busy = [...self.entries()].filter(([k]) => !/^\(idle\)|^\(program\)/.test(k)).reduce((s, [, v]) => s + v, 0);
  console.log(`\n== ${what}: main thread busy ${busy.toFixed(0)} ms`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  if (process.env.PROFILE_OUT) fs.writeFileSync(`${process.env.PROFILE_OUT}-${what.split(' ')[0]}.cpuprofile`, JSON.stringify(profile));
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kshetra-prof-'));
const file = path.join(dir, 'grid-10000.geojson');
fs.writeFileSync(file, gridGeojson(100, 100, 50));
const server = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByLabel('Map file').setInputFiles(file);
  await page.getByTestId('import-result').waitFor({ timeout: 180000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  let t0 = Date.now();
  await page.getByRole('button', { name: 'Use this map' }).click();
  await page.locator('#map[data-wards="10000"]').waitFor({ state: 'attached', timeout: 180000 });
  await page.getByTestId('piece-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 180000 });
  report(`accepting the map (${((Date.now() - t0) / 1000).toFixed(1)} s)`, (await cdp.send('Profiler.stop')).profile);
  const names = Array.from({ length: 200 }, (_, i) => `CO ${String(i + 1).padStart(3, '0')}`);
  const csv = ['Name,Mobile', ...names.map((n, i) => `${n},9${String(800000000 + i)}`)].join('\n');
  await page.getByLabel('Organisers list (CSV/Excel)').setInputFiles({ name: 'organisers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('organisers-import').waitFor();
  await page.getByRole('button', { name: 'Allocate automatically' }).click();
  await page.locator('[data-testid=run-quality], [data-testid=alloc-error]').first().waitFor({ timeout: 180000 })
    .catch(async (e) => { await page.screenshot({ path: '/tmp/prof-fail.png' }); throw e; });
  if (await page.getByTestId('alloc-error').count()) throw new Error(await page.getByTestId('alloc-error').textContent());
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Allocation list (CSV)' }).click()]);
  const owner = new Map(fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1)
    .map((l) => l.split(',')).map((c) => [Number(c[0]), c[4]]));

  // The ward under the map's centre and a neighbour of another organiser.
  const box = await page.locator('#map').boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.click(x, y);
  await page.waitForTimeout(500);
  const ward = Number(await page.getByTestId('ward-details').locator('dd').first().textContent());
  const around = [ward - 1, ward + 1, ward - 100, ward + 100].filter((v) => owner.has(v));
  const to = owner.get(around.find((v) => owner.get(v) !== owner.get(ward)) ?? around[0]);
  console.log(`ward ${ward}: ${owner.get(ward)} → ${to}`);
  await page.getByLabel('Find an organiser (name or number)').fill(to);
  await page.getByRole('button', { name: `Paint wards for ${to}`, exact: true }).click();

  if (process.env.EXTRA_CSS) await page.addStyleTag({ content: process.env.EXTRA_CSS }); // experiments: what rendering costs
  if (process.env.FLOOR) {
    // The browser's floor for one edit: the app never sees the input; instead the smallest
    // change any edit makes is drawn directly — one ward-sized patch of the map canvas and one
    // figure in the side panel — so the frame costs only Chromium's style, layout, paint and
    // commit of that change.
    await page.evaluate(() => {
      let n = 0;
      const change = (e) => {
        if (e.type === 'keydown' && !(e.ctrlKey && e.key === 'z')) return;
        e.stopImmediatePropagation();
        e.preventDefault();
        n += 1;
        const canvas = document.querySelector('#map canvas');
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = n % 2 ? '#c0392b' : '#2e86c1';
        ctx.fillRect(canvas.width / 2 - 12, canvas.height / 2 - 12, 24, 24);
        const stats = document.querySelector('[data-testid=organiser-stats]');
        const figure = stats.querySelector('td, dd, li') || stats;
        figure.textContent = `${1000 + n}`;
      };
      for (const t of ['mousedown', 'keydown']) document.addEventListener(t, change, { capture: true });
    });
  }
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  if (process.env.TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.TRACE === 'invalidations' ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []), ...(process.env.TRACE === 'stack' ? ['disabled-by-default-devtools.timeline.stack'] : [])] });
  const timings = [];
  for (let i = 0; i < runs; i++) {
    // The brush paints on the button going down; the officer releases it a moment later.
    await page.mouse.move(x, y);
    await page.waitForTimeout(100);
    await armInputTiming(page, 'mousedown');
    await page.mouse.down();
    timings.push(await readInputTiming(page));
    await page.mouse.up();
    await page.waitForTimeout(400); // let the debounced save run outside the timed part
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(400);
  }
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.TRACE) {
    // Browser work per kind (style, layout, paint, …) on the page's main thread, summed.
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur);
    const main = new Map();
    for (const e of events) if (e.name === 'RunTask') main.set(`${e.pid}:${e.tid}`, (main.get(`${e.pid}:${e.tid}`) || 0) + e.dur);
    const [thread] = [...main.entries()].sort((a, b) => b[1] - a[1])[0];
    const sums = new Map();
    for (const e of events) if (`${e.pid}:${e.tid}` === thread) sums.set(e.name, (sums.get(e.name) || 0) + e.dur / 1000);
    console.log(`\n== trace of the main thread (${runs} paints + undos), by event (nested events overlap):`);
    for (const [k, v] of [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
    if (process.env.TRACE_OUT) fs.writeFileSync(process.env.TRACE_OUT, JSON.stringify(trace));
    // Per input: main-thread work from the input's task to the end of the first frame commit
    // after it (event handling, effects, style, layout, paint, canvas redraw), waiting excluded.
    const mine = events.filter((e) => `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts);
    const work = (type) => mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === type).map((d) => {
      const commit = mine.find((e) => e.name === 'Commit' && e.ts > d.ts);
      const tasks = mine.filter((e) => e.name === 'RunTask' && e.ts + e.dur >= d.ts && commit && e.ts <= commit.ts);
      return tasks.reduce((s, e) => s + (Math.min(e.ts + e.dur, commit.ts + commit.dur) - Math.max(e.ts, d.ts)) / 1000, 0);
    });
    const fmtWork = (w) => w.map((v) => v.toFixed(1)).join('/');
    console.log(`main-thread work per paint (input to frame commit): ${fmtWork(work('mousedown'))} ms; per undo: ${fmtWork(work('keydown').filter((_, i) => i % 2 === 1))} ms`);
    const layouts = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.name === 'Layout' && e.dur > 1000);
    console.log(`layouts over 1 ms: ${layouts.map((e) => `${(e.dur / 1000).toFixed(1)} ms (${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects} objects${e.args?.beginData?.partialLayout ? ', partial' : ''})`).join('; ')}`);
  }
  if (process.env.EVENTS) console.log(JSON.stringify(timings.map((t) => t.events || [])));
  console.log(`paint: to figures ${timings.map((t) => t.dom.toFixed(0)).join('/')} ms, to next frame ${timings.map((t) => t.frame.toFixed(0)).join('/')} ms`);

  report(`${runs} paints + undos`, profile);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
