/**
 * Builds the typed model from the YAML tree, driven by the vocabulary, and
 * collects the schema findings on the way (unknown-key, invalid-value,
 * missing-key). References are recorded, not resolved: rules check them.
 */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import type { Finding } from '../findings';
import { deref, entries, Entry, isMap, isMergeKey, isScalar, isSeq, listItems, Located, pairEntry, ParsedYaml, scalarValue, spanOf } from '../parse/yamlDocument';
import {
  ALGORITHMS, CLUSTER_MODES, LESSONS, FAILOVER_MODES, Kind, KeySpec, isRecordType, kindOfSoftware, Role, ROLE_SYNONYMS, ROLES, keyAppliesTo, RECORD_TYPES, keySpec, keysOf, KINDS, NAME_PATTERN, Scope, SERVER_PROPERTY_NAMES, TLS_MODE_KINDS, LB_TLS_MODES,
} from '../vocabulary';
import type { Cluster, Component, ComponentTls, Design, DnsName, DnsRecord, Field, Firewall, FirewallRule, Ref, Server, ServerProps, Span, Traffic, Weight } from './types';
import { isIp, parseDuration, parseFirewallRule, parseSize } from './values';

export interface BuildResult {
  readonly design: Design;
  readonly findings: Finding[];
  /** The server and component names (to tell the next version whether they changed). */
  readonly names: ReadonlySet<string>;
  /**
   * Edited entries kept as the previous version's objects, changed in place (a re-parsed entry with
   * the name it had): which of their keys changed value (server properties by their own name, any
   * change of a DNS name as `dns`). Entries the edit did not touch are the previous objects as they
   * were, moved. New entries are new objects (analyze.ts tells those apart by identity).
   */
  readonly changed: ReadonlySet<string>;
  /** The previous version's objects that were edited in place (their keys in `changed`). */
  readonly edited: readonly object[];
  /**
   * Components renamed in place: an edit that replaced one component entry by one of another name at
   * the same place (typing a name) gives the new name to the previous object, which stays in
   * `edited` only when some other key changed too. `from` is the name it had.
   */
  readonly renamed: readonly Renamed[];
  /** Entries built again (the others were reused). */
  readonly rebuilt: number;
}

/** A component the edit renamed in place, with the name it had. */
export interface Renamed {
  readonly component: Component;
  readonly from: string;
}

/** What one entry of `servers`, `components` or `dns` built, kept for the versions after it. */
export interface BuiltEntry {
  readonly scope: 'server' | 'component' | 'dns';
  readonly value: Server | Component | DnsName;
  /** The schema findings made while building it. */
  readonly findings: readonly Finding[];
  /** The entry it was built from (the next version lists it again instead of a new one). */
  readonly entry: Entry;
  /** Where the entry's key started when the offsets of `value`, `findings` and `entry` were last right. */
  at: number;
  /** Whether it read the set of names (a firewall rule's `from`): a change of names builds it again. */
  readonly usesNames: boolean;
  /** Every distinct offset pair of `value`, `findings` and `entry`, listed on the first move. */
  spans?: { start: number; end: number }[];
}

/**
 * What the previous version built, for an incremental build: its entries by their pair in the YAML
 * tree (the re-parse keeps the pairs it did not touch, moved; see parse/incremental.ts), the pairs
 * the edit replaced, and its names. The previous model is changed in place: it must not be used after.
 */
export interface PreviousBuild {
  readonly entries: WeakMap<Pair, BuiltEntry>;
  readonly replaced: readonly Pair[];
  readonly names: ReadonlySet<string>;
  /**
   * The edit's length difference: a replaced entry whose key the edit moved by it (one re-parsed
   * with its neighbour, parse/incremental.ts) is moved before it is edited in place.
   */
  readonly delta?: number;
}

