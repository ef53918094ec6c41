/**
 * Quick fixes: for each finding with a standard repair, the edits that apply
 * it. Fixes read the finding's code and typed data, never its message.
 */
import { isMap } from 'yaml';
import type { Analysis } from '../../analyze';
import type { Finding, RuleCode } from '../../findings';
import type { Component } from '../../model/types';
import { TLS_MODE_KINDS, KIND_PORTS } from '../../vocabulary';
import { portOf } from '../../rules/databaseExposed';
import { DesignEditor, flowList, scalar, TextEditData } from '../edits';
import { occurrences } from '../references';
import { balancerInFront, clusterPeer, copyComponents, copyServer, directEntries, Namer, propLines } from './copies';

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEditData[];
  /** The fix "Fix all" and the lightbulb's default apply. */
  readonly preferred: boolean;
}

export interface FixTarget {
  readonly code: RuleCode;
  readonly span: { readonly start: number; readonly end: number };
  readonly data?: Finding['data'];
}

type FixBuilder = (a: Analysis, ed: DesignEditor, f: FixTarget) => QuickFix[];

const fix = (title: string, edits: readonly (TextEditData | undefined)[], preferred = true): QuickFix[] => {
  const real = edits.filter((e): e is TextEditData => !!e);
  return real.length ? [{ title, edits: real, preferred }] : [];
};

/** Copies and the balancer in front of them go together: one without the other names what is not written. */
const both = (copies: readonly TextEditData[], balancer: readonly TextEditData[]): TextEditData[] => (copies.length && balancer.length ? [...copies, ...balancer] : []);

const componentAt = (a: Analysis, f: FixTarget): Component | undefined =>
  [...a.topology.components.values()].find((c) => c.nameSpan.start === f.span.start || (c.span.start <= f.span.start && f.span.end <= c.span.end));

/** Where a host's properties are written: the server, or the component that is its own machine. */
const hostPath = (a: Analysis, name: string): string[] => (a.topology.servers.has(name) ? ['servers', name] : ['components', name]);

const replace: FixBuilder = (_a, _ed, f) => {
  if (f.data?.repair !== 'replace') return [];
  return f.data.candidates.slice(0, 3).map((c, i) => ({ title: `Change to '${c}'`, edits: [{ span: f.span, text: c }], preferred: i === 0 }));
};

