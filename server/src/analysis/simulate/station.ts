/**
 * One component as a queueing station: `slots` parallel servers of a fixed
 * service time (M/D/k), sized by Little's law so that its throughput is
 * `capacity × instances` and an idle request spends `latency` in it. When
 * load approaches capacity requests wait for a slot; a request that would
 * wait longer than the queue timeout is dropped (overload).
 *
 * Requests are routed one after another in arrival order, so a downstream
 * station can see arrivals slightly out of order; taking the earliest free
 * slot keeps that error small, and it keeps the run O(requests × hops × log k).
 */
import { MinHeap } from './heap';

export const QUEUE_TIMEOUT_MS = 500;
const MAX_SLOTS = 4096;

export interface Admission {
  readonly ok: boolean;
  readonly start: number;
  readonly depart: number;
}

export class Station {
  readonly slots: number;
  readonly serviceMs: number;
  private readonly free = new MinHeap();
  private readonly departures = new MinHeap();
  /** Recent response times for least-response-time (exponentially weighted). */
  responseEwma: number;

  constructor(readonly capacity: number, latencyMs: number) {
    const k = Math.floor((capacity * latencyMs) / 1000);
    this.slots = Math.max(1, Math.min(MAX_SLOTS, k));
    this.serviceMs = Math.max(latencyMs, (1000 * this.slots) / Math.max(capacity, 1e-9));
    for (let i = 0; i < this.slots; i++) this.free.push(0);
    this.responseEwma = this.serviceMs;
  }

  /** Requests inside at `now` (being served or waiting). */
  inFlight(now: number): number {
    while (this.departures.size && this.departures.peek()! <= now) this.departures.pop();
    return this.departures.size;
  }

  admit(arrival: number): Admission {
    const freeAt = this.free.peek()!;
    const start = Math.max(arrival, freeAt);
    if (start - arrival > QUEUE_TIMEOUT_MS) return { ok: false, start: arrival, depart: arrival + QUEUE_TIMEOUT_MS };
    this.free.pop();
    const depart = start + this.serviceMs;
    this.free.push(depart);
    this.departures.push(depart);
    this.responseEwma = 0.8 * this.responseEwma + 0.2 * (depart - arrival);
    return { ok: true, start, depart };
  }
}