/** "did you mean" for a word among candidates, when one is close enough. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= limit || best.startsWith(word) ? best : undefined;
}

class Builder {
  readonly findings: Finding[] = [];
  /** The server and component names; the previous version's set itself when the edit cannot have changed it. */
  names: ReadonlySet<string> = new Set<string>();
  /** The entries of the servers and components maps, listed once by collectNames and reused by their builders. */
  private readonly listed = new Map<Node, Entry[]>();
  readonly entries: WeakMap<Pair, BuiltEntry>;
  /** The previous version's entries the edit replaced, by scope and name: edited in place when rebuilt. */
  private readonly replaced = new Map<string, BuiltEntry>();
  private namesChanged = true;
  private usedNames = false;
  readonly changed = new Set<string>();
  readonly edited: object[] = [];
  readonly renamed: Renamed[] = [];
  /** The one component entry the edit replaced by one of another name (`collectNames`), if that is all it replaced and brought. */
  private renaming: { readonly key: string; readonly from: BuiltEntry } | undefined;
  rebuilt = 0;

  constructor(private readonly doc: Document, private readonly prev?: PreviousBuild) {
    this.entries = prev?.entries ?? new WeakMap();
    for (const p of prev?.replaced ?? []) {
      const b = this.entries.get(p);
      if (b) this.replaced.set(`${b.scope}:${(b.value as { name: string }).name}`, b);
    }
  }

  /**
   * One entry of servers, components or dns: the previous version's when its pair is still in the
   * tree (moved by the edit: its offsets are moved with it), else built, and kept for the next version.
   * `shared`: the entry was reached through an alias or merge, so its offsets are the alias's and
   * belong to no entry of its own: always built.
   */
  private entry<T extends Server | Component | DnsName>(scope: BuiltEntry['scope'], e: Entry, shared: boolean, build: () => T): T {
    const kr = (e.pair.key as Node | null)?.range;
    if (shared || e.value.at !== undefined || !kr) return build();
    const hit = this.entries.get(e.pair);
    // Moved first: `e` may be the hit's own entry (listOf), which a rebuild below reads.
    if (hit && hit.at !== kr[0]) moveEntry(hit, kr[0] - hit.at);
    if (hit && hit.scope === scope && !(hit.usesNames && this.namesChanged)) {
      for (const f of hit.findings) this.findings.push(f);
      return hit.value as T;
    }
    this.rebuilt++;
    const from = this.findings.length;
    this.usedNames = false;
    let value: T = build();
    const findings = this.findings.length > from ? this.findings.slice(from) : NO_FINDINGS;
    // An entry built again because the names changed (its firewall rules name some) is its own previous object, edited.
    const old = this.replaced.get(`${scope}:${e.key}`) ?? (hit?.scope === scope ? hit : undefined);
    if (old) this.align(old, kr[0]);
    if (old && editInPlace(old.value, value, scope, this.changed, false)) {
      this.replaced.delete(`${scope}:${e.key}`);
      value = old.value as T;
      this.edited.push(value);
    } else if (!old && this.renaming?.key === e.key && scope === 'component') {
      const prior = this.renaming.from;
      this.align(prior, kr[0]);
      const was = (prior.value as Component).name;
      const before = this.changed.size;
      if (editInPlace(prior.value, value, scope, this.changed, true)) {
        this.replaced.delete(`${scope}:${was}`);
        value = prior.value as T;
        this.renamed.push({ component: value as Component, from: was });
        if (this.changed.size > before) this.edited.push(value);
      }
    }
    this.entries.set(e.pair, { scope, value, findings, entry: e, at: kr[0], usesNames: this.usedNames });
    return value;
  }

  /**
   * Moves a replaced entry by the edit's length difference when that puts its key where the rebuilt
   * entry's starts (`at`): the edit was before its key (an entry re-parsed with its neighbour), not
   * at its start (text typed at the start of its name leaves it where it was).
   */
  private align(b: BuiltEntry, at: number): void {
    const d = this.prev?.delta ?? 0;
    if (d !== 0 && b.at !== at && b.at + d === at) moveEntry(b, d);
  }

  /**
   * The entries of a map of servers, components or DNS names: for a pair the previous version built,
   * the entry it was built from (`entry` moves it with the rest), else a new one. Maps reached through
   * an alias, or with merge keys, are listed whole.
   */
  private listOf(map: YAMLMap, at: Span | undefined, fresh?: Entry[]): Entry[] {
    const kept = at === undefined && this.prev ? this.keptEntries(map) : undefined;
    if (kept) {
      if (fresh) for (const e of kept.added) fresh.push(e);
      return kept.all;
    }
    const all = entries(this.doc, map, at);
    if (fresh) for (const e of all) fresh.push(e);
    return all;
  }

  /**
   * A map's entries by their pairs, `added` the ones not built before; undefined when one of those
   * is a merge key. A pair the previous version built is never one (a merge key's entries are its
   * sources'), so only the pairs the edit brought are looked at: looking at all 10,000 for a `<<`
   * on every keystroke was 6 % of a value edit at 10k.
   */
  private keptEntries(map: YAMLMap): { all: Entry[]; added: Entry[] } | undefined {
    const all: Entry[] = [];
    const added: Entry[] = [];
    for (const p of map.items as Pair[]) {
      const kept = this.entries.get(p)?.entry;
      if (kept) {
        all.push(kept);
        continue;
      }
      if (isMergeKey(p)) return undefined;
      const e = pairEntry(this.doc, map, p);
      all.push(e);
      added.push(e);
    }
    return { all, added };
  }

  build(text: string): Design {
    const root = this.doc.contents as Node | null;
    const rootSpan = spanOf(root, { start: 0, end: text.length });
    const design: { -readonly [K in keyof Design]: Design[K] } = { dns: [], servers: [], components: [], rootSpan };
    if (!isMap(root)) {
      // An empty file (or one of comments only) is a design not begun, not a mistake: nothing to say.
      if (root !== null && root !== undefined) this.report('invalid-value', rootSpan, 'A design is a mapping of keys (infra, domain, dns, servers, components); this document is not.');
      return design;
    }
    const top = entries(this.doc, root);
    this.collectNames(top);
    for (const e of top) {
      const spec = this.keyOrReport('top', e, undefined);
      if (!spec) continue;
      switch (e.key) {
        case 'infra': design.infra = this.version(e); break;
        case 'name': design.name = this.stringField(e); break;
        case 'domain': design.domain = this.domain(e); break;
        case 'lesson': design.lesson = this.enumField(e, LESSONS); break;
        case 'traffic': design.traffic = this.traffic(e); break;
        case 'dns': design.dnsKey = e.keySpan; design.dns = this.dns(e); break;
        case 'servers': design.serversKey = e.keySpan; design.servers = this.servers(e); break;
        case 'components': design.componentsKey = e.keySpan; design.components = this.components(e); break;
      }
    }
    const start = { start: rootSpan.start, end: rootSpan.start };
    if (!design.infra) this.report('missing-key', start, "The design must say its format version: add 'infra: 1' at the top.", { repair: 'insert-key', key: 'infra', placeholder: '1', under: [] });
    if (!design.componentsKey) this.report('missing-key', start, "The design has no 'components': add the software it runs (load balancers, web and app servers, databases…).", { repair: 'insert-key', key: 'components', placeholder: '', under: [] });
    if (design.dnsKey && !design.domain) this.report('missing-key', design.dnsKey, "'dns' records are relative to 'domain': add 'domain: <your domain>' (e.g. foobar.com).", { repair: 'insert-key', key: 'domain', placeholder: 'foobar.com', under: [] });
    return design;
  }

  report(code: Finding['code'], span: Span, message: string, data?: Finding['data']): void {
    this.findings.push(data ? { code, span, message, data } : { code, span, message });
  }

  private collectNames(top: Entry[]): void {
    const lists: ['server' | 'component', Entry[]][] = [];
    /** The entries not built before, by scope: the edit's, or (listed whole) all of a map's. */
    const fresh: ['server' | 'component', Entry[]][] = [];
    for (const e of top) {
      if ((e.key === 'servers' || e.key === 'components') && isMap(e.value.node)) {
        const scope = e.key === 'servers' ? 'server' : 'component';
        const added: Entry[] = [];
        const list = this.listOf(e.value.node, e.value.at, added);
        if (e.value.at === undefined) this.listed.set(e.value.node, list);
        lists.push([scope, list]);
        fresh.push([scope, added]);
      }
    }
    this.renaming = this.renameIn(fresh);
    const before = this.prev?.names;
    if (before && this.namesAsBefore(fresh)) {
      this.names = before;
      this.namesChanged = false;
      return;
    }
    const names = new Set<string>();
    // An entry built before is a name (a misplaced key is never kept).
    for (const [scope, list] of lists) for (const c of list) if (this.entries.get(c.pair)?.entry === c || !misplacedKey(scope, c)) names.add(c.key);
    this.names = names;
    this.namesChanged = !before || before.size !== names.size || !every(names, (n) => before.has(n));
  }

  /**
   * Whether the names are the previous version's, told from the entries not built before alone (at
   * 50,000 components listing them all took 40 ms per keystroke): each of those replaced a server or
   * component of the same scope and name, one for one, and is a name itself. Every other entry was
   * built before: a name then and now.
   */
  private namesAsBefore(fresh: readonly (readonly ['server' | 'component', readonly Entry[]])[]): boolean {
    let replaced = 0;
    for (const b of this.replaced.values()) if (b.scope !== 'dns') replaced++;
    const matched = new Set<string>();
    for (const [scope, list] of fresh) {
      for (const c of list) {
        const key = `${scope}:${c.key}`;
        if (matched.size >= replaced || matched.has(key) || !this.replaced.has(key) || misplacedKey(scope, c)) return false;
        matched.add(key);
      }
    }
    return matched.size === replaced;
  }

  /**
   * The rename an edit made, when the only entries it replaced and brought are one component each,
   * of different names (a name typed or changed in place): `entry` then gives the new name to the
   * previous object, if the rebuilt entry starts where it did.
   */
  private renameIn(fresh: readonly (readonly ['server' | 'component', readonly Entry[]])[]): Builder['renaming'] {
    let from: BuiltEntry | undefined;
    for (const b of this.replaced.values()) {
      if (b.scope === 'dns') continue;
      if (from || b.scope !== 'component') return undefined;
      from = b;
    }
    const added = fresh.flatMap(([scope, list]) => list.map((e) => [scope, e] as const));
    if (!from || added.length !== 1 || added[0]![0] !== 'component') return undefined;
    const e = added[0]![1];
    return e.key !== (from.value as Component).name && !misplacedKey('component', e) ? { key: e.key, from } : undefined;
  }

  /** The key's spec in this scope, or an unknown-key finding with a suggestion. */
  private keyOrReport(scope: Scope, e: Entry, kind: Kind | undefined): KeySpec | undefined {
    const spec = keySpec(scope, e.key);
    if (spec && keyAppliesTo(spec, kind)) return spec;
    if (spec && kind) {
      this.report('unknown-key', e.keySpan, `'${e.key}' applies to ${spec.kinds!.join(', ')} components, not to a ${kind}.`, { repair: 'none' });
      return undefined;
    }
    const candidates = [...keysOf(scope).values()].filter((k) => keyAppliesTo(k, kind)).map((k) => k.name);
    const guess = suggest(e.key, candidates);
    const where = scope === 'top' ? 'at the top level' : scope === 'component' ? 'in a component' : `in ${scope === 'cluster' ? 'a cluster' : scope === 'server' ? 'a server' : "'traffic'"}`;
    const hint = guess ? ` Did you mean '${guess}'?` : ` Known keys: ${candidates.join(', ')}.`;
    this.report('unknown-key', e.keySpan, `Unknown key '${e.key}' ${where}.${hint}`, { repair: 'replace', candidates: guess ? [guess] : [] });
    return undefined;
  }

  private valueSpan(v: Located, e: Entry): Span {
    return v.at ?? spanOf(v.node, e.keySpan);
  }

  private field<T>(e: Entry, value: T, v: Located = e.value): Field<T> {
    return { value, key: e.keySpan, span: this.valueSpan(v, e) };
  }

  private invalid(e: Entry, message: string, candidates: readonly string[] = [], v: Located = e.value): undefined {
    this.report('invalid-value', this.valueSpan(v, e), message, { repair: 'replace', candidates });
    return undefined;
  }

  private scalarText(v: Located): string | undefined {
    const s = scalarValue(v.node);
    return s === undefined || s === null || typeof s === 'object' ? undefined : String(s);
  }

  private version(e: Entry): Field<unknown> {
    const v = scalarValue(e.value.node);
    // A wrong version is reported, but the key is there: no missing-key on top of it.
    if (v !== 1) this.invalid(e, `'infra' is the format version and must be 1 (found ${JSON.stringify(v ?? null)}).`, ['1']);
    return this.field(e, v);
  }

  private stringField(e: Entry): Field<string> | undefined {
    const s = this.scalarText(e.value);
    if (s === undefined) return this.invalid(e, `'${e.key}' must be a text value.`);
    return this.field(e, s);
  }

  private domain(e: Entry): Field<string> | undefined {
    const f = this.stringField(e);
    if (f && !/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(f.value)) return this.invalid(e, `'${f.value}' is not a domain name such as foobar.com.`);
    return f;
  }

  private number(e: Entry, min: number, max?: number, integer = false): Field<number> | undefined {
    const v = scalarValue(e.value.node);
    const range = max === undefined ? `${min} or more` : `between ${min} and ${max}`;
    if (typeof v !== 'number' || Number.isNaN(v) || (integer && !Number.isInteger(v)) || v < min || (max !== undefined && v > max)) {
      return this.invalid(e, `'${e.key}' must be ${integer ? 'a whole number' : 'a number'} ${range} (found ${JSON.stringify(v ?? null)}).`);
    }
    return this.field(e, v);
  }

  private enumField<T extends string>(e: Entry, values: readonly T[]): Field<T> | undefined {
    const s = this.scalarText(e.value);
    if (s !== undefined && (values as readonly string[]).includes(s)) return this.field(e, s as T);
    const guess = s === undefined ? undefined : suggest(s, values);
    return this.invalid(e, `'${s ?? 'this value'}' is not a valid '${e.key}'. Allowed: ${values.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`, guess ? [guess] : [...values]);
  }

  private ref(e: Entry): (Ref & { key: Span }) | undefined {
    const s = this.scalarText(e.value);
    if (s === undefined) return this.invalid(e, `'${e.key}' names one server or component.`);
    return { name: s, span: this.valueSpan(e.value, e), key: e.keySpan };
  }

  private refs(e: Entry): Ref[] {
    const out: Ref[] = [];
    if (e.value.node === null && !e.value.at) return out;
    for (const item of listItems(this.doc, e.value)) {
      const s = this.scalarText(item);
      if (s === undefined) this.invalid(e, `'${e.key}' lists names of components (one name, or a list such as [web-1, web-2]).`, [], item);
      else out.push({ name: s, span: this.valueSpan(item, e) });
    }
    return out;
  }

  private mapEntries(e: Entry, what: string): Entry[] {
    if (isMap(e.value.node)) return (e.value.at === undefined ? this.listed.get(e.value.node) : undefined) ?? entries(this.doc, e.value.node, e.value.at);
    if (e.value.node === null || (isScalar(e.value.node) && scalarValue(e.value.node) === null)) return [];
    this.invalid(e, `'${e.key}' must be a mapping of ${what}.`);
    return [];
  }

  private traffic(e: Entry): Traffic {
    const t: { -readonly [K in keyof Traffic]: Traffic[K] } = { key: e.keySpan };
    for (const te of this.mapEntries(e, 'qps and reads')) {
      if (!this.keyOrReport('traffic', te, undefined)) continue;
      if (te.key === 'qps') t.qps = this.number(te, 0);
      else t.reads = this.number(te, 0, 1);
    }
    return t;
  }

  private dns(e: Entry): DnsName[] {
    const out: DnsName[] = [];
    const shared = e.value.at !== undefined;
    const list = isMap(e.value.node) ? this.listOf(e.value.node, e.value.at) : this.mapEntries(e, 'record names (@, www, api…) to their records');
    for (const ne of list) out.push(this.entry('dns', ne, shared, () => this.dnsName(ne)));
    return out;
  }

  private dnsName(ne: Entry): DnsName {
    {
      const records: DnsRecord[] = [];
      for (const re of this.mapEntries(ne, 'record types (A, AAAA, CNAME, MX…) to values')) {
        if (!isRecordType(re.key)) {
          const guess = isRecordType(re.key.toUpperCase()) ? re.key.toUpperCase() : suggest(re.key.toUpperCase(), RECORD_TYPES);
          this.report('unknown-key', re.keySpan, `'${re.key}' is not a DNS record type. Known types: ${RECORD_TYPES.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`, { repair: 'replace', candidates: guess ? [guess] : [] });
          continue;
        }
        const values = listItems(this.doc, re.value).flatMap((item) => {
          const s = this.scalarText(item);
          if (s === undefined) {
            this.report('dns-invalid-record', this.valueSpan(item, re), `A ${re.key} value must be text (one value or a list of values).`);
            return [];
          }
          return [{ text: s, span: this.valueSpan(item, re) }];
        });
        records.push({ type: re.key, typeSpan: re.keySpan, span: re.span, values });
      }
      return { name: ne.key, nameSpan: ne.keySpan, span: ne.span, records };
    }
  }

  private checkName(e: Entry): void {
    if (!NAME_PATTERN.test(e.key)) {
      const fixed = e.key.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '');
      this.report('invalid-value', e.keySpan, `'${e.key}' is not a valid name: names use lower-case letters, digits and hyphens, and start with a letter or digit.`, { repair: 'replace', candidates: fixed ? [fixed] : [] });
    }
  }

  private servers(e: Entry): Server[] {
    const shared = e.value.at !== undefined;
    return this.named(e, 'server names to their properties', 'server').map((se) => this.entry('server', se, shared, () => this.server(se)));
  }

  private server(se: Entry): Server {
    this.checkName(se);
    const props: ServerProps = {};
    for (const pe of this.mapEntries(se, 'server properties (ip, zone, firewall, monitoring…)')) {
      if (this.keyOrReport('server', pe, undefined)) this.serverProp(pe, props);
    }
    return { name: se.key, nameSpan: se.keySpan, span: se.span, props };
  }

  private serverProp(e: Entry, props: ServerProps): void {
    switch (e.key) {
      case 'ip': {
        const s = this.scalarText(e.value);
        if (s !== undefined && isIp(s)) props.ip = this.field(e, s);
        else this.invalid(e, `'${s ?? ''}' is not an IPv4 or IPv6 address (e.g. 203.0.113.10 or 2001:db8::1).`);
        break;
      }
      case 'zone': props.zone = this.stringField(e); break;
      case 'cpu': props.cpu = this.number(e, 1, undefined, true); break;
      case 'ram': case 'disk': {
        const s = this.scalarText(e.value) ?? '';
        const p = parseSize(s);
        if ('ok' in p) props[e.key] = this.field(e, p.ok);
        else this.invalid(e, p.error);
        break;
      }
      case 'firewall': props.firewall = this.firewall(e); break;
      case 'monitoring': {
        const v = scalarValue(e.value.node);
        if (typeof v === 'boolean' || (typeof v === 'string' && v.length > 0)) props.monitoring = this.field(e, v);
        else this.invalid(e, "'monitoring' is true or the name of the monitoring agent (sumologic, datadog, prometheus…).", ['true']);
        break;
      }
    }
  }

  private firewall(e: Entry): Field<Firewall> | undefined {
    const v = scalarValue(e.value.node);
    if (typeof v === 'boolean') return this.field(e, v);
    if (!isSeq(e.value.node)) return this.invalid(e, "'firewall' is true (allow exactly what the design uses) or a list of rules such as [allow 443/tcp from any].", ['true']);
    const rules: FirewallRule[] = [];
    for (const item of listItems(this.doc, e.value)) {
      const s = this.scalarText(item) ?? '';
      const p = parseFirewallRule(s, (n) => { this.usedNames = true; return this.names.has(n); });
      if ('ok' in p) rules.push({ ...p.ok, span: this.valueSpan(item, e) });
      else this.invalid(e, p.error, [], item);
    }
    return this.field(e, rules);
  }

  private components(e: Entry): Component[] {
    const shared = e.value.at !== undefined;
    return this.named(e, 'component names to their definitions', 'component').map((ce) => this.entry('component', ce, shared, () => this.component(ce)));
  }

  /**
   * The entries of a map of names (servers, components), without the keys of what they name that
   * stand where a name is expected (a `to:` indented as a component name): those are reported as
   * mis-indented rather than read as a phantom component named "to".
   */
  private named(e: Entry, what: string, scope: 'server' | 'component'): Entry[] {
    const out: Entry[] = [];
    for (const ne of this.mapEntries(e, what)) {
      if (!misplacedKey(scope, ne)) {
        out.push(ne);
        continue;
      }
      const owner = out[out.length - 1];
      const where = owner ? `indent it under ${owner.key}, with ${owner.key}'s other keys` : `it belongs inside a ${scope}, indented under the ${scope}'s name`;
      this.report('unknown-key', ne.keySpan, `'${ne.key}' is indented as a ${scope} name; ${where}.`, { repair: 'none' });
    }
    return out;
  }

  /** Key path of the component being read, for repairs that insert keys into it. */
  private componentPath: readonly string[] | undefined;

  private component(ce: Entry): Component {
    this.checkName(ce);
    this.componentPath = ['components', ce.key];
    const c: Component = { name: ce.key, nameSpan: ce.keySpan, span: ce.span, to: [], weights: [], props: {} };
    const all = this.mapEntries(ce, "component keys (kind, software, to…)");
    const kindEntry = all.find((x) => x.key === 'kind');
    if (kindEntry) c.kind = this.kindField(kindEntry, ce.key, all.some((x) => x.key === 'software'));
    else if (isMap(ce.value.node) || ce.value.node === null) {
      this.report('missing-key', ce.keySpan, `Component '${ce.key}' has no 'kind': say what it is (${KINDS.join(', ')}).`, { repair: 'insert-key', key: 'kind', placeholder: 'web-server', under: ['components', ce.key] });
    }
    const kind = c.kind?.value;
    const onEntry = all.find((x) => x.key === 'on');
    for (const pe of all) {
      if (pe.key === 'kind') continue;
      const spec = this.keyOrReport('component', pe, kind);
      if (!spec) continue;
      if (SERVER_PROPERTY_NAMES.has(pe.key)) {
        if (onEntry) {
          const server = this.scalarText(onEntry.value) ?? 'its server';
          this.report('unknown-key', pe.keySpan, `'${pe.key}' is a property of the machine, and ${ce.key} runs on ${server}: set it under servers/${server}.`, { repair: 'none' });
        } else this.serverProp(pe, c.props);
        continue;
      }
      this.componentKey(pe, c, kind);
    }
    return c;
  }

  private componentKey(e: Entry, c: Component, kind: Kind | undefined): void {
    switch (e.key) {
      case 'software': c.software = this.stringField(e); break;
      case 'on': c.on = this.ref(e); break;
      case 'replicas': c.replicas = this.number(e, 1, undefined, true); break;
      case 'to': c.toKey = e.keySpan; c.to = this.refs(e); break;
      case 'algorithm': c.algorithm = this.enumField(e, ALGORITHMS); break;
      case 'weights': c.weightsKey = e.keySpan; c.weights = this.weights(e); break;
      case 'cluster': c.cluster = this.cluster(e); break;
      case 'tls': c.tls = this.tls(e, kind); break;
      case 'certificate': {
        const subjects = listItems(this.doc, e.value).map((i) => this.scalarText(i));
        if (subjects.every((s): s is string => typeof s === 'string' && s.length > 0)) c.certificate = this.field(e, subjects);
        else this.invalid(e, "'certificate' is the certificate's subject, e.g. www.foobar.com or *.foobar.com (or a list of names).");
        break;
      }
      case 'role': c.role = this.roleField(e); break;
      case 'replicates': c.replicates = this.ref(e); break;
      case 'failover': c.failover = this.enumField(e, FAILOVER_MODES); break;
      case 'capacity': c.capacity = this.number(e, 0); break;
      case 'latency': {
        const p = parseDuration(scalarValue(e.value.node));
        if ('ok' in p) c.latency = this.field(e, p.ok);
        else this.invalid(e, p.error);
        break;
      }
    }
  }

  /** `kind: haproxy` names the software: suggest its kind and moving the word to `software`. */
  private kindField(e: Entry, name: string, hasSoftware: boolean): Field<Kind> | undefined {
    const s = this.scalarText(e.value);
    const kind = s !== undefined && !(KINDS as readonly string[]).includes(s) ? kindOfSoftware(s) : undefined;
    if (!kind) return this.enumField(e, KINDS);
    const move = hasSoftware ? '' : ` and 'software: ${s}'`;
    this.report('invalid-value', this.valueSpan(e.value, e), `'${s}' is software, not a kind: a ${s} server is a ${kind}. Did you mean 'kind: ${kind}'${move}?`, { repair: 'set', subject: name, key: 'kind', value: kind });
    return undefined;
  }

  private roleField(e: Entry): Field<Role> | undefined {
    const s = this.scalarText(e.value);
    const synonym = s === undefined ? undefined : ROLE_SYNONYMS.get(s.toLowerCase());
    if (!synonym) return this.enumField(e, ROLES);
    return this.invalid(e, `'${s}' is not a valid 'role'. Allowed: ${ROLES.join(', ')}. Did you mean '${synonym}'? (${s} is an older word for the ${synonym}.)`, [synonym]);
  }

  private tls(e: Entry, kind: Kind | undefined): Field<ComponentTls> | undefined {
    const v = scalarValue(e.value.node);
    if (kind && TLS_MODE_KINDS.has(kind)) {
      if (typeof v === 'string' && (LB_TLS_MODES as readonly string[]).includes(v)) return this.field<ComponentTls>(e, v as ComponentTls);
      if (v === false) return this.field<ComponentTls>(e, false);
      const guess = typeof v === 'string' ? suggest(v, LB_TLS_MODES) : undefined;
      return this.invalid(e, `A ${kind}'s 'tls' says what it does with HTTPS: terminate, passthrough or reencrypt.${guess ? ` Did you mean '${guess}'?` : ''}`, guess ? [guess] : [...LB_TLS_MODES]);
    }
    if (typeof v === 'boolean') return this.field<ComponentTls>(e, v);
    return this.invalid(e, `A ${kind ?? 'component'}'s 'tls' is true when it serves HTTPS itself (terminate/passthrough/reencrypt are for load balancers and CDNs).`, ['true']);
  }

  private weights(e: Entry): Weight[] {
    const out: Weight[] = [];
    for (const we of this.mapEntries(e, 'target names to integer weights')) {
      const w = this.number(we, 0, undefined, true);
      if (w) out.push({ ref: { name: we.key, span: we.keySpan }, weight: w });
    }
    return out;
  }

  private cluster(e: Entry): Cluster | undefined {
    const es = this.mapEntries(e, 'peers, mode and vip');
    if (!isMap(e.value.node)) return undefined;
    const c: { -readonly [K in keyof Cluster]: Cluster[K] } = { key: e.keySpan, peers: [] };
    let hasPeers = false;
    for (const ke of es) {
      if (!this.keyOrReport('cluster', ke, undefined)) continue;
      if (ke.key === 'peers') { hasPeers = true; c.peers = this.refs(ke); }
      else if (ke.key === 'mode') c.mode = this.enumField(ke, CLUSTER_MODES);
      else {
        const s = this.scalarText(ke.value);
        if (s !== undefined && isIp(s)) c.vip = this.field(ke, s);
        else this.invalid(ke, `'${s ?? ''}' is not an IP address; 'vip' is the cluster's shared address.`);
      }
    }
    const under = this.componentPath ? [...this.componentPath, 'cluster'] : [];
    if (!hasPeers) this.report('missing-key', e.keySpan, "A cluster names its other members: add 'peers: [name, …]'.", { repair: 'insert-key', key: 'peers', placeholder: '[]', under });
    if (!c.mode) this.report('missing-key', e.keySpan, "A cluster says how its members share the work: add 'mode: active-active' (all serve) or 'mode: active-passive' (one serves, the others stand by).", { repair: 'insert-key', key: 'mode', placeholder: 'active-active', under });
    return c;
  }
}