const FIXES: Partial<Record<RuleCode, FixBuilder>> = {
  'unknown-key': replace,
  'invalid-value': (a, ed, f) => {
    // An invalid name is renamed everywhere it stands, like the editor's rename.
    const all = occurrences(a);
    const def = all.find((o) => o.role === 'definition' && o.span.start === f.span.start && o.span.end === f.span.end);
    if (f.data?.repair === 'set' && f.data.key === 'kind') return softwareAsKind(a, ed, f, f.data.subject, f.data.value);
    if (!def || f.data?.repair !== 'replace') return replace(a, ed, f);
    const to = f.data.candidates[0];
    if (!to || a.topology.components.has(to) || a.topology.servers.has(to)) return [];
    return fix(`Rename '${def.name}' to '${to}' everywhere`, all.filter((o) => o.name === def.name).map((o) => ({ span: o.span, text: to })));
  },
  'unknown-reference': replace,
  'replica-without-primary': (a, ed, f) => {
    if (f.data?.repair === 'set') return fix(`Make ${f.data.subject} the primary`, [{ span: f.span, text: f.data.value }]);
    if (f.data?.repair === 'insert-key') {
      const c = componentAt(a, f);
      return c ? fix(`Replicate from ${f.data.placeholder}`, [ed.setKey(['components', c.name], 'replicates', f.data.placeholder)]) : [];
    }
    return f.data?.repair === 'replace' ? f.data.candidates.slice(0, 3).map((p, i) => ({ title: `Replicate from ${p}`, edits: [{ span: f.span, text: p }], preferred: i === 0 })) : [];
  },
  'missing-key': (a, ed, f) => {
    if (f.data?.repair !== 'insert-key') return [];
    const { key, placeholder, under } = f.data;
    if (under.length === 0) {
      const text = a.parsed.text;
      const root = a.parsed.doc.contents;
      // A root written as a flow mapping takes the key inside its braces.
      if (isMap(root) && root.flow && root.range) {
        if (key === 'components') return fix("Add 'components'", [ed.addPair(root, 'components: {}')]);
        const at = root.range[0] + 1;
        return fix(`Add '${key}: ${placeholder}'`, [{ span: { start: at, end: at }, text: ` ${key}: ${placeholder},` }]);
      }
      // `components` goes at the end of the file, other top-level keys at the top.
      if (key === 'components') {
        return fix("Add 'components'", [{ span: { start: text.length, end: text.length }, text: `${text === '' || text.endsWith('\n') ? '' : '\n'}components:\n` }]);
      }
      // At the root's first key, in its column (top-level keys may be indented).
      const at = a.design.rootSpan.start;
      return fix(`Add '${key}: ${placeholder}'`, [{ span: { start: at, end: at }, text: `${key}: ${placeholder}\n${' '.repeat(ed.column(at))}` }]);
    }
    return fix(`Add '${key}: ${placeholder}'`, [ed.setKey(under, key, placeholder)]);
  },
  'dns-invalid-record': (a, ed, f) => {
    const data = f.data;
    if (data?.repair !== 'set') return [];
    const name = a.design.dns.find((n) => n.name === data.subject);
    const record = name?.records.find((r) => r.type === data.key);
    if (!name || !record) return [];
    const other = name.records.find((r) => r.type === data.value);
    if (record.values.length === 1 && !other) return fix(`Change ${record.type} to ${data.value}`, [{ span: record.typeSpan, text: data.value }]);
    return [];
  },
  'single-point-of-failure': (a, ed, f) => {
    if (f.data?.repair !== 'target') return [];
    const t = a.topology;
    const namer = new Namer(t);
    const { subject, kind } = f.data;
    if (kind === 'server') {
      const host = t.hosts.get(subject);
      if (!host) return [];
      const entries = directEntries(t, host.components);
      if (entries.length) {
        const names = new Map<Component, string>();
        const copies = copyServer(a, ed, host, namer, { noDns: true, names });
        return fix(`Put a load balancer in front of ${host.name} and a second server with copies of ${host.components.map((c) => c.name).join(', ')}`, both(copies, balancerInFront(a, ed, entries, namer, (c) => names.get(c))));
      }
      return fix(`Add a second server with copies of ${host.components.map((c) => c.name).join(', ')}`, copyServer(a, ed, host, namer));
    }
    if (kind === 'zone') return spreadZones(a, ed, subject);
    const c = t.components.get(subject);
    if (!c) return [];
    const k = t.kindOf(c);
    if (k === 'load-balancer') return fix(`Add a cluster peer for ${c.name}`, clusterPeer(a, ed, c, namer));
    if (k === 'database') {
      const p = t.primaryOf(c);
      const replicas = p ? t.replicasOf(p) : [];
      if (p && replicas.length && !t.autoFailover(p)) return fix(`Fail over automatically to ${replicas[0]!.name}`, [ed.setKey(['components', p.name], 'failover', 'automatic')]);
      return fix(`Add a replica database for ${c.name}`, copyComponents(a, ed, [c], namer));
    }
    const usesCounts = a.design.components.some((x) => x.replicas);
    if (usesCounts && !c.on) return fix(`Add a replica (replicas: ${(c.replicas?.value ?? 1) + 1})`, [ed.setKey(['components', c.name], 'replicas', String((c.replicas?.value ?? 1) + 1))]);
    if (directEntries(t, [c]).length) {
      const names = new Map<Component, string>();
      const copies = copyComponents(a, ed, [c], namer, { noDns: true, names });
      return fix(`Put a load balancer in front of ${c.name} and a replica`, both(copies, balancerInFront(a, ed, [c], namer, (x) => names.get(x))));
    }
    return fix(`Add a replica of ${c.name}`, copyComponents(a, ed, [c], namer));
  },
  'tls-terminated-at-load-balancer': (a, ed, f) => {
    const lb = componentAt(a, f);
    if (!lb) return [];
    const members = a.topology.clusterOf(lb).filter((m) => m.tls?.value === 'terminate');
    const backends = members.flatMap((m) => tlsBackendEdits(a, ed, m));
    const setAll = (mode: string): (TextEditData | undefined)[] => members.map((m) => ed.setKey(['components', m.name], 'tls', mode));
    return [
      ...fix('Re-encrypt to the backends', [...setAll('reencrypt'), ...backends]),
      ...fix('Pass TLS through to the backends', [...setAll('passthrough'), ...backends], false),
    ];
  },
  'tls-terminated-at-cdn': (a, ed, f) => {
    const cdn = componentAt(a, f);
    if (!cdn) return [];
    const origins = tlsBackendEdits(a, ed, cdn);
    return [
      ...fix('Re-encrypt to the origin', [ed.setKey(['components', cdn.name], 'tls', 'reencrypt'), ...origins]),
      ...fix('Pass TLS through to the origin', [ed.setKey(['components', cdn.name], 'tls', 'passthrough'), ...origins], false),
    ];
  },
  'no-https': (a, ed, f) => {
    const c = componentAt(a, f);
    if (!c) return [];
    const t = a.topology;
    // The whole cluster serves HTTPS; a load balancer re-encrypts (terminating would
    // only move the plain HTTP behind it), so its backends serve TLS too.
    const members = t.clusterOf(c).filter((m) => !t.servesTls(m));
    const lb = TLS_MODE_KINDS.has(c.kind!.value);
    const hosts = [...new Set(t.services.filter((s) => s.entries.some((e) => members.includes(e.component))).map((s) => s.host))];
    const seen = new Set<string>();
    const edits: (TextEditData | undefined)[] = [];
    for (const m of members) {
      const own = [ed.setKey(['components', m.name], 'tls', lb ? 'reencrypt' : 'true')];
      if (!m.certificate && hosts.length) own.push(ed.setKey(['components', m.name], 'certificate', hosts.length === 1 ? scalar(hosts[0]!) : flowList(hosts)));
      for (const e of mergeSameOffset(own)) edits.push(e);
      if (lb) for (const b of tlsBackendEdits(a, ed, m)) if (b && !seen.has(`${b.span.start}`)) { seen.add(`${b.span.start}`); edits.push(b); }
    }
    return fix('Serve HTTPS', edits);
  },
  'tls-passthrough-to-plain-backend': (a, ed, f) => {
    if (f.data?.repair !== 'set') return [];
    return fix(`Serve TLS on ${f.data.subject}`, [ed.setKey(['components', f.data.subject], 'tls', 'true')]);
  },
  'certificate-mismatch': (_a, _ed, f) => {
    if (f.data?.repair !== 'replace' || !f.data.candidates[0]) return [];
    return fix(`Use a certificate that covers ${f.data.candidates[0]}`, [{ span: f.span, text: scalar(f.data.candidates[0]) }]);
  },
  'missing-firewall': (a, ed, f) => (f.data?.repair === 'set' ? fix('Add a firewall (allow only what the design uses)', [ed.setKey(hostPath(a, f.data.subject), 'firewall', 'true')]) : []),
  'missing-monitoring': (a, ed, f) => (f.data?.repair === 'set' ? fix(`Add a monitoring client (${f.data.value})`, [ed.setKey(hostPath(a, f.data.subject), 'monitoring', f.data.value)]) : []),
  'database-exposed': (a, ed, f) => {
    const db = componentAt(a, f);
    if (!db) return [];
    const host = a.topology.hostOf(db);
    const fw = host.props.firewall;
    const callers = [...new Set(a.topology.senders(db).map((s) => s.name))];
    const port = portOf(db, KIND_PORTS.database[0]!);
    if (fw && Array.isArray(fw.value)) {
      const open = fw.value.find((r) => r.action === 'allow' && r.from === 'any' && port >= r.ports[0] && port <= r.ports[1]);
      if (!open) return [];
      const rules = callers.length ? callers.map((c) => `allow ${port}/tcp from ${c}`) : [`deny ${port}/tcp`];
      return fix(`Restrict port ${port} to ${callers.join(', ') || 'nobody'}`, [{ span: open.span, text: rules.join(', ') }]);
    }
    if (!fw || fw.value === false) return fix(`Restrict the database port to its callers (firewall: true on ${host.name})`, [ed.setKey(hostPath(a, host.name), 'firewall', 'true')]);
    return [];
  },
  'shared-server': (a, ed, f) => {
    if (f.data?.repair !== 'target') return [];
    const host = a.topology.hosts.get(f.data.subject);
    if (!host) return [];
    const firstKind = host.components[0]?.kind?.value;
    const moving = host.components.filter((c) => c.kind?.value !== firstKind);
    // Only the `on: …` pair is replaced: a comment after it, and the other lines, stay.
    const edits = moving.map((c) => {
      if (!c.on || !ed.pairLines(['components', c.name, 'on'])) return undefined;
      const indent = ' '.repeat(ed.column(c.on.key.start));
      const props = propLines(ed, host.props, undefined, a.topology, c.kind?.value === 'database');
      return { span: { start: c.on.key.start, end: c.on.span.end }, text: props.join('\n' + indent) };
    });
    return edits.every(Boolean) ? fix(`Give ${moving.map((c) => c.name).join(', ')} their own servers`, edits) : [];
  },
  'write-to-replica': (a, ed, f) => {
    const c = componentAt(a, f);
    if (!c || f.data?.repair !== 'replace' || !f.data.candidates[0]) return [];
    return fix(`Send writes to ${f.data.candidates[0]} (add it to 'to')`, [ed.addItem(['components', c.name, 'to'], f.data.candidates[0])]);
  },
  'capacity-exceeded': (a, ed, f) => {
    if (f.data?.repair !== 'set') return [];
    const c = a.topology.components.get(f.data.subject);
    if (!c) return [];
    return fix(`Add instances to carry the load (replicas: ${f.data.value})`, [ed.setKey(['components', c.name], 'replicas', f.data.value)]);
  },
  'capacity-during-maintenance': (a, ed, f) => {
    const c = f.data && 'subject' in f.data ? a.topology.components.get(f.data.subject) : undefined;
    if (!c) return [];
    if (f.data?.repair === 'set') return fix(`Add an instance to carry the load during a deploy (replicas: ${f.data.value})`, [ed.setKey(['components', c.name], 'replicas', f.data.value)]);
    return f.data?.repair === 'target' ? fix(`Add an instance (a copy of ${c.name}) to carry the load during a deploy`, copyComponents(a, ed, [c], new Namer(a.topology))) : [];
  },
  'cluster-single-node': (a, ed, f) => {
    if (f.data?.repair === 'replace' && f.data.candidates[0]) return fix(`Send to the active member ${f.data.candidates[0]}`, [{ span: f.span, text: f.data.candidates[0] }]);
    if (f.data?.repair !== 'target') return [];
    const lb = a.topology.components.get(f.data.subject);
    return lb ? fix(`Add a cluster peer for ${lb.name}`, clusterPeer(a, ed, lb, new Namer(a.topology), true)) : [];
  },
};

