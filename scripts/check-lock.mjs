#!/usr/bin/env node
// Fails when package-lock.json no longer describes package.json: a fresh `npm install` would
// then rewrite the lock and leave a newcomer's clone modified. Compares the lock's root entry
// with the manifest fields npm copies into it (name, version, license, bin, engines, deps).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'));
const root = lock.packages?.[''] ?? {};

/** npm writes `bin` as paths without a leading "./". */
const normBin = bin => bin && Object.fromEntries(Object.entries(bin).map(([k, v]) => [k, v.replace(/^\.\//, '')]));
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sorted = o => o && Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

const problems = [];
for (const key of ['name', 'version', 'license']) {
  if (!same(pkg[key], root[key])) problems.push(`${key}: package.json has ${JSON.stringify(pkg[key])}, the lock ${JSON.stringify(root[key])}`);
}
if (!same(pkg.name, lock.name) || !same(pkg.version, lock.version)) problems.push('the lock\'s top-level name/version differ from package.json');
if (!same(sorted(normBin(pkg.bin)), sorted(root.bin))) problems.push(`bin: package.json ${JSON.stringify(pkg.bin)}, the lock ${JSON.stringify(root.bin)}`);
for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'engines']) {
  if (!same(sorted(pkg[key]), sorted(root[key]))) problems.push(`${key} differ between package.json and the lock`);
}
for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
  if (!lock.packages?.[`node_modules/${dep}`]) problems.push(`${dep} is in package.json but not installed by the lock`);
}

if (problems.length) {
  console.error('package-lock.json is out of date (run `npm install` and commit the lock):');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('package-lock.json matches package.json');
