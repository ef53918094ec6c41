/**
 * The single source of truth for the Infra YAML vocabulary: kinds, keys per
 * scope and kind, allowed values, defaults and the documentation id of each.
 * Validation, completion, hover and the JSON Schema are all derived from it.
 */

export const KINDS = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'] as const;
export type Kind = (typeof KINDS)[number];

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'PTR', 'CAA'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const ALGORITHMS = ['round-robin', 'weighted-round-robin', 'least-connections', 'least-response-time', 'ip-hash', 'random'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const CLUSTER_MODES = ['active-active', 'active-passive'] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];

export const LB_TLS_MODES = ['terminate', 'passthrough', 'reencrypt'] as const;
export type LbTlsMode = (typeof LB_TLS_MODES)[number];

export const ROLES = ['primary', 'replica'] as const;
export type Role = (typeof ROLES)[number];

export const FAILOVER_MODES = ['automatic', 'manual'] as const;
export type FailoverMode = (typeof FAILOVER_MODES)[number];

/** The course's four tasks, in order: the lesson a design follows (`lesson:`) picks its checklist. */
export const LESSONS = ['simple-stack', 'distributed', 'secured-monitored', 'scaled-up'] as const;
export type Lesson = (typeof LESSONS)[number];

export const MONITORING_AGENTS = ['sumologic', 'datadog', 'prometheus', 'zabbix', 'nagios', 'newrelic', 'grafana-agent', 'elastic-agent'] as const;

/** Software usually found in each kind; completion offers these, any string is valid. */
export const SOFTWARE: Readonly<Record<Kind, readonly string[]>> = {
  'load-balancer': ['haproxy', 'nginx', 'envoy', 'traefik', 'aws-elb', 'f5'],
  'web-server': ['nginx', 'apache', 'caddy', 'lighttpd', 'iis'],
  'app-server': ['gunicorn', 'uwsgi', 'php-fpm', 'node', 'puma', 'tomcat', 'unicorn'],
  database: ['mysql', 'postgresql', 'mariadb', 'mongodb', 'sqlserver', 'oracle'],
  cache: ['redis', 'memcached', 'varnish'],
  cdn: ['cloudflare', 'cloudfront', 'fastly', 'akamai'],
  queue: ['rabbitmq', 'kafka', 'sqs', 'nats'],
  storage: ['s3', 'minio', 'ceph', 'nfs'],
};

/** Words students type for a role: "did you mean" the format's word. */
export const ROLE_SYNONYMS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['master', 'primary'], ['main', 'primary'], ['leader', 'primary'], ['writer', 'primary'],
  ['slave', 'replica'], ['secondary', 'replica'], ['standby', 'replica'], ['follower', 'replica'], ['reader', 'replica'],
]);

/** The kind a piece of software named as a kind (`kind: haproxy`) most likely means. */
export function kindOfSoftware(word: string): Kind | undefined {
  const w = word.toLowerCase();
  const order: readonly Kind[] = ['web-server', 'app-server', 'database', 'cache', 'load-balancer', 'cdn', 'queue', 'storage'];
  return order.find((k) => SOFTWARE[k].includes(w));
}

/** Per-instance defaults from the spec. */
export const DEFAULT_CAPACITY: Readonly<Record<Kind, number>> = {
  'load-balancer': 10000, 'web-server': 2000, 'app-server': 500, database: 1000,
  cache: 20000, cdn: 100000, queue: 5000, storage: 2000,
};
export const DEFAULT_LATENCY_MS: Readonly<Record<Kind, number>> = {
  'load-balancer': 1, 'web-server': 2, 'app-server': 20, database: 5,
  cache: 1, cdn: 5, queue: 2, storage: 10,
};

/** Ports a component listens on, by software first and by kind second. */
export const SOFTWARE_PORTS: Readonly<Record<string, number>> = {
  mysql: 3306, mariadb: 3306, postgresql: 5432, postgres: 5432, mongodb: 27017, sqlserver: 1433,
  oracle: 1521, redis: 6379, memcached: 11211, rabbitmq: 5672, kafka: 9092, nats: 4222,
  gunicorn: 8000, uwsgi: 8000, 'php-fpm': 9000, node: 3000, puma: 3000, tomcat: 8080,
};
export const KIND_PORTS: Readonly<Record<Kind, readonly number[]>> = {
  'load-balancer': [80, 443], 'web-server': [80, 443], 'app-server': [8000], database: [3306],
  cache: [6379], cdn: [80, 443], queue: [5672], storage: [443],
};