/** A key of a server or component (`to`, `kind`, `ip`…) with a value that is not a definition, standing where a name is expected. */
function misplacedKey(scope: 'server' | 'component', e: Entry): boolean {
  // The map test first: almost every entry's value is a map, and the key lookup then never runs.
  return !isMap(e.value.node) && (keySpec(scope, e.key) !== undefined || (scope === 'component' && e.key === 'kind'));
}

const NO_FINDINGS: readonly Finding[] = [];

function every<T>(xs: Iterable<T>, f: (x: T) => boolean): boolean {
  for (const x of xs) if (!f(x)) return false;
  return true;
}

type Offsets = { start: number; end: number };

function isSpan(o: object): o is Offsets {
  const s = o as Partial<Offsets>;
  return typeof s.start === 'number' && typeof s.end === 'number' && Object.keys(o).length === 2;
}

/** Every distinct offset pair in a value (spans may be shared within an entry, e.g. an alias's). */
function spansOf(roots: readonly unknown[]): Offsets[] {
  const seen = new Set<object>();
  const out: Offsets[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (isSpan(v)) { out.push(v); return; }
    if (Array.isArray(v)) for (const x of v) walk(x);
    else for (const k in v) walk((v as Record<string, unknown>)[k]);
  };
  for (const r of roots) walk(r);
  return out;
}

