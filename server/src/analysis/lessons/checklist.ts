/**
 * The lessons: one per task of the course (a simple web stack, a distributed
 * stack, a secured and monitored stack, a scaled-up stack). Each lesson lists
 * what its task asks a design to have; `checklist` says which of those the
 * design already has, computed from the model alone.
 */
import type { Topology } from '../model/topology';
import { Kind, LESSONS, Lesson } from '../vocabulary';
import { certifies, countMachines, hasFirewall, hasMonitoring, instances, machinesOf, ofKind, onOwnServers, wired, wwwService } from './measure';

/** One thing a task asks for. */
export interface LessonItem {
  readonly id: string;
  /** What the task asks, in a few words ("two servers"). */
  readonly label: string;
  /** Done, or how far along (e.g. "1 of 3"), from the design's topology. */
  readonly check: (t: Topology) => true | string;
}

export interface LessonSpec {
  readonly id: Lesson;
  readonly title: string;
  readonly items: readonly LessonItem[];
}

/** A checked item: what the code lens shows. */
export interface ChecklistEntry {
  readonly id: string;
  readonly label: string;
  readonly done: boolean;
  /** For an item not done: how far along it is, when that can be counted ("1 of 3"). */
  readonly progress?: string;
}

const at = (n: number, want: number): true | string => (n >= want ? true : `${n} of ${want}`);
const yes = (ok: boolean): true | string => ok || '';

const STACK: readonly Kind[] = ['web-server', 'app-server', 'database'];

const SIMPLE: readonly LessonItem[] = [
  { id: 'domain', label: 'a domain name', check: (t) => yes(!!t.design.domain) },
  { id: 'www-record', label: 'a www record', check: (t) => yes(!!wwwService(t)) },
  { id: 'one-server', label: 'one server for all three', check: (t) => yes([...t.hosts.values()].some((h) => STACK.every((k) => h.components.some((c) => t.kindOf(c) === k)))) },
  { id: 'web-server', label: 'a web server', check: (t) => yes(ofKind(t, 'web-server').length > 0) },
  { id: 'app-server', label: 'an app server', check: (t) => yes(ofKind(t, 'app-server').length > 0) },
  { id: 'database', label: 'a database', check: (t) => yes(ofKind(t, 'database').length > 0) },
  { id: 'web-app-db', label: 'web → app → database', check: (t) => yes(wired(t, 'web-server', 'app-server') && wired(t, 'app-server', 'database')) },
];

const DISTRIBUTED: readonly LessonItem[] = [
  { id: 'two-servers', label: 'two servers', check: (t) => at(countMachines(t, (h) => h.components.some((c) => t.kindOf(c) === 'web-server')), 2) },
  { id: 'load-balancer', label: 'a load balancer with an algorithm', check: (t) => yes(ofKind(t, 'load-balancer').some((c) => !!c.algorithm)) },
  { id: 'www-to-lb', label: 'www → load balancer', check: (t) => yes(!!wwwService(t)?.entries.some((e) => t.kindOf(e.component) === 'load-balancer')) },
  { id: 'lb-to-two-web', label: 'two web servers behind it', check: (t) => at(Math.max(0, ...ofKind(t, 'load-balancer').map((lb) => webBehind(t, lb))), 2) },
  { id: 'primary-replica', label: 'primary-replica database', check: (t) => yes(ofKind(t, 'database').some((d) => t.isPrimary(d) && t.replicasOf(d).length > 0)) },
];

const SECURED: readonly LessonItem[] = [
  { id: 'three-firewalls', label: 'three firewalls', check: (t) => at(countMachines(t, hasFirewall), 3) },
  { id: 'ssl-www', label: 'an SSL certificate for www', check: (t) => yes(sslForWww(t)) },
  { id: 'three-monitoring', label: 'three monitoring clients', check: (t) => at(countMachines(t, hasMonitoring), 3) },
];

const SCALED: readonly LessonItem[] = [
  { id: 'lb-cluster', label: 'a load-balancer cluster', check: (t) => at(Math.max(0, ...ofKind(t, 'load-balancer').map((lb) => t.clusterOf(lb).reduce((n, c) => n + instances(c), 0))), 2) },
  { id: 'web-own', label: 'web servers on their own servers', check: (t) => yes(onOwnServers(t, 'web-server')) },
  { id: 'app-own', label: 'app servers on their own servers', check: (t) => yes(onOwnServers(t, 'app-server')) },
  { id: 'db-own', label: 'databases on their own servers', check: (t) => yes(onOwnServers(t, 'database')) },
];

export const LESSON_SPECS: Readonly<Record<Lesson, LessonSpec>> = {
  'simple-stack': { id: 'simple-stack', title: 'a simple web stack', items: SIMPLE },
  distributed: { id: 'distributed', title: 'a distributed web stack', items: DISTRIBUTED },
  'secured-monitored': { id: 'secured-monitored', title: 'a secured and monitored web stack', items: SECURED },
  'scaled-up': { id: 'scaled-up', title: 'a scaled-up web stack', items: SCALED },
};

/** The lesson's number in the course, from 1. */
export function lessonNumber(id: Lesson): number {
  return LESSONS.indexOf(id) + 1;
}

/** What the lesson asks, each item done or not, for this design. */
export function checklist(t: Topology, lesson: Lesson): ChecklistEntry[] {
  return LESSON_SPECS[lesson].items.map((item) => {
    const r = item.check(t);
    return r === true ? { id: item.id, label: item.label, done: true } : { id: item.id, label: item.label, done: false, ...(r ? { progress: r } : {}) };
  });
}

/** Web-server machines a load balancer sends to (its targets' instances). */
function webBehind(t: Topology, lb: Parameters<Topology['kindOf']>[0]): number {
  const hosts = new Set(t.targets(lb).filter((x) => t.kindOf(x.component) === 'web-server').map((x) => t.hostOf(x.component)));
  return [...hosts].reduce((n, h) => n + machinesOf(h), 0);
}

/** An entry point of www that serves TLS with a certificate covering the www name. */
function sslForWww(t: Topology): boolean {
  const www = wwwService(t);
  return !!www && www.entries.some((e) => t.servesTls(e.component) && certifies(e.component, www.host));
}
