// One build script for every bundle: the extension (client) and the language
// server, each for Node (desktop, remote) and for a web worker (vscode.dev,
// github.dev), the CLI and the preview webview. `--production` minifies;
// `--watch` rebuilds. Tests import `builds` to check what each bundle pulls in.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
const common = { define: { INFRA_YAML_VERSION: JSON.stringify(version) }, bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
/** @type {esbuild.BuildOptions} */
const web = { ...common, platform: 'browser', target: 'es2022' };

// Node bundles are CommonJS; ESM-only dependencies (tinyglobby's fdir) read import.meta.url.
const IMPORT_META = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';

/**
 * `yaml` resolves to its browser build in every bundle, the Node ones included. The two builds are
 * the same code, except that the Node build reads `process.env.LOG_TOKENS` for every token its
 * parser sees (and `LOG_STREAM` for every document): a call into the runtime each time, which
 * makes its parse about a third slower (10,000 components: CST 1.9 s -> 1.3 s on the shared
 * machine). The browser build logs warnings with console.warn, which the server sends to stderr, and
 * gives a `!!binary` value as a Uint8Array instead of a Buffer (the same bytes; the model reads neither).
 */
const yamlEntry = path.join(path.dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser', 'index.js');
export const yamlBrowserBuild = { name: 'yaml-browser-build', setup(b) { b.onResolve({ filter: /^yaml$/ }, () => ({ path: yamlEntry })); } };
const node = (bin) => ({ ...common, platform: 'node', format: 'cjs', target: 'node20', plugins: [yamlBrowserBuild], define: { ...common.define, 'import.meta.url': '__importMetaUrl' }, banner: { js: (bin ? '#!/usr/bin/env node\n' : '') + IMPORT_META } });

/** @type {esbuild.BuildOptions[]} */
export const builds = [
  { ...node(false), entryPoints: ['client/src/node.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node(true), entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The analysis worker the Node server starts with worker_threads (next to dist/server.js).
  { ...node(false), entryPoints: ['server/src/features/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  { ...node(true), entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  // The web extension: VS Code loads it as CommonJS in its web-worker extension host.
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/browser-extension.js', format: 'cjs', external: ['vscode'] },
  // The language server in a web worker, started by the web extension.
  { ...web, entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/browser-server.js', format: 'iife' },
  // The preview's webview: a browser bundle (its CSS import becomes dist/webview.css).
  { ...web, entryPoints: { webview: 'webview/src/main.ts' }, outdir: 'dist', format: 'iife' },
  // The preview's layout worker: the page fetches it and starts it from a blob: URL (webview/src/layoutClient.ts).
  { ...web, entryPoints: ['webview/src/layoutWorker.ts'], outfile: 'dist/layoutWorker.js', format: 'iife' },
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  }
}