/** Moves an entry's offsets (its value's and its findings') by `d`, in place. */
function moveEntry(b: BuiltEntry, d: number): void {
  const spans = (b.spans ??= spansOf([b.value, b.findings, b.entry.keySpan, b.entry.span]));
  for (const s of spans) { s.start += d; s.end += d; }
  b.at += d;
}

/** Deep equality of model values; offsets compared only when `offsets` is set. */
export function same(a: unknown, b: unknown, offsets: boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (isSpan(a) && isSpan(b)) return !offsets || (a.start === b.start && a.end === b.end);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !same((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[ka[i]!], offsets)) return false;
  }
  return true;
}

/** Gives the offsets of `from` to `into`, a value equal to it without offsets (`same(into, from, false)`). */
function copyOffsets(into: unknown, from: unknown): void {
  if (typeof into !== 'object' || into === null || into === from) return;
  if (isSpan(into)) {
    into.start = (from as Offsets).start;
    into.end = (from as Offsets).end;
    return;
  }
  for (const k of Object.keys(into)) copyOffsets((into as Record<string, unknown>)[k], (from as Record<string, unknown>)[k]);
}

/**
 * Makes `old` (the previous version's object for an entry the edit replaced) equal to `neu`, its
 * rebuild, in place, so that whatever holds `old` (the topology, the failure model) sees the new
 * values; records the keys whose values changed. A value that did not change keeps its objects, with
 * the new offsets (the topology holds some: a host's span is its component's name span, a target
 * is listed with the ref that names it). False, leaving `old` as it was, when the name or
 * its place changed: then the entry counts as a new one. With `rename`, the name may change (a
 * component renamed in place, `Renamed`), but the name key must start where it did.
 */
