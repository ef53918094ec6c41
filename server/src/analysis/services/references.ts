/**
 * Every place a server or component name stands in the file — its
 * definition and each reference (`to`, `on`, `peers`, `replicates`,
 * `weights`, DNS values, firewall sources) — for navigation and rename.
 * Only spans whose text really is the name count: a reference reached
 * through an alias stands at the alias, which renaming must not touch.
 */
import type { Analysis } from '../analyze';
import type { Span } from '../model/types';

export interface NameOccurrence {
  readonly name: string;
  readonly span: Span;
  readonly role: 'definition' | 'reference';
  /** What the name stands for (undefined: it names nothing). */
  readonly target?: 'server' | 'component';
}

export function occurrences(a: Analysis): NameOccurrence[] {
  const text = a.parsed.text;
  const { components, servers } = a.topology;
  const targetOf = (n: string): NameOccurrence['target'] => (components.has(n) ? 'component' : servers.has(n) ? 'server' : undefined);
  const out: NameOccurrence[] = [];
  const seen = new Set<number>();
  const add = (name: string, span: Span, role: NameOccurrence['role']): void => {
    const inner = unquoted(text, span);
    if (!inner || text.slice(inner.start, inner.end) !== name || seen.has(inner.start)) return;
    seen.add(inner.start);
    const target = targetOf(name);
    out.push(target ? { name, span: inner, role, target } : { name, span: inner, role });
  };
  for (const s of a.design.servers) add(s.name, s.nameSpan, 'definition');
  for (const c of a.design.components) {
    add(c.name, c.nameSpan, 'definition');
    if (c.on) add(c.on.name, c.on.span, 'reference');
    for (const r of c.to) add(r.name, r.span, 'reference');
    for (const w of c.weights) add(w.ref.name, w.ref.span, 'reference');
    for (const p of c.cluster?.peers ?? []) add(p.name, p.span, 'reference');
    if (c.replicates) add(c.replicates.name, c.replicates.span, 'reference');
  }
  for (const h of a.topology.hosts.values()) {
    const fw = h.props.firewall?.value;
    if (!Array.isArray(fw)) continue;
    for (const r of fw) {
      if (!targetOf(r.from)) continue;
      const at = text.lastIndexOf(r.from, r.span.end);
      if (at >= r.span.start) add(r.from, { start: at, end: at + r.from.length }, 'reference');
    }
  }
  for (const n of a.design.dns) {
    for (const r of n.records) {
      if (r.type !== 'A' && r.type !== 'AAAA') continue;
      for (const v of r.values) if (targetOf(v.text)) add(v.text, v.span, 'reference');
    }
  }
  return out.sort((x, y) => x.span.start - y.span.start);
}

/** The span inside quotes, for a quoted scalar. */
function unquoted(text: string, span: Span): Span | undefined {
  if (span.end <= span.start) return undefined;
  const q = text[span.start];
  if ((q === '"' || q === "'") && text[span.end - 1] === q && span.end - span.start >= 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

export function occurrenceAt(all: readonly NameOccurrence[], offset: number): NameOccurrence | undefined {
  return all.find((o) => o.span.start <= offset && offset <= o.span.end);
}
