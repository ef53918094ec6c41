/**
 * `infra-yaml-check`: the analysis core on the command line, for CI
 * pipelines and pre-commit hooks. Prints findings as text, JSON or SARIF
 * 2.1.0 (for code-scanning dashboards) and exits 1 when a finding at or
 * above `--fail-on` is reported.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { analyzeText, reportedFindings, ReportedFinding, RuleSettings } from './analysis/analyze';
import { isRuleCode, Severity } from './analysis/findings';
import { RULES } from './analysis/rules';

const USAGE = `usage: infra-yaml-check [options] FILE...
  --format text|json|sarif   output format (default text)
  --fail-on error|warning|information|hint|never
                             lowest severity that makes the exit code 1 (default error)
  --rule CODE=LEVEL          set a rule's severity (error, warning, information, hint, off); repeatable
  -h, --help                 this text`;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

interface FileResult {
  readonly file: string;
  readonly findings: readonly (ReportedFinding & Region & { readonly relatedAt: readonly (Region & { readonly message: string })[] })[];
}

/** 1-based, as SARIF and editors count. */
interface Region {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
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

export function toText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) for (const f of r.findings) lines.push(`${terminalSafe(r.file)}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${terminalSafe(f.message)}`);
  const count = (s: Severity): number => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  lines.push(`${results.length} file${results.length === 1 ? '' : 's'}: ${count('error')} errors, ${count('warning')} warnings, ${count('information')} information, ${count('hint')} hints`);
  return lines.join('\n');
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

/** A file path as a SARIF artifact URI: a relative reference with each segment percent-encoded, or a file: URL. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map((seg) => encodeURIComponent(seg)).join('/');
}

const SARIF_LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(results: readonly FileResult[]): Log {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.code,
    shortDescription: { text: r.title },
    helpUri: `docs/rules/${r.code}.md`,
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { family: r.family },
  }));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'infra-yaml-check', informationUri: 'https://github.com/infra-yaml/infra-yaml', rules } },
      results: results.flatMap((r) => r.findings.map((f): Result => ({
        ruleId: f.code,
        ruleIndex: index.get(f.code)!,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
        ...(f.relatedAt.length ? {
          relatedLocations: f.relatedAt.map((rel, i) => ({
            id: i, message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: { startLine: rel.line, startColumn: rel.column, endLine: rel.endLine, endColumn: rel.endColumn } },
          })),
        } : {}),
      }))),
    }],
  };
}

/** Runs the CLI; returns the exit code. `write` receives the report. */
export function main(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s + '\n')): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' }, rule: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) { write(USAGE); return values.help ? 0 : 2; }
  const settings: RuleSettings = {};
  for (const r of values.rule ?? []) {
    const [code, level] = r.split('=');
    if (!code || !isRuleCode(code) || !level || !['error', 'warning', 'information', 'hint', 'off'].includes(level)) { write(`bad --rule '${r}': write CODE=LEVEL\n${USAGE}`); return 2; }
    settings[code] = level as Severity | 'off';
  }
  const failOn = values['fail-on'];
  if (!['error', 'warning', 'information', 'hint', 'never'].includes(failOn)) { write(`bad --fail-on '${failOn}'\n${USAGE}`); return 2; }
  const results: FileResult[] = [];
  for (const file of positionals) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { write(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`); return 2; }
    results.push(checkFile(relative(process.cwd(), file) || file, text, settings));
  }
  if (values.format === 'json') write(JSON.stringify(results.map((r) => ({ file: r.file, findings: r.findings.map(({ span: _span, related: _related, ...f }) => f) })), null, 2));
  else if (values.format === 'sarif') write(JSON.stringify(toSarif(results), null, 2));
  else if (values.format === 'text') write(toText(results));
  else { write(`bad --format '${values.format}'\n${USAGE}`); return 2; }
  const threshold = failOn === 'never' ? -1 : RANK[failOn as Severity];
  return results.some((r) => r.findings.some((f) => RANK[f.severity] <= threshold)) ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
