/**
 * The package version, for `--version` and the LSP serverInfo. esbuild
 * defines INFRA_YAML_VERSION from package.json; the compiled tests, which are
 * not bundled, read package.json from the nearest parent that has ours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

declare const INFRA_YAML_VERSION: string | undefined;

function fromPackageJson(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'infra-yaml' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

export const VERSION: string = typeof INFRA_YAML_VERSION === 'string' ? INFRA_YAML_VERSION : fromPackageJson();
