/** Reads the rule pages (docs/rules/CODE.md) for the explanation: the CLI and the server both ship beside docs/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RuleDocs } from '../analysis/explain/issues';

/** The rule pages: docs/rules beside the bundle (dist/) or the sources (tests run from out/). */
export function ruleDocs(from: string = __dirname): RuleDocs {
  let dir = from;
  for (let i = 0; i < 6 && !existsSync(join(dir, 'docs', 'rules')); i++) dir = dirname(dir);
  const root = join(dir, 'docs', 'rules');
  return (code) => { try { return readFileSync(join(root, `${code}.md`), 'utf8'); } catch { return undefined; } };
}
