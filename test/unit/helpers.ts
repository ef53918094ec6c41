// Shared helpers for the analysis core's unit tests: readable test YAML
// (dedent), markers for expected ranges and cursors, and findings flattened
// to what a test wants to compare (code, the text under the span, the line).
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { analyzeText, reportedFindings, RuleSettings } from '../../server/src/analysis/analyze';
import type { RuleCode, Severity } from '../../server/src/analysis/findings';
import { isMap, isPair, isScalar, isSeq } from 'yaml';

/**
 * Removes the common indentation of a template's lines, a leading newline and
 * trailing blank space, so test YAML can be indented with the test code.
 * Works as a tag (y`...`) or a plain function.
 */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw = typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

/** Alias of `dedent`, short for test YAML: y`...`. */
export const y = dedent;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Marked {
  /** The text with every marker removed. */
  readonly text: string;
  /** Offsets of each `[[ ... ]]` range, in order. */
  readonly ranges: readonly Span[];
  /** Offset of the `|` cursor marker, if any. */
  readonly cursor?: number;
}

/**
 * Strips markers from test text: `[[` and `]]` around each expected range, and
 * one `|` for a cursor. Offsets refer to the stripped text. (Test YAML never
 * needs a literal `|` or `[[`.)
 */
export function marked(source: string): Marked {
  let text = '';
  const ranges: Span[] = [];
  const open: number[] = [];
  let cursor: number | undefined;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('[[', i)) { open.push(text.length); i++; continue; }
    if (source.startsWith(']]', i) && open.length) { ranges.push({ start: open.pop()!, end: text.length }); i++; continue; }
    if (source[i] === '|') {
      assert.equal(cursor, undefined, 'more than one | cursor marker');
      cursor = text.length;
      continue;
    }
    text += source[i];
  }
  assert.equal(open.length, 0, 'unclosed [[ marker');
  ranges.sort((a, b) => a.start - b.start);
  return cursor === undefined ? { text, ranges } : { text, ranges, cursor };
}

export interface FlatFinding {
  readonly code: RuleCode;
  /** The source text under the finding's span. */
  readonly text: string;
  /** 1-based line of the span's start. */
  readonly line: number;
  readonly message: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
}

/** Reported findings (after settings and suppressions) of a design, flattened; only `code`'s when given. */
export function findingsOf(yaml: string, code?: RuleCode, settings: RuleSettings = {}): FlatFinding[] {
  const a = analyzeText(yaml);
  return reportedFindings(a, settings)
    .filter((f) => code === undefined || f.code === code)
    .map((f) => ({
      code: f.code,
      text: yaml.slice(f.span.start, f.span.end),
      line: a.parsed.lineCounter.linePos(f.span.start).line,
      message: f.message,
      severity: f.severity,
      start: f.span.start,
      end: f.span.end,
    }));
}

/** The texts under `code`'s findings, in source order. */
export function textsOf(yaml: string, code: RuleCode): string[] {
  return findingsOf(yaml, code).map((f) => f.text);
}

/** Every code reported for a design, sorted and deduplicated. */
export function codesOf(yaml: string): RuleCode[] {
  return [...new Set(findingsOf(yaml).map((f) => f.code))].sort();
}

/**
 * Asserts that `code` fires exactly on the `[[...]]` ranges of the marked
 * design (same start and end, nothing more, nothing less). Returns the
 * findings, for further checks on their messages.
 */
export function expectAt(markedYaml: string, code: RuleCode): FlatFinding[] {
  const m = marked(markedYaml);
  const got = findingsOf(m.text, code);
  const show = (s: Span): string => `${JSON.stringify(m.text.slice(s.start, s.end))}@${s.start}-${s.end}`;
  assert.deepEqual(
    got.map(show).sort(),
    m.ranges.map(show).sort(),
    `${code} findings differ from the marked ranges; got:\n${got.map((f) => `  ${f.text} (line ${f.line}): ${f.message}`).join('\n') || '  none'}`,
  );
  return got;
}

/** Asserts that `code` reports nothing on the design. */
export function expectQuiet(yaml: string, code: RuleCode): void {
  const got = findingsOf(marked(yaml).text, code);
  assert.deepEqual(got.map((f) => `${f.text} (line ${f.line}): ${f.message}`), [], `${code} should stay quiet`);
}

/** A TextDocument for a marked text, and the cursor position. */
export function docAt(markedText: string, uri = 'file:///test.infra.yaml'): { doc: TextDocument; position: Position; text: string } {
  const m = marked(markedText);
  assert.notEqual(m.cursor, undefined, 'the text needs a | cursor marker');
  const doc = TextDocument.create(uri, 'infra-yaml', 1, m.text);
  return { doc, position: doc.positionAt(m.cursor!), text: m.text };
}

/**
 * A design with no findings at all: every tier doubled, a load-balancer
 * cluster, TLS re-encrypted, firewalls, monitoring and automatic failover.
 * Rule tests start from it when they need a "good" design.
 */
export const CLEAN = y`
  infra: 1
  name: Clean
  domain: foobar.com
  traffic:
    qps: 400
    reads: 0.9
  dns:
    www:
      A: lb-1
  components:
    lb-1:
      kind: load-balancer
      ip: 203.0.113.10
      cluster: { peers: [lb-2], mode: active-active }
      tls: reencrypt
      certificate: www.foobar.com
      firewall: [allow 443/tcp from any]
      monitoring: sumologic
      to: [web-1, web-2]
    lb-2:
      kind: load-balancer
      ip: 203.0.113.11
      cluster: { peers: [lb-1], mode: active-active }
      tls: reencrypt
      certificate: www.foobar.com
      firewall: [allow 443/tcp from any]
      monitoring: sumologic
      to: [web-1, web-2]
    web-1:
      kind: web-server
      tls: true
      certificate: www.foobar.com
      firewall: true
      monitoring: sumologic
      to: [app-1, app-2]
    web-2:
      kind: web-server
      tls: true
      certificate: www.foobar.com
      firewall: true
      monitoring: sumologic
      to: [app-1, app-2]
    app-1:
      kind: app-server
      firewall: true
      monitoring: sumologic
      to: [db-1, db-2]
    app-2:
      kind: app-server
      firewall: true
      monitoring: sumologic
      to: [db-1, db-2]
    db-1:
      kind: database
      software: mysql
      role: primary
      failover: automatic
      firewall: true
      monitoring: sumologic
    db-2:
      kind: database
      software: mysql
      role: replica
      replicates: db-1
      failover: automatic
      firewall: true
      monitoring: sumologic
`;

/** Renders findings one per line, for assertion messages. */
export function show(fs: readonly FlatFinding[]): string {
  return fs.map((f) => `${f.code} ${JSON.stringify(f.text)} L${f.line}: ${f.message}`).join('\n');
}

/** A YAML node as plain data: everything the analysis and the services read, and what the library sets. */
export function shape(n: unknown): unknown {
  if (n === null || n === undefined) return n ?? null;
  if (isPair(n)) return { k: shape(n.key), v: shape(n.value) };
  const node = n as Record<string, unknown>;
  const out: Record<string, unknown> = { t: (n as object).constructor.name };
  for (const k of ['range', 'value', 'type', 'source', 'flow', 'tag', 'anchor', 'comment', 'commentBefore', 'spaceBefore']) {
    if (k === 'value' && !isScalar(n)) continue;
    if (node[k] !== undefined) out[k] = node[k];
  }
  if (isMap(n) || isSeq(n)) out.items = n.items.map(shape);
  return out;
}
