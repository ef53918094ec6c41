/** `# infra-yaml-disable-next-line CODE [CODE…]`: silences codes on the line after the comment. */
import type { LineCounter } from 'yaml';
import { lineStartOf } from './lines';
import type { Span } from './model/types';

export const DISABLE_NEXT_LINE = 'infra-yaml-disable-next-line';

export interface Suppression {
  /** 0-based line the comment silences. */
  readonly line: number;
  /** Codes silenced; empty means every code. */
  readonly codes: readonly string[];
  /** The comment's span. */
  readonly span: Span;
  /** Each code's span within the comment. */
  readonly codeSpans: readonly { readonly code: string; readonly span: Span }[];
}

/** On one line: a `#` then the directive (spaces or tabs between, never a line break). */
const PATTERN = /#[ \t]*infra-yaml-disable-next-line\b([^\n]*)/g;

export function parseSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes(DISABLE_NEXT_LINE)) return out;
  let line = 0;
  let lineStart = 0;
  for (const m of text.matchAll(PATTERN)) {
    for (let i = text.indexOf('\n', lineStart); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
    const restStart = m.index + m[0].length - m[1]!.length;
    const codeSpans: { code: string; span: Span }[] = [];
    for (const c of m[1]!.matchAll(/[A-Za-z0-9-]+/g)) codeSpans.push({ code: c[0], span: { start: restStart + c.index, end: restStart + c.index + c[0].length } });
    out.push({ line: line + 1, codes: codeSpans.map((c) => c.code), span: { start: m.index, end: m.index + m[0].length }, codeSpans });
  }
  return out;
}

/**
 * The suppression comment under an offset, if any: a directive lies on one line, so only the
 * offset's line is read (a hover at 10k components searched the whole 2.25 MB text).
 */
export function suppressionAt(text: string, offset: number): Span | undefined {
  const start = lineStartOf(text, offset);
  const nl = text.indexOf('\n', offset);
  const line = text.slice(start, nl < 0 ? text.length : nl);
  for (const m of line.matchAll(PATTERN)) {
    const span = { start: start + m.index, end: start + m.index + m[0].length };
    if (span.start <= offset && offset <= span.end) return span;
  }
  return undefined;
}

export function suppressions(text: string): { silences(code: string, offset: number, lc: LineCounter): boolean } {
  const byLine = new Map<number, Suppression>();
  for (const s of parseSuppressions(text)) byLine.set(s.line, s);
  return {
    silences(code, offset, lc) {
      if (byLine.size === 0) return false;
      const s = byLine.get(lc.linePos(offset).line - 1);
      return !!s && (s.codes.length === 0 || s.codes.includes(code));
    },
  };
}
