// Entry point of the extension-host e2e suite: VS Code (or code-server) loads this module as
// `extensionTestsPath` and awaits `run()`. Mocha (tdd UI) runs every `*.test.js` beside it.
//
// Output contract with scripts/run-e2e.mjs: the line `E2E_START` when mocha starts and
// `E2E_RESULT {"tests":N,"passes":N,"failures":N,"pending":N}` when it ends. `run()` rejects when
// a test failed or none ran, so every runner (code-server driver, @vscode/test-electron) exits non-zero.
import * as fs from 'fs';
import * as path from 'path';

type MochaCtor = new (options?: Mocha.MochaOptions) => Mocha;

// mocha 11: its CommonJS entry loads on every Node VS Code >= 1.91 runs (1.91's Node is 20.9,
// which has no require(esm); mocha 12 needs it). The import() fallback is for an ESM-only mocha.
// test/package/minimumNode.test.ts runs this loader under Node 20.9.
async function loadMocha(): Promise<MochaCtor> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('mocha');
    return (m.default ?? m) as MochaCtor;
  } catch (err) {
    // A Function keeps the TypeScript compiler from rewriting import() into require().
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;
    const m = await dynamicImport('mocha');
    return (m.default ?? m) as MochaCtor;
  }
}

/** What the first activation of the extension showed, recorded before any test runs (see firstRun.test). */
export interface FirstRun { walkthroughTab?: string; tabs: string[] }
(globalThis as { infraYamlFirstRun?: FirstRun }).infraYamlFirstRun = undefined;

/**
 * Activates the extension once before the tests and records what its first run opened (the
 * walkthrough), then closes it: every test, whichever subset runs, starts from the same workbench.
 */
async function firstActivation(): Promise<void> {
  const vscode = require('vscode') as typeof import('vscode');
  const ext = vscode.extensions.getExtension('infra-yaml.infra-yaml');
  if (!ext) return;
  await ext.activate();
  const labels = () => vscode.window.tabGroups.all.flatMap(g => g.tabs.map(t => t.label));
  const deadline = Date.now() + 30000;
  let walkthroughTab: string | undefined;
  while (!walkthroughTab && Date.now() < deadline) {
    walkthroughTab = labels().find(l => /welcome|get started|walkthrough/i.test(l));
    if (!walkthroughTab) await new Promise(r => setTimeout(r, 200));
  }
  (globalThis as { infraYamlFirstRun?: FirstRun }).infraYamlFirstRun = { walkthroughTab, tabs: labels() };
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function run(): Promise<void> {
  const MochaClass = await loadMocha();
  await firstActivation();
  const mocha = new MochaClass({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT || 60000),
    slow: 5000,
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  console.log(`E2E_START ${files.length} test files, vscode ${require('vscode').version}`);
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        const stats = runner.stats ?? { tests: 0, passes: 0, failures, pending: 0 };
        const result = { tests: stats.tests, passes: stats.passes, failures: stats.failures, pending: stats.pending };
        console.log(`E2E_RESULT ${JSON.stringify(result)}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (result.tests === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log(`E2E_RESULT ${JSON.stringify({ tests: 0, passes: 0, failures: 1, pending: 0 })}`);
      reject(err);
    }
  });
}
