/** One design through the analysis core, with 1-based regions as SARIF and editors count. */
import { analyzeText, reportedFindings, ReportedFinding, RuleSettings } from '../analysis/analyze';
import { Severity } from '../analysis/findings';

export interface Region {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface FileResult {
  readonly file: string;
  readonly findings: readonly (ReportedFinding & Region & { readonly relatedAt: readonly (Region & { readonly message: string })[] })[];
}

export function checkFile(file: string, text: string, settings: RuleSettings): FileResult {
  const a = analyzeText(text);
  const lc = a.parsed.lineCounter;
  const region = (span: { start: number; end: number }): Region => {
    const s = lc.linePos(span.start);
    const e = lc.linePos(Math.max(span.end, span.start));
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  const findings = reportedFindings(a, settings).map((f) => ({
    ...f, ...region(f.span), relatedAt: (f.related ?? []).map((r) => ({ ...region(r.span), message: r.message })),
  }));
  return { file, findings };
}

/** `file:line:col: severity code: message` lines (the problemMatcher's pattern), then a summary. */
/** "1 error", "2 errors", "0 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function toText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) for (const f of r.findings) lines.push(`${terminalSafe(r.file)}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${terminalSafe(f.message)}`);
  const count = (s: Severity): number => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  lines.push(`${plural(results.length, 'file')}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')}`);
  return lines.join('\n');
}

export function toJson(results: readonly FileResult[]): string {
  return JSON.stringify(results.map((r) => ({ file: r.file, findings: r.findings.map(({ span: _span, related: _related, ...f }) => f) })), null, 2);
}

/**
 * A design string made safe for a terminal or a CI log: control characters
 * (escape sequences that clear the screen or set the title, \r and \n that
 * forge report lines), line separators and bidi overrides are shown as
 * escapes instead of acting.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
