// Issue 15: the state batch's project files open in the app with the batch's allocation. The
// batch (`kshetra-cli batch`) runs on the CLI tests' manifest (three shared cities, a broken
// map, a missing organisers list); the Bhubaneswar project it wrote is opened in the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openPage, waitForWards } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server, browser, out;
before(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kshetra-batch-'));
  execFileSync('cargo', ['run', '--locked', '-q', '-p', 'kshetra-cli', '--', 'batch',
    'crates/kshetra-cli/tests/fixtures/batch/manifest.csv', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test('a project file written by the state batch opens in the app with the batch allocation', async () => {
  const dir = path.join(out, 'Bhubaneswar');
  const metrics = JSON.parse(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8'));
  const { page, context, log } = await openPage(browser, server.origin, '/?lang=en');
  await waitForWards(page, 110);
  await page.getByLabel('Open project file').setInputFiles(path.join(dir, 'project.kshetra.json'));
  await page.getByTestId('project-opened').waitFor();
  await waitForWards(page, metrics.wards);
  const rows = await page.getByTestId('organiser-stats').locator('tbody tr').allTextContents();
  assert.equal(rows.length, metrics.organisers_available);
  // Every area's poor households as the batch measured them, shown with Indian grouping.
  const shown = rows.join(' | ');
  for (const a of metrics.metrics.areas) {
    const figure = Math.round(a.weight).toLocaleString('en-IN');
    assert.ok(shown.includes(figure), `${figure} in ${shown}`);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});
