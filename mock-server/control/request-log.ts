/**
 * The request log: a ring buffer of the last N exchanges (N configurable), each with the matched
 * operation, the persona, status, duration, the contract verdict and the privacy findings. When
 * full, the oldest entry is overwritten and counted as dropped. Paths are stored with any CPR
 * number masked; the finding says it was there.
 */
import type { components } from '../../contracts/types/sandbox-control.d.ts';

// The shapes are the control contract's, so what the log keeps is what GET /__sandbox/requests answers.
type Schemas = components['schemas'];
export type Verdict = Schemas['Verdict'];
export type LoggedFinding = Schemas['PrivacyFinding'];
export type Exchange = Schemas['Exchange'];

export interface ExchangeFilter {
  persona?: string;
  operationId?: string;
  verdict?: Verdict;
  session?: string;
  /** Only exchanges at or after this sandbox time. */
  since?: Date;
  limit?: number;
}

export class RequestLog {
  readonly capacity: number;
  #entries: (Exchange | undefined)[];
  #next = 0; // where the next entry goes
  #count = 0;
  #dropped = 0;
  #seq = 0;

  constructor(capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('The request log needs a capacity ≥ 1');
    this.capacity = capacity;
    this.#entries = new Array(capacity);
  }

  get dropped(): number {
    return this.#dropped;
  }

  add(entry: Omit<Exchange, 'id'>): Exchange {
    const exchange = { id: `xch_${(++this.#seq).toString().padStart(8, '0')}`, ...entry };
    if (this.#count === this.capacity) this.#dropped++;
    else this.#count++;
    this.#entries[this.#next] = exchange;
    this.#next = (this.#next + 1) % this.capacity;
    return exchange;
  }

  /** Newest first. */
  list(filter: ExchangeFilter = {}): Exchange[] {
    const out: Exchange[] = [];
    const limit = filter.limit ?? this.capacity;
    const since = filter.since?.getTime();
    for (let i = 1; i <= this.#count && out.length < limit; i++) {
      const e = this.#entries[(this.#next - i + this.capacity) % this.capacity];
      if (!e) continue;
      if (filter.persona !== undefined && e.persona !== filter.persona) continue;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) continue;
      if (filter.verdict !== undefined && e.verdict !== filter.verdict) continue;
      if (filter.session !== undefined && e.session !== filter.session) continue;
      if (since !== undefined && Date.parse(e.at) < since) continue;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.#entries = new Array(this.capacity);
    this.#next = 0;
    this.#count = 0;
  }
}