/** `kind: haproxy` → `kind: load-balancer`, and the word moves to `software` when there is none. */
function softwareAsKind(a: Analysis, ed: DesignEditor, f: FixTarget, name: string, kind: string): QuickFix[] {
  const word = a.parsed.text.slice(f.span.start, f.span.end);
  const node = ed.nodeAt(['components', name]);
  const has = isMap(node) && node.items.some((p) => String((p.key as { value?: unknown } | null)?.value) === 'software');
  const software = has ? undefined : ed.setKey(['components', name], 'software', word);
  return fix(has ? `Change to '${kind}'` : `Change to '${kind}' with 'software: ${word}'`, [{ span: f.span, text: kind }, software]);
}

/** `tls: true` on each web/app backend of a load balancer that lacks it. */
function tlsBackendEdits(a: Analysis, ed: DesignEditor, lb: Component): (TextEditData | undefined)[] {
  const t = a.topology;
  const seen = new Set<string>();
  const out: (TextEditData | undefined)[] = [];
  for (const { component } of t.targets(lb)) {
    for (const m of t.clusterOf(component)) {
      if (seen.has(m.name) || t.servesTls(m) || TLS_MODE_KINDS.has(m.kind?.value ?? 'cdn')) continue;
      seen.add(m.name);
      out.push(ed.setKey(['components', m.name], 'tls', 'true'));
    }
  }
  return out;
}

