/**
 * Completion: keys valid at the cursor, values for the key being typed, and
 * names of servers and components where a reference is expected. Every item
 * is derived from the vocabulary and carries its documentation.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analyze';
import type { Component } from '../model/types';
import { isIPv4, isIPv6 } from '../model/values';
import { DOCS } from '../vocabulary/docs';
import {
  ALGORITHMS, KeySpec, keyAppliesTo, keySpec, keysOf, Kind, KINDS, LB_TLS_MODES, MONITORING_AGENTS, RECORD_TYPES, Scope, SOFTWARE, TLS_MODE_KINDS,
} from '../vocabulary';
import { CursorContext, cursorContext, siblingKeys, SkipUp } from './cursor';
import { docMarkdown } from './docText';
import { own } from '../own';
import { SKELETONS } from './skeletons';

interface Ctx {
  readonly a: Analysis;
  readonly doc: TextDocument;
  readonly cur: CursorContext;
  readonly range: Range;
}

/** Which tier a component usually sends to, for ordering `to:` suggestions. */
const NEXT_TIER: Readonly<Record<Kind, readonly Kind[]>> = {
  cdn: ['load-balancer', 'web-server', 'storage'],
  'load-balancer': ['web-server', 'app-server', 'load-balancer'],
  'web-server': ['app-server', 'cache', 'storage'],
  'app-server': ['database', 'cache', 'queue', 'storage'],
  database: [], cache: [], queue: ['app-server'], storage: [],
};

/**
 * The list at `offset`. Value lists are incomplete so that the editor asks again as the user types:
 * once the typed word is one of the values offered and nothing follows it on the line, the list is
 * empty, so that Enter at the end of a finished line is a new line, not the acceptance of the word
 * the user has just typed (VS Code accepts a suggestion on Enter by default). `skip` shortens the
 * scan up for the parent keys (locate.ts, skipUpOf): the caller knows whether the tree matches the text.
 */
export function complete(a: Analysis, doc: TextDocument, offset: number, skip?: SkipUp): CompletionList {
  const text = doc.getText();
  const cur = cursorContext(text, offset, skip);
  const ctx: Ctx = { a, doc, cur, range: { start: doc.positionAt(cur.replaceStart), end: doc.positionAt(cur.replaceEnd) } };
  if (text.trim() === '') return { isIncomplete: false, items: [...skeletons(ctx), ...keyItems(ctx)] };
  if (cur.at === 'key') return { isIncomplete: false, items: keyItems(ctx) };
  const items = valueItems(ctx);
  if (cur.atLineEnd && cur.prefix !== '' && items.some((i) => (i.filterText ?? String(i.label)) === cur.prefix)) return { isIncomplete: true, items: [] };
  return { isIncomplete: true, items };
}

function doc(id: string): { detail?: string; documentation?: { kind: 'markdown'; value: string } } {
  const d = own(DOCS, id);
  return d ? { detail: d.summary, documentation: { kind: MarkupKind.Markdown, value: docMarkdown(d) } } : {};
}

function component(ctx: Ctx, name: string | undefined): Component | undefined {
  return name === undefined ? undefined : ctx.a.topology.components.get(name);
}

// ---------------------------------------------------------------- keys

function keyItems(ctx: Ctx): CompletionItem[] {
  const { path } = ctx.cur;
  const [top, name, sub] = path;
  if (path.length === 0) return specItems(ctx, 'top', undefined);
  if (path.length === 1 && top === 'traffic') return specItems(ctx, 'traffic', undefined);
  if (path.length === 1 && top === 'dns') return dnsNameItems(ctx);
  if (path.length === 2 && top === 'dns') return recordTypeItems(ctx);
  if (path.length === 1 && top === 'servers') return [newName(ctx, 'server', 'a new server', 'servers', '\n  ip: ${2:10.0.0.1}\n  firewall: ${3:true}\n  monitoring: ${4|sumologic,datadog,prometheus|}')];
  if (path.length === 2 && top === 'servers') return specItems(ctx, 'server', undefined);
  if (path.length === 1 && top === 'components') return KINDS.map((k) => newComponent(ctx, k));
  if (path.length === 2 && top === 'components') return specItems(ctx, 'component', component(ctx, name)?.kind?.value);
  if (path.length === 3 && top === 'components' && sub === 'cluster') return specItems(ctx, 'cluster', undefined);
  if (path.length === 3 && top === 'components' && sub === 'weights') {
    const c = component(ctx, name);
    const present = siblingKeys(ctx.doc.getText(), ctx.doc.offsetAt(ctx.range.start), ctx.cur.indent);
    return (c?.to ?? []).filter((t) => !present.has(t.name)).map((t) => snippetItem(ctx, t.name, `${t.name}: \${1:1}`, CompletionItemKind.Reference, 'weight of this target'));
  }
  return [];
}

