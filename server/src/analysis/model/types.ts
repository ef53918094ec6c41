/**
 * The typed model of a design. Every node keeps its source offsets so that
 * findings can be placed on the exact key, value or list item; offsets are
 * converted to line/character only at the edge (the LSP adapter).
 */
import type { ClusterMode, FailoverMode, Kind, LbTlsMode, Lesson, RecordType, Role } from '../vocabulary';

/** Half-open source offsets [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A value with where its key and its value stand. */
export interface Field<T> {
  readonly value: T;
  readonly key: Span;
  readonly span: Span;
}

/** A reference to a server or component by name. */
export interface Ref {
  readonly name: string;
  readonly span: Span;
}

export interface FirewallRule {
  readonly action: 'allow' | 'deny';
  /** Inclusive port range; [0, 65535] for `any`. */
  readonly ports: readonly [number, number];
  readonly protocol: 'tcp' | 'udp' | 'any';
  /** `any`, a CIDR, or a server/component name. */
  readonly from: string;
  readonly span: Span;
}

/** `true`: allow exactly what the design uses; a list: explicit rules, default deny. */
export type Firewall = boolean | readonly FirewallRule[];

/** Properties of a machine, declared under `servers` or on a component of its own. */
export interface ServerProps {
  ip?: Field<string>;
  zone?: Field<string>;
  cpu?: Field<number>;
  ram?: Field<string>;
  disk?: Field<string>;
  firewall?: Field<Firewall>;
  monitoring?: Field<string | boolean>;
}

export interface Server {
  readonly name: string;
  /** The name key. */
  readonly nameSpan: Span;
  /** The whole `name: {...}` pair. */
  readonly span: Span;
  readonly props: ServerProps;
}

export interface Cluster {
  readonly key: Span;
  readonly peers: readonly Ref[];
  readonly mode?: Field<ClusterMode>;
  readonly vip?: Field<string>;
}

export interface Weight {
  readonly ref: Ref;
  readonly weight: Field<number>;
}

export type ComponentTls = LbTlsMode | true | false;

export interface Component {
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  kind?: Field<Kind>;
  software?: Field<string>;
  on?: Ref & { readonly key: Span };
  replicas?: Field<number>;
  to: Ref[];
  toKey?: Span;
  algorithm?: Field<string>;
  weights: Weight[];
  weightsKey?: Span;
  cluster?: Cluster;
  tls?: Field<ComponentTls>;
  certificate?: Field<readonly string[]>;
  role?: Field<Role>;
  replicates?: Ref & { readonly key: Span };
  failover?: Field<FailoverMode>;
  capacity?: Field<number>;
  latency?: Field<number>;
  /** Server properties written on the component itself (its own server). */
  readonly props: ServerProps;
}

export interface DnsRecord {
  readonly type: string;
  readonly typeSpan: Span;
  readonly span: Span;
  readonly values: readonly { readonly text: string; readonly span: Span }[];
}

export interface DnsName {
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly records: readonly DnsRecord[];
}

export interface Traffic {
  readonly key: Span;
  readonly qps?: Field<number>;
  readonly reads?: Field<number>;
}

export interface Design {
  readonly infra?: Field<unknown>;
  readonly name?: Field<string>;
  readonly domain?: Field<string>;
  /** The course task this design follows: its checklist shows as a code lens. */
  readonly lesson?: Field<Lesson>;
  readonly traffic?: Traffic;
  readonly dnsKey?: Span;
  readonly dns: readonly DnsName[];
  readonly serversKey?: Span;
  readonly servers: readonly Server[];
  readonly componentsKey?: Span;
  readonly components: readonly Component[];
  /** Range of the document's root node, for findings about the whole file. */
  readonly rootSpan: Span;
}

export type { RecordType };
