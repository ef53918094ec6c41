/** Semantic tokens: references coloured by what they point to (a server, or a component's kind). */
import type { Analysis } from '../analyze';
import { KINDS } from '../vocabulary';
import { occurrences } from './references';

/** Token types: `server`, then one per component kind (camelCase), as declared in package.json. */
export const TOKEN_TYPES: readonly string[] = ['server', ...KINDS.map((k) => k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()))];
export const TOKEN_MODIFIERS: readonly string[] = ['declaration'];

/** LSP's relative encoding: line delta, start delta, length, type, modifiers. */
export function semanticTokens(a: Analysis): number[] {
  const lc = a.parsed.lineCounter;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const o of occurrences(a)) {
    if (!o.target) continue;
    const c = o.target === 'component' ? a.topology.components.get(o.name) : undefined;
    const type = o.target === 'server' ? 0 : c?.kind ? 1 + KINDS.indexOf(c.kind.value) : -1;
    if (type < 0) continue;
    const pos = lc.linePos(o.span.start);
    const line = pos.line - 1;
    const char = pos.col - 1;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, o.span.end - o.span.start, type, o.role === 'definition' ? 1 : 0);
    prevLine = line;
    prevChar = char;
  }
  return data;
}