function specItems(ctx: Ctx, scope: Scope, kind: Kind | undefined): CompletionItem[] {
  const present = siblingKeys(ctx.doc.getText(), ctx.doc.offsetAt(ctx.range.start), ctx.cur.indent);
  const childIndent = ' '.repeat(ctx.cur.indent + 2);
  return [...keysOf(scope).values()]
    .filter((k) => keyAppliesTo(k, kind) && !present.has(k.name))
    .map((k, i) => ({
      ...snippetItem(ctx, k.name, keyInsert(k, childIndent), CompletionItemKind.Property, undefined),
      ...doc(k.doc),
      sortText: `${k.required ? 0 : 1}${String(i).padStart(3, '0')}`,
    }));
}

function keyInsert(k: KeySpec, childIndent: string): string {
  if (k.shape.type === 'map') return `${k.name}:\n${childIndent}$0`;
  if (k.insert) return `${k.name}: ${k.insert}`;
  return `${k.name}: $0`;
}

function dnsNameItems(ctx: Ctx): CompletionItem[] {
  const present = new Set(ctx.a.design.dns.map((n) => n.name));
  const domain = ctx.a.design.domain?.value ?? 'your domain';
  const common: [string, string][] = [['@', `${domain} itself (the apex)`], ['www', `www.${domain}`], ['api', `api.${domain}`], ['mail', `mail.${domain}`]];
  return common.filter(([n]) => !present.has(n)).map(([n, what]) => ({
    ...snippetItem(ctx, n, `${n === '@' ? '"@"' : n}:\n${' '.repeat(ctx.cur.indent + 2)}\${1|A,AAAA,CNAME,MX,TXT,NS|}: $0`, CompletionItemKind.Module, what),
    ...doc('dns.record-name'),
    detail: what,
  }));
}

function recordTypeItems(ctx: Ctx): CompletionItem[] {
  const present = siblingKeys(ctx.doc.getText(), ctx.doc.offsetAt(ctx.range.start), ctx.cur.indent);
  const name = ctx.cur.path[1]!;
  return RECORD_TYPES.filter((t) => !present.has(t) && (t !== 'SOA' || name === '@') && (t !== 'CNAME' || (present.size === 0 && name !== '@')))
    .map((t, i) => ({ ...snippetItem(ctx, t, `${t}: $0`, CompletionItemKind.EnumMember, undefined), ...doc(`dns.${t}`), sortText: String(i).padStart(2, '0') }));
}

