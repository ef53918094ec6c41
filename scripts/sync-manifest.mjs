// Writes the `infraYaml.rules.<code>` settings of package.json from the rule
// registry, so that the manifest never repeats by hand what the core defines.
// `--check` exits 1 when package.json is out of date (used by the tests).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(tmpdir(), `infra-yaml-rules-${process.pid}.cjs`);
await esbuild.build({ entryPoints: ['server/src/analysis/rules/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
const { RULES } = createRequire(import.meta.url)(out);

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const props = pkg.contributes.configuration.properties;
for (const key of Object.keys(props)) if (key.startsWith('infraYaml.rules.')) delete props[key];
for (const rule of RULES) {
  props[`infraYaml.rules.${rule.code}`] = {
    type: 'string',
    // Per folder and per file: a workspace may hold designs with different conventions.
    scope: 'resource',
    enum: ['error', 'warning', 'information', 'hint', 'off'],
    default: rule.severity,
    markdownDescription: `Severity of \`${rule.code}\`: ${rule.title} Explained in docs/rules/${rule.code}.md.`,
  };
}
const text = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync('package.json', 'utf8') !== text) {
    console.error('package.json rule settings are out of date: run node scripts/sync-manifest.mjs');
    process.exit(1);
  }
} else writeFileSync('package.json', text);
