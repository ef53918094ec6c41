/** Outline, folding and selection ranges, from the model and the YAML tree. */
import { isMap, isPair, isSeq, Node } from 'yaml';
import type { Analysis } from '../analyze';
import type { Span } from '../model/types';
import { KINDS } from '../vocabulary';

export interface SymbolNode {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'namespace' | 'module' | 'class' | 'object' | 'field' | 'enum';
  /** Whole extent. */
  readonly span: Span;
  /** The name itself. */
  readonly selection: Span;
  readonly children: readonly SymbolNode[];
}

export function documentSymbols(a: Analysis): SymbolNode[] {
  const d = a.design;
  const out: SymbolNode[] = [];
  const group = (name: string, key: Span | undefined, children: SymbolNode[], kind: SymbolNode['kind'] = 'namespace'): void => {
    if (!key || children.length === 0) return;
    const end = children.reduce((m, c) => Math.max(m, c.span.end), key.end);
    out.push({ name, kind, span: { start: key.start, end }, selection: key, children });
  };
  group('DNS', d.dnsKey, d.dns.map((n) => ({
    name: n.name, detail: a.topology.fqdn(n.name), kind: 'module' as const, span: n.span, selection: n.nameSpan,
    children: n.records.map((r) => ({ name: r.type, detail: r.values.map((v) => v.text).join(', '), kind: 'field' as const, span: r.span, selection: r.typeSpan, children: [] })),
  })));
  group('Servers', d.serversKey, d.servers.map((s) => ({
    name: s.name, detail: s.props.ip?.value ?? 'server', kind: 'object' as const, span: s.span, selection: s.nameSpan, children: [],
  })));
  if (d.componentsKey) {
    const byKind = KINDS.map((k) => ({ k, cs: d.components.filter((c) => c.kind?.value === k) })).filter((g) => g.cs.length);
    const other = d.components.filter((c) => !c.kind);
    const kids: SymbolNode[] = byKind.map(({ k, cs }) => ({
      name: `${k}s`, kind: 'enum' as const,
      span: { start: cs.reduce((m, c) => Math.min(m, c.span.start), Infinity), end: cs.reduce((m, c) => Math.max(m, c.span.end), 0) },
      selection: cs[0]!.nameSpan,
      children: cs.map((c) => ({ name: c.name, detail: [c.software?.value, c.on ? `on ${c.on.name}` : undefined].filter(Boolean).join(' '), kind: 'class' as const, span: c.span, selection: c.nameSpan, children: [] })),
    }));
    for (const c of other) kids.push({ name: c.name, detail: 'no kind', kind: 'class', span: c.span, selection: c.nameSpan, children: [] });
    group('Components', d.componentsKey, kids);
  }
  return out;
}

/** Every mapping or sequence value that spans several lines folds. */
export function foldingRanges(a: Analysis): { startLine: number; endLine: number }[] {
  const lc = a.parsed.lineCounter;
  const out: { startLine: number; endLine: number }[] = [];
  const visit = (node: unknown, from: number | undefined, depth: number): void => {
    if (depth > 64 || !(isMap(node) || isSeq(node))) return;
    const n = node as Node;
    if (from !== undefined && n.range) {
      const start = lc.linePos(from).line - 1;
      const end = lc.linePos(Math.max(n.range[1] - 1, from)).line - 1;
      if (end > start) out.push({ startLine: start, endLine: end });
    }
    for (const item of (node as { items: unknown[] }).items) {
      if (isPair(item)) visit(item.value, (item.key as Node | null)?.range?.[0], depth + 1);
      else visit(item, (item as Node | null)?.range?.[0], depth + 1);
    }
  };
  visit(a.parsed.doc.contents, undefined, 0);
  return out;
}

/** Nested spans around an offset, innermost first: scalar, pair, mapping, … document. */
export function selectionSpans(a: Analysis, offset: number): Span[] {
  const chain: Span[] = [];
  let node: unknown = a.parsed.doc.contents;
  for (let depth = 0; node && depth < 64; depth++) {
    const n = node as Node;
    if (!n.range || offset < n.range[0] || offset > n.range[1]) break;
    chain.push({ start: n.range[0], end: n.range[1] });
    if (!(isMap(node) || isSeq(node))) break;
    let next: unknown;
    for (const item of (node as { items: unknown[] }).items) {
      if (isPair(item)) {
        const k = item.key as Node | null;
        const v = item.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[1] ?? k?.range?.[1];
        if (start === undefined || end === undefined || offset < start || offset > end) continue;
        chain.push({ start, end });
        next = k?.range && offset <= k.range[1] ? k : v;
        break;
      }
      const r = (item as Node | null)?.range;
      if (r && offset >= r[0] && offset <= r[1]) { next = item; break; }
    }
    node = next;
  }
  return chain.reverse();
}