function editInPlace(old: object, neu: object, scope: BuiltEntry['scope'], changed: Set<string>, rename: boolean): boolean {
  const o = old as Record<string, unknown> & { nameSpan: Offsets };
  const n = neu as Record<string, unknown> & { nameSpan: Offsets };
  if (rename) {
    // The name key starts where it did: the object takes the new name, and its span keeps its identity (an implicit host's span is it).
    if (o.nameSpan.start !== n.nameSpan.start) return false;
    o.name = n.name;
    o.nameSpan.end = n.nameSpan.end;
  } else if (o.name !== n.name || !same(o.nameSpan, n.nameSpan, true)) return false;
  const note = (k: string): void => { changed.add(scope === 'dns' ? 'dns' : k); };
  const assign = (into: Record<string, unknown>, from: Record<string, unknown>, nested: boolean): void => {
    const before = Object.keys(into);
    const keys = Object.keys(from);
    const was = new Map(before.map((k) => [k, into[k]]));
    for (const k of before) if (!(k in from)) note(k);
    // Keys added or removed: rewrite them all, so that their order is a fresh build's.
    if (before.join('\0') !== keys.join('\0')) for (const k of before) delete into[k];
    for (const k of keys) {
      if (k === 'props' && !nested && was.has(k)) {
        const props = was.get(k) as Record<string, unknown>;
        into.props = props;
        assign(props, from.props as Record<string, unknown>, true);
        continue;
      }
      const old = was.get(k);
      if (was.has(k) && same(old, from[k], false)) {
        // The same value, perhaps moved: keep its objects (the topology holds some, a target's ref).
        copyOffsets(old, from[k]);
        into[k] = old;
      } else {
        note(k);
        into[k] = from[k];
      }
    }
  };
  assign(o, n, false);
  return true;
}

/**
 * Builds the model of a parsed design and the schema findings. With `prev`, the entries whose pairs
 * the edit left in the tree are taken from the previous version (moved), and the ones it replaced are
 * rebuilt into the previous objects; the result equals a build from scratch (test/unit/incremental.test.ts).
 */
export function buildModel(parsed: ParsedYaml, prev?: PreviousBuild): BuildResult & { readonly entries: WeakMap<Pair, BuiltEntry> } {
  const b = new Builder(parsed.doc, prev);
  const design = b.build(parsed.text);
  return { design, findings: b.findings, names: b.names, changed: b.changed, edited: b.edited, renamed: b.renamed, rebuilt: b.rebuilt, entries: b.entries };
}

export { deref };
