// `npm run test:vscode`: runs the e2e suite (test/e2e/suite) in VS Code desktop through
// @vscode/test-electron, on the minimum engine version and on stable, for machines that can
// download VS Code. (Our CI machines cannot: they run the same suite with scripts/run-e2e.mjs.)
// On a Linux machine without a display run it under `xvfb-run -a`.
//
//   VSCODE_VERSIONS=1.91.0,stable  versions to test (default: the engines.vscode minimum and stable)
//   E2E_FAIL=1                     one test fails on purpose (the run must exit non-zero)
//   E2E_GREP=hover                 only the tests whose title matches
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const REPO = path.resolve(__dirname, '../../..'); // out/test/e2e -> repo root

function minimumEngine(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const m = /(\d+\.\d+\.\d+)/.exec(pkg.engines?.vscode ?? '');
  return m?.[1] ?? '1.91.0';
}

async function main(): Promise<void> {
  const versions = (process.env.VSCODE_VERSIONS ?? `${minimumEngine()},stable`).split(',').map(v => v.trim()).filter(Boolean);
  const extensionTestsPath = path.join(REPO, 'out/test/e2e/suite/index');
  const workspace = path.join(REPO, 'examples');
  const failed: string[] = [];
  for (const version of versions) {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `infra-yaml-vscode-${version}-`));
    console.log(`\n=== VS Code ${version} ===`);
    const started = Date.now();
    try {
      await runTests({
        version,
        extensionDevelopmentPath: REPO,
        extensionTestsPath,
        launchArgs: [
          workspace,
          '--disable-extensions', // only the extension under development
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          `--user-data-dir=${userDataDir}`,
        ],
        extensionTestsEnv: {
          E2E_RUNNER: `vscode-${version}`,
          E2E_FAIL: process.env.E2E_FAIL ?? '',
          E2E_GREP: process.env.E2E_GREP ?? '',
        },
      });
      console.log(`=== VS Code ${version}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
    } catch (err) {
      console.error(`=== VS Code ${version}: FAILED (${err instanceof Error ? err.message : String(err)}) ===`);
      failed.push(version);
    } finally {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  if (failed.length) {
    console.error(`e2e suite failed on VS Code ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
