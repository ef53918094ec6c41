#!/usr/bin/env node
// `npm run test:examples`: the shared tool ../shared/tools/lspcheck.js drives the built server
// over stdio on the shared reference designs, on the project's copies of them
// (test/fixtures/designs) and on the designs a user opens (examples/), whose expectations live
// with the tests: examples/X is checked against the `# expect:` lines of test/fixtures/designs/X.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '../shared');
const designs = dir => fs.readdirSync(path.join(REPO, dir)).filter(f => /\.infra\.ya?ml$/.test(f)).sort();

const args = [path.join(SHARED, 'tools/lspcheck.js'), '--cwd', REPO];
for (const f of designs('../shared/examples')) args.push(path.join(SHARED, 'examples', f));
for (const f of designs('test/fixtures/designs')) args.push(path.join('test/fixtures/designs', f));
for (const f of designs('examples')) {
  const expect = path.join('test/fixtures/designs', f);
  if (!fs.existsSync(path.join(REPO, expect))) {
    console.error(`examples/${f} has no expectations: add its reference design as ${expect}`);
    process.exit(1);
  }
  args.push(`${path.join('examples', f)}=${expect}`);
}
const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit' });
process.exit(r.status ?? 1);
