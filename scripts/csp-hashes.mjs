// Trunk post_build hook: puts the sha256 of every inline <script> of the built index.html into
// its Content-Security-Policy, in place of the placeholder below, so script-src needs no
// 'unsafe-inline'. Trunk 0.21 writes one inline module script (the wasm loader) whose text
// holds the hashed file names, so the hash is only known after the build. Trunk's own nonce
// option needs a server that rewrites every response; Kshetra is served as static files.
// Fails the build when the placeholder is missing, so the policy can never silently go stale.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const PLACEHOLDER = "'inline-script-hashes'";
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('csp-hashes: no TRUNK_STAGING_DIR (run as a Trunk post_build hook, or pass dist/)');
  process.exit(1);
}
const file = path.join(dir, 'index.html');
const html = fs.readFileSync(file, 'utf8');
const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;
const meta = html.match(META);
if (!meta || !meta[1].includes(PLACEHOLDER)) {
  console.error(`csp-hashes: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy meta tag`);
  process.exit(1);
}
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  if (/\bsrc\s*=/i.test(m[1]) || m[2].length === 0) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
if (hashes.length === 0) {
  console.error(`csp-hashes: no inline script in ${file}; drop ${PLACEHOLDER} from the policy`);
  process.exit(1);
}
const policy = meta[1].replace(PLACEHOLDER, [...new Set(hashes)].join(' '));
fs.writeFileSync(file, html.replace(META, (m) => m.replace(meta[1], policy)));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