/** Kinds that answer HTTP requests (so they can be entry points of a web service). */
export const HTTP_KINDS: ReadonlySet<Kind> = new Set<Kind>(['load-balancer', 'web-server', 'app-server', 'cdn', 'storage']);
/** Kinds whose `tls` is a mode (terminate/passthrough/reencrypt) rather than `true`. */
export const TLS_MODE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['load-balancer', 'cdn']);

export type Scope = 'top' | 'traffic' | 'server' | 'component' | 'cluster';

/** How a key's value is shaped; drives validation and value completion. */
export type ValueShape =
  | { readonly type: 'version' }
  | { readonly type: 'string' }
  | { readonly type: 'domain' }
  | { readonly type: 'map' }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly docPrefix: string }
  | { readonly type: 'int'; readonly min: number }
  | { readonly type: 'number'; readonly min: number; readonly max?: number }
  | { readonly type: 'size' }
  | { readonly type: 'duration' }
  | { readonly type: 'ip' }
  | { readonly type: 'ref'; readonly to: 'server' | 'component' | 'any' }
  | { readonly type: 'refs' }
  | { readonly type: 'weights' }
  | { readonly type: 'tls' }
  | { readonly type: 'firewall' }
  | { readonly type: 'monitoring' }
  | { readonly type: 'software' }
  | { readonly type: 'certificate' };

export interface KeySpec {
  readonly name: string;
  readonly scope: Scope;
  /** Documentation id in DOCS. */
  readonly doc: string;
  readonly shape: ValueShape;
  readonly required?: boolean;
  /** For component keys: the kinds it applies to (all when absent). */
  readonly kinds?: readonly Kind[];
  /** Text inserted after `key: ` by completion (snippet syntax). */
  readonly insert?: string;
}

const SERVER_PROPS: readonly Omit<KeySpec, 'scope'>[] = [
  { name: 'ip', doc: 'key.server.ip', shape: { type: 'ip' }, insert: '${1:203.0.113.10}' },
  { name: 'zone', doc: 'key.server.zone', shape: { type: 'string' }, insert: '${1:eu-west-1a}' },
  { name: 'cpu', doc: 'key.server.cpu', shape: { type: 'int', min: 1 }, insert: '${1:4}' },
  { name: 'ram', doc: 'key.server.ram', shape: { type: 'size' }, insert: '${1:8GB}' },
  { name: 'disk', doc: 'key.server.disk', shape: { type: 'size' }, insert: '${1:160GB}' },
  { name: 'firewall', doc: 'key.server.firewall', shape: { type: 'firewall' }, insert: '${1:true}' },
  { name: 'monitoring', doc: 'key.server.monitoring', shape: { type: 'monitoring' }, insert: '${1|sumologic,datadog,prometheus,zabbix,nagios,newrelic,true|}' },
];