function freshName(ctx: Ctx, base: string): string {
  const taken = new Set([...ctx.a.topology.components.keys(), ...ctx.a.topology.servers.keys()]);
  for (let i = 1; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function newName(ctx: Ctx, base: string, what: string, docId: string, body: string): CompletionItem {
  const n = freshName(ctx, base);
  const indent = ' '.repeat(ctx.cur.indent);
  return { ...snippetItem(ctx, n, `\${1:${n}}:${body.replace(/\n/g, `\n${indent}`)}`, CompletionItemKind.Class, what), ...doc(`key.${docId}`), detail: what };
}

const SHORT: Readonly<Record<Kind, string>> = { 'load-balancer': 'lb', 'web-server': 'web', 'app-server': 'app', database: 'db', cache: 'cache', cdn: 'cdn', queue: 'queue', storage: 'storage' };

function newComponent(ctx: Ctx, kind: Kind): CompletionItem {
  const item = newName(ctx, SHORT[kind], `a new ${kind}`, 'components', `\n  kind: ${kind}${kindBody(kind, 2, 2)}`);
  return { ...item, label: `${item.label as string} (${kind})`, filterText: `${SHORT[kind]} ${kind}`, ...doc(`kind.${kind}`), detail: `a new ${kind}` };
}

/** The keys a component of this kind usually needs, as snippet lines at `indent` (tab stops from `first`). */
export function kindBody(kind: Kind, indent: number, first: number): string {
  const p = '\n' + ' '.repeat(indent);
  const sw = `\${${first}|${SOFTWARE[kind].join(',')}|}`;
  switch (kind) {
    case 'load-balancer': return `${p}software: ${sw}${p}algorithm: \${${first + 1}|${ALGORITHMS.join(',')}|}${p}tls: \${${first + 2}|reencrypt,terminate,passthrough|}${p}to: [\$${first + 3}]`;
    case 'web-server': case 'app-server': return `${p}software: ${sw}${p}to: [\$${first + 1}]`;
    case 'database': return `${p}software: ${sw}${p}role: \${${first + 1}|primary,replica|}`;
    default: return `${p}software: ${sw}`;
  }
}

// ---------------------------------------------------------------- values

function valueItems(ctx: Ctx): CompletionItem[] {
  const { path } = ctx.cur;
  const key = path[path.length - 1];
  const [top, name] = path;
  if (path.length === 1 && key === 'infra') return [valueItem(ctx, '1', 'key.infra')];
  if (path.length === 1 && key === 'lesson') return enumItems(ctx, keySpec('top', key));
  if (top === 'dns' && path.length === 3) return dnsValueItems(ctx, key!);
  if (top === 'servers' && path.length === 3) return serverValueItems(ctx, key!);
  if (top !== 'components' || path.length < 3) return [];
  const c = component(ctx, name);
  const kind = c?.kind?.value;
  if (path.length === 4 && path[2] === 'cluster') {
    if (key === 'peers') return refItems(ctx, [...ctx.a.topology.components.values()].filter((o) => o !== c && (!kind || o.kind?.value === kind)));
    return enumItems(ctx, keySpec('cluster', key!));
  }
  if (path.length !== 3) return [];
  switch (key) {
    case 'kind': return KINDS.map((k) => valueItem(ctx, k, `kind.${k}`));
    case 'software': return (kind ? SOFTWARE[kind] : Object.values(SOFTWARE).flat()).map((s) => ({ ...plainItem(ctx, s, CompletionItemKind.Value), detail: `${kind ?? 'software'}` }));
    case 'algorithm': case 'role': case 'failover': return enumItems(ctx, keySpec('component', key));
    case 'tls': return kind && TLS_MODE_KINDS.has(kind) ? LB_TLS_MODES.map((v) => valueItem(ctx, v, `tls.${v}`)) : [valueItem(ctx, 'true', 'tls.true')];
    case 'on': return refItems(ctx, [], [...ctx.a.topology.servers.values()].map((s) => s.name));
    case 'to': return toItems(ctx, c);
    case 'replicates': return refItems(ctx, [...ctx.a.topology.components.values()].filter((o) => o !== c && ctx.a.topology.isPrimary(o)));
    default: return serverValueItems(ctx, key!);
  }
}

/** The allowed values of an enum key, each with its documentation. */
function enumItems(ctx: Ctx, spec: KeySpec | undefined): CompletionItem[] {
  if (spec?.shape.type !== 'enum') return [];
  const { values, docPrefix } = spec.shape;
  return values.map((v) => valueItem(ctx, v, docPrefix + v));
}

function serverValueItems(ctx: Ctx, key: string): CompletionItem[] {
  switch (key) {
    case 'firewall':
      if (ctx.cur.inList) return ['allow 443/tcp from any', 'allow 80/tcp from any', 'allow 22/tcp from 10.0.0.0/8', 'deny any'].map((r) => ({ ...plainItem(ctx, r, CompletionItemKind.Value), ...doc('firewall.rules') }));
      return [valueItem(ctx, 'true', 'firewall.true'), { ...snippetItem(ctx, '[allow 443/tcp from any]', '[${1:allow 443/tcp from any}]', CompletionItemKind.Value, undefined), ...doc('firewall.rules') }];
    case 'monitoring': return [...MONITORING_AGENTS.map((m) => valueItem(ctx, m, 'monitoring.agent')), valueItem(ctx, 'true', 'monitoring.true')];
    case 'zone': {
      const zones = new Set([...ctx.a.topology.hosts.values()].map((h) => h.props.zone?.value).filter((z): z is string => !!z));
      return [...zones].map((z) => plainItem(ctx, z, CompletionItemKind.Value));
    }
    default: return [];
  }
}

/** A `to:` offers the tiers this kind sends to (likely next tier first), and components of no kind yet. */
function toItems(ctx: Ctx, c: Component | undefined): CompletionItem[] {
  const t = ctx.a.topology;
  const kind = c?.kind?.value;
  const order = kind ? NEXT_TIER[kind] : [];
  const fits = (k: Kind | undefined): boolean => !k || order.length === 0 || order.includes(k);
  const taken = new Set(ctx.cur.siblings);
  const candidates = [...t.components.values()].filter((o) => o !== c && !taken.has(o.name) && fits(o.kind?.value));
  return refItems(ctx, candidates).map((item, i) => {
    const k = t.components.get(item.label as string)?.kind?.value;
    const rank = k && order.includes(k) ? order.indexOf(k) : 9;
    return { ...item, sortText: `${rank}${String(i).padStart(5, '0')}` };
  });
}

function refItems(ctx: Ctx, comps: readonly Component[], servers: readonly string[] = []): CompletionItem[] {
  const t = ctx.a.topology;
  const items: CompletionItem[] = comps.map((o) => ({ ...plainItem(ctx, o.name, CompletionItemKind.Reference), detail: `${o.kind?.value ?? 'component'}${o.on ? ` on ${o.on.name}` : ''}` }));
  for (const s of servers) {
    const h = t.hosts.get(s);
    items.push({ ...plainItem(ctx, s, CompletionItemKind.Reference), detail: `server${h?.props.ip ? ` ${h.props.ip.value}` : ''}${h ? ` — runs ${h.components.map((x) => x.name).join(', ') || 'nothing yet'}` : ''}` });
  }
  return items;
}

function dnsValueItems(ctx: Ctx, type: string): CompletionItem[] {
  const t = ctx.a.topology;
  const domain = t.design.domain?.value ?? 'foobar.com';
  const addressed = (fits: (ip: string) => boolean): CompletionItem[] => {
    const out: CompletionItem[] = [];
    for (const c of t.components.values()) {
      const ips = [t.hostOf(c).implicit ? c.props.ip?.value : undefined, c.cluster?.vip?.value].filter((x): x is string => !!x && fits(x));
      if (ips.length) out.push({ ...plainItem(ctx, c.name, CompletionItemKind.Reference), detail: `${c.kind?.value ?? 'component'} at ${ips[0]}` });
    }
    for (const s of t.servers.values()) if (s.props.ip && fits(s.props.ip.value)) out.push({ ...plainItem(ctx, s.name, CompletionItemKind.Reference), detail: `server at ${s.props.ip.value}` });
    return out;
  };
  switch (type) {
    case 'A': return addressed(isIPv4);
    case 'AAAA': return addressed(isIPv6);
    case 'CNAME': return t.design.dns.filter((n) => n.name !== ctx.cur.path[1]).map((n) => ({ ...plainItem(ctx, `${t.fqdn(n.name)}.`, CompletionItemKind.Reference), detail: 'a name of this zone' }));
    case 'MX': return [{ ...snippetItem(ctx, `10 mail.${domain}`, `\${1:10} \${2:mail.${domain}}`, CompletionItemKind.Value, undefined), ...doc('dns.MX') }];
    case 'TXT': return [{ ...snippetItem(ctx, '"v=spf1 mx -all"', '"${1:v=spf1 mx -all}"', CompletionItemKind.Value, undefined), ...doc('dns.TXT') }];
    case 'CAA': return [{ ...snippetItem(ctx, '0 issue "letsencrypt.org"', '${1:0} ${2|issue,issuewild,iodef|} "${3:letsencrypt.org}"', CompletionItemKind.Value, undefined), ...doc('dns.CAA') }];
    case 'SOA': return [{ ...snippetItem(ctx, 'SOA fields', `\${1:ns1.${domain}.} \${2:hostmaster.${domain}.} \${3:2026010101} \${4:7200} \${5:3600} \${6:1209600} \${7:3600}`, CompletionItemKind.Value, undefined), ...doc('dns.SOA') }];
    case 'SRV': return [{ ...snippetItem(ctx, 'SRV fields', `\${1:10} \${2:5} \${3:5060} \${4:sip.${domain}.}`, CompletionItemKind.Value, undefined), ...doc('dns.SRV') }];
    default: return [];
  }
}

// ---------------------------------------------------------------- items

/** Right after `key:` a value needs a space before it. */
const lead = (ctx: Ctx): string => (ctx.cur.glued ? ' ' : '');

function plainItem(ctx: Ctx, label: string, kind: CompletionItemKind): CompletionItem {
  return { label, kind, textEdit: { range: ctx.range, newText: lead(ctx) + label } };
}

function valueItem(ctx: Ctx, value: string, docId: string): CompletionItem {
  return { ...plainItem(ctx, value, CompletionItemKind.EnumMember), ...doc(docId) };
}

function snippetItem(ctx: Ctx, label: string, snippet: string, kind: CompletionItemKind, detail: string | undefined): CompletionItem {
  return { label, kind, ...(detail ? { detail } : {}), insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: ctx.range, newText: lead(ctx) + snippet } };
}

function skeletons(ctx: Ctx): CompletionItem[] {
  return SKELETONS.map((k, i) => ({
    ...snippetItem(ctx, k.label, k.body, CompletionItemKind.Snippet, undefined),
    ...doc('key.infra'),
    detail: k.detail,
    sortText: `!${i}`,
  }));
}
