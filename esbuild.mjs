// One build script for every bundle: the extension (client), the language
// server and the preview webview. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { define: { INFRA_YAML_VERSION: JSON.stringify(version) }, bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

// Node bundles are CommonJS; ESM-only dependencies (tinyglobby's fdir) read import.meta.url.
const IMPORT_META = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';
const node = (bin) => ({ ...common, platform: 'node', format: 'cjs', target: 'node20', define: { ...common.define, 'import.meta.url': '__importMetaUrl' }, banner: { js: (bin ? '#!/usr/bin/env node\n' : '') + IMPORT_META } });

const builds = [
  { ...node(false), entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node(true), entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...node(true), entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  // The preview's webview: a browser bundle (its CSS import becomes dist/webview.css).
  { ...common, entryPoints: { webview: 'webview/src/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
