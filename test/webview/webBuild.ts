// Builds the web bundles in memory with the very options of esbuild.mjs (its
// exported `builds`), with esbuild's metafile, and finds Node built-ins in
// what a bundle pulls in or leaves to the host.
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Compiled to out/test/webview/, so the repository root is three levels up.
const ROOT = path.resolve(__dirname, '../../..');

export const WEB_SERVER = 'dist/browser-server.js';
export const WEB_CLIENT = 'dist/browser-extension.js';

interface MetaImport { readonly path: string; readonly kind: string; readonly external?: boolean; readonly original?: string }
export interface Metafile { readonly inputs: Record<string, { readonly imports: readonly MetaImport[] }> }
export interface WebBundle { readonly code: string; readonly metafile: Metafile }

interface Esbuild {
  build(o: object): Promise<{ metafile: Metafile; outputFiles: { path: string; text: string }[] }>;
}

/** The bundle esbuild.mjs writes to `outfile`, built in memory. */
export async function buildWebBundle(outfile: string): Promise<WebBundle> {
  const config = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as { builds: { outfile?: string }[] };
  const options = config.builds.find((b) => b.outfile === outfile);
  if (!options) throw new Error(`esbuild.mjs has no build for ${outfile}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as Esbuild;
  const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error(`no JavaScript output for ${outfile}`);
  return { code: js.text, metafile: result.metafile };
}

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));

/** Whether a module specifier names a Node built-in (`node:x`, `fs`, `fs/promises`…). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}

/** `importer -> specifier` for each Node built-in a bundle imports, bundles in, or leaves external. */
export function nodeBuiltinImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (input.startsWith('(disabled):')) found.push(`${input} (mapped away)`);
    for (const i of imports) {
      const names = [i.path, i.original ?? ''].map((s) => s.replace(/^\(disabled\):/, ''));
      if (names.some((n) => n && isNodeBuiltin(n))) found.push(`${input} -> ${i.original ?? i.path}`);
    }
  }
  return found;
}
