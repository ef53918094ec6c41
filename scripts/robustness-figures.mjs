#!/usr/bin/env node
// Runs the hostile-input suite (test/server/hostile.test.ts) and prints, per
// case, the time to the first diagnostics and the server's peak RSS. The
// suite itself asserts behaviour only; this script is for the figures.
// Usage: npm run build && npm run compile-tests && node scripts/robustness-figures.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'infra-yaml-figures-')), 'figures.json');
const run = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', '--timeout', '300000', '--reporter', 'dot', 'out/test/server/hostile.test.js'], {
  stdio: 'inherit', env: { ...process.env, ROBUSTNESS_FIGURES: out },
});
const figures = JSON.parse(readFileSync(out, 'utf8'));
const rows = [['case', 'input', 'diagnostics', 'time (ms)', 'peak RSS (MB)']];
for (const f of figures) rows.push([f.case, `${(f.bytes / 1024).toFixed(0)} KB`, String(f.diagnostics), f.diagnosticsMs.toFixed(0), f.peakRssMb.toFixed(0)]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exitCode = run.status ?? 1;