/** Two insertions at one offset become one edit, in order. */
function mergeSameOffset(edits: readonly (TextEditData | undefined)[]): (TextEditData | undefined)[] {
  const [x, y] = edits;
  if (edits.length === 2 && x && y && x.span.start === y.span.start && x.span.end === y.span.end) return [{ span: x.span, text: x.text + y.text }];
  return [...edits];
}

function spreadZones(a: Analysis, ed: DesignEditor, zone: string): QuickFix[] {
  const hosts = [...a.topology.hosts.values()].filter((h) => h.props.zone?.value === zone);
  const zones = [...new Set([...a.topology.hosts.values()].map((h) => h.props.zone?.value).filter((z): z is string => !!z && z !== zone))];
  const other = zones[0] ?? nextZone(zone);
  const moving = hosts.filter((_, i) => i % 2 === 1);
  if (moving.length === 0) return [];
  return fix(`Spread across zones (move ${moving.map((h) => h.name).join(', ')} to ${other})`, moving.map((h) => ({ span: h.props.zone!.span, text: scalar(other) })));
}

function nextZone(zone: string): string {
  const m = /^(.*?)([a-y])$/.exec(zone);
  return m ? m[1]! + String.fromCharCode(m[2]!.charCodeAt(0) + 1) : `${zone}-2`;
}

export function quickFixes(a: Analysis, f: FixTarget): QuickFix[] {
  const builder = FIXES[f.code];
  if (!builder) return [];
  const fixes = builder(a, new DesignEditor(a.parsed.doc, a.parsed.text), f);
  // A CRLF file gets CRLF in every inserted line, never a mix.
  if (!a.parsed.text.includes('\r\n')) return fixes;
  return fixes.map((q) => ({ ...q, edits: q.edits.map((e) => ({ ...e, text: e.text.replace(/\r?\n/g, '\r\n') })) }));
}

/** Codes that have at least one fix, for "Fix all" and source.fixAll. */
export const FIXABLE: ReadonlySet<RuleCode> = new Set(Object.keys(FIXES) as RuleCode[]);
