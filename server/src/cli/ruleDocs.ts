/**
 * The rule pages (docs/rules/<code>.md) for SARIF: `help.markdown` is the
 * page, `fullDescription` its "What it checks" paragraph. Found next to the
 * bundle (dist/ -> ../docs/rules) or, for the compiled tests, further up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: string | null | undefined;

function rulesDir(): string | null {
  if (found !== undefined) return found;
  found = null;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'rules');
    if (existsSync(join(candidate, 'README.md'))) { found = candidate; break; }
  }
  return found;
}

export interface RuleDoc {
  readonly markdown: string;
  /** The first paragraph under "What it checks", as plain text. */
  readonly summary: string;
}

export function ruleDoc(code: string): RuleDoc | undefined {
  const dir = rulesDir();
  const file = dir && join(dir, `${code}.md`);
  if (!file || !existsSync(file)) return undefined;
  const markdown = readFileSync(file, 'utf8');
  const section = /^## What it checks\s*\n+([\s\S]*?)(?:\n\s*\n|$)/m.exec(markdown);
  const summary = (section?.[1] ?? '').replace(/`([^`]*)`/g, '$1').replace(/\s+/g, ' ').trim();
  return { markdown, summary };
}
