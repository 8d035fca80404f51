// Test harness: serves the release build (dist/) on 127.0.0.1, both at "/" and under a
// sub-path, and drives Debian's Chromium with playwright-core (no browser download).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(process.env.KSHETRA_DIST || path.resolve(here, '../../dist'));
export const SUB_PATH = '/nulm/kshetra/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.geojson': 'application/geo+json', '.json': 'application/json', '.txt': 'text/plain',
};

/** Static server for dist/, mounted at "/" and at SUB_PATH, like a state web server would. */
export async function startServer() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no release build in ${DIST}: run trunk build --release`);
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (url === SUB_PATH.slice(0, -1)) { res.writeHead(301, { Location: SUB_PATH }); return res.end(); }
    if (url.startsWith(SUB_PATH)) url = '/' + url.slice(SUB_PATH.length);
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(DIST, path.normalize(url));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A 1×1 transparent PNG, served for every tile request so tests never touch the network.
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * Opens a fresh page (own storage). Records every request, console error, page error and
 * failed response; requests leaving the origin are answered locally with a blank tile.
 */
export async function openPage(browser, origin, urlPath = '/', { storage } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(storage ? { storageState: storage } : {}) });
  const page = await context.newPage();
  const log = { requests: [], errors: [], failed: [], csp: [] };
  // Every Content-Security-Policy violation, as the page's own event (read with
  // cspViolations) and as the browser's console report.
  await context.addInitScript(() => {
    window.__kshetraCsp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__kshetraCsp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (/Content Security Policy/i.test(m.text())) log.csp.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) log.failed.push(`${r.status()} ${r.url()}`); });
  await context.route((u) => u.origin !== origin, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG }));
  await page.goto(origin + urlPath);
  return { page, context, log };
}

/** The Content-Security-Policy violations the page has seen since it was (re)loaded. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__kshetraCsp || ['the CSP listener is missing']);
}

/** Waits until the map shows `n` ward shapes. */
export async function waitForWards(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('#map path.ward').length === n, n, { timeout: 20000 });
}

/**
 * A w×h grid of square wards near Bhopal, each side densified to `per` segments (shared edges
 * identical on both sides), with ward number, name, population and zone: 100×100×50 ≈ 50 MB.
 */
export function gridGeojson(w, h, per) {
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
export async function startHeartbeat(page) {
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

export async function stopHeartbeat(page) {
  return page.evaluate(() => {
    const beat = window.kshetraTestBeat;
    cancelAnimationFrame(beat.raf);
    clearInterval(beat.timer);
    const t = performance.now();
    return { maxGap: Math.max(beat.maxGap, t - beat.last), ticks: beat.ticks };
  });
}

/**
 * Times the next `eventType` input in the page: from the event to the figures per organiser
 * changing in the DOM (`dom`), to the next frame (`frame`), plus Event Timing's duration
 * (`eventTiming`), in ms. Read with {@link readInputTiming}. Printed, never asserted.
 */
export async function armInputTiming(page, eventType) {
  await page.evaluate((type) => {
    const m = { type };
    window.kshetraTiming = m;
    const root = document.querySelector('[data-testid=organiser-stats]').closest('section') || document.body;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        (m.events ||= []).push(`${e.name} ${e.duration}`);
        if (['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'keyup'].includes(e.name)) m.eventTiming = Math.max(m.eventTiming || 0, e.duration);
      }
    }).observe({ type: 'event', durationThreshold: 16 });
    addEventListener(type, (e) => {
      m.start = e.timeStamp;
      const obs = new MutationObserver(() => {
        obs.disconnect();
        m.dom = performance.now() - m.start;
        requestAnimationFrame(() => setTimeout(() => { m.frame = performance.now() - m.start; }, 0));
      });
      obs.observe(root, { subtree: true, childList: true, characterData: true });
    }, { capture: true, once: true });
  }, eventType);
}

/** The timing armed by {@link armInputTiming}, once the next frame has come. */
export async function readInputTiming(page) {
  await page.waitForFunction(() => window.kshetraTiming && window.kshetraTiming.frame !== undefined, null, { timeout: 10000 });
  await page.waitForTimeout(200);
  return page.evaluate(() => window.kshetraTiming);
}