/** Every key of the format, by scope. */
export const KEYS: readonly KeySpec[] = [
  { name: 'infra', scope: 'top', doc: 'key.infra', shape: { type: 'version' }, required: true, insert: '1' },
  { name: 'name', scope: 'top', doc: 'key.name', shape: { type: 'string' }, insert: '${1:My web infrastructure}' },
  { name: 'domain', scope: 'top', doc: 'key.domain', shape: { type: 'domain' }, insert: '${1:foobar.com}' },
  { name: 'lesson', scope: 'top', doc: 'key.lesson', shape: { type: 'enum', values: LESSONS, docPrefix: 'lesson.' }, insert: '${1|simple-stack,distributed,secured-monitored,scaled-up|}' },
  { name: 'traffic', scope: 'top', doc: 'key.traffic', shape: { type: 'map' } },
  { name: 'dns', scope: 'top', doc: 'key.dns', shape: { type: 'map' } },
  { name: 'servers', scope: 'top', doc: 'key.servers', shape: { type: 'map' } },
  { name: 'components', scope: 'top', doc: 'key.components', shape: { type: 'map' }, required: true },
  { name: 'qps', scope: 'traffic', doc: 'key.traffic.qps', shape: { type: 'number', min: 0 }, insert: '${1:1000}' },
  { name: 'reads', scope: 'traffic', doc: 'key.traffic.reads', shape: { type: 'number', min: 0, max: 1 }, insert: '${1:0.9}' },
  ...SERVER_PROPS.map((k) => ({ ...k, scope: 'server' as const })),
  { name: 'kind', scope: 'component', doc: 'key.component.kind', shape: { type: 'enum', values: KINDS, docPrefix: 'kind.' }, required: true },
  { name: 'software', scope: 'component', doc: 'key.component.software', shape: { type: 'software' } },
  { name: 'on', scope: 'component', doc: 'key.component.on', shape: { type: 'ref', to: 'server' } },
  { name: 'replicas', scope: 'component', doc: 'key.component.replicas', shape: { type: 'int', min: 1 }, insert: '${1:2}' },
  { name: 'to', scope: 'component', doc: 'key.component.to', shape: { type: 'refs' } },
  { name: 'algorithm', scope: 'component', doc: 'key.component.algorithm', kinds: ['load-balancer'], shape: { type: 'enum', values: ALGORITHMS, docPrefix: 'algorithm.' } },
  { name: 'weights', scope: 'component', doc: 'key.component.weights', kinds: ['load-balancer'], shape: { type: 'weights' } },
  { name: 'cluster', scope: 'component', doc: 'key.component.cluster', kinds: ['load-balancer', 'database'], shape: { type: 'map' } },
  { name: 'tls', scope: 'component', doc: 'key.component.tls', kinds: ['load-balancer', 'cdn', 'web-server', 'app-server', 'storage'], shape: { type: 'tls' } },
  { name: 'certificate', scope: 'component', doc: 'key.component.certificate', kinds: ['load-balancer', 'cdn', 'web-server', 'app-server', 'storage'], shape: { type: 'certificate' } },
  { name: 'role', scope: 'component', doc: 'key.component.role', kinds: ['database'], shape: { type: 'enum', values: ROLES, docPrefix: 'role.' } },
  { name: 'replicates', scope: 'component', doc: 'key.component.replicates', kinds: ['database'], shape: { type: 'ref', to: 'component' } },
  { name: 'failover', scope: 'component', doc: 'key.component.failover', kinds: ['database'], shape: { type: 'enum', values: FAILOVER_MODES, docPrefix: 'failover.' } },
  { name: 'capacity', scope: 'component', doc: 'key.component.capacity', shape: { type: 'number', min: 0 }, insert: '${1:1000}' },
  { name: 'latency', scope: 'component', doc: 'key.component.latency', shape: { type: 'duration' }, insert: '${1:5ms}' },
  ...SERVER_PROPS.map((k) => ({ ...k, scope: 'component' as const })),
  { name: 'peers', scope: 'cluster', doc: 'key.cluster.peers', shape: { type: 'refs' }, required: true },
  { name: 'mode', scope: 'cluster', doc: 'key.cluster.mode', shape: { type: 'enum', values: CLUSTER_MODES, docPrefix: 'mode.' }, insert: '${1|active-active,active-passive|}' },
  { name: 'vip', scope: 'cluster', doc: 'key.cluster.vip', shape: { type: 'ip' } },
];

const byScope = new Map<Scope, Map<string, KeySpec>>();
for (const k of KEYS) {
  let m = byScope.get(k.scope);
  if (!m) byScope.set(k.scope, (m = new Map()));
  m.set(k.name, k);
}

/** The keys defined in a scope. */
export function keysOf(scope: Scope): ReadonlyMap<string, KeySpec> {
  return byScope.get(scope) ?? new Map();
}

/** The spec of `name` in `scope`, or undefined. */
export function keySpec(scope: Scope, name: string): KeySpec | undefined {
  return byScope.get(scope)?.get(name);
}

export const SERVER_PROPERTY_NAMES: ReadonlySet<string> = new Set(SERVER_PROPS.map((k) => k.name));

/** Whether a component key applies to a component of `kind` (unknown kind: every key does). */
export function keyAppliesTo(spec: KeySpec, kind: Kind | undefined): boolean {
  return !spec.kinds || !kind || spec.kinds.includes(kind);
}

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

export function isRecordType(s: string): s is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(s);
}

/** Names of servers and components: lower-case letters, digits and hyphens. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
