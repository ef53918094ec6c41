/**
 * Whole designs offered in an empty file, each teaching one of the first tasks:
 * a stack on one server, then the same tiers behind a load balancer with a
 * database replica. Snippet text (tab stops, choices) in the editor's syntax.
 */
import { SOFTWARE } from '../vocabulary';

const choice = (n: number, values: readonly string[]): string => `\${${n}|${values.join(',')}|}`;

export interface Skeleton {
  readonly label: string;
  readonly detail: string;
  readonly body: string;
}

const ONE_SERVER = [
  'infra: 1',
  'name: ${1:My web stack}',
  'domain: ${2:foobar.com}',
  '',
  'dns:',
  '  www:',
  '    A: ${3:203.0.113.10}',
  '',
  'servers:',
  '  server-1:',
  '    ip: ${3}',
  '',
  'components:',
  '  web:',
  '    kind: web-server',
  `    software: ${choice(4, SOFTWARE['web-server'])}`,
  '    on: server-1',
  '    to: app',
  '  app:',
  '    kind: app-server',
  `    software: ${choice(5, SOFTWARE['app-server'])}`,
  '    on: server-1',
  '    to: db',
  '  db:',
  '    kind: database',
  `    software: ${choice(6, SOFTWARE.database)}`,
  '    role: primary',
  '    on: server-1',
  '$0',
];

const LOAD_BALANCED = [
  'infra: 1',
  'name: ${1:Load-balanced web stack}',
  'domain: ${2:foobar.com}',
  '',
  'dns:',
  '  www:',
  '    A: lb-1',
  '',
  'components:',
  '  lb-1:',
  '    kind: load-balancer',
  `    software: ${choice(3, SOFTWARE['load-balancer'])}`,
  '    ip: ${4:203.0.113.10}',
  '    algorithm: ${5|round-robin,least-connections|}',
  '    to: [web-1, web-2]',
  ...[1, 2].flatMap((n) => [
    `  web-${n}:`,
    '    kind: web-server',
    '    software: nginx',
    '    to: [app-1, app-2]',
  ]),
  ...[1, 2].flatMap((n) => [
    `  app-${n}:`,
    '    kind: app-server',
    '    software: gunicorn',
    '    to: db-primary',
  ]),
  '  db-primary:',
  '    kind: database',
  `    software: ${choice(6, ['mysql', 'postgresql'])}`,
  '    role: primary',
  '  db-replica:',
  '    kind: database',
  '    software: ${6}',
  '    role: replica',
  '    replicates: db-primary',
  '$0',
];

export const SKELETONS: readonly Skeleton[] = [
  { label: 'Design: a web stack on one server', detail: 'web server, app server and database on one machine, with a www A record', body: ONE_SERVER.join('\n') },
  { label: 'Design: a load-balanced pair', detail: 'a load balancer in front of two web and two app servers, a primary database and its replica', body: LOAD_BALANCED.join('\n') },
];
