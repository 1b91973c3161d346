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

/** What an exchange records besides its id and time. */
export type ExchangeFields = Omit<Exchange, 'id' | 'at'>;

/**
 * One kept exchange: as recorded, and as listed once someone has asked. The id and the time are
 * written out on the first read rather than on every request: most entries of a busy session are
 * overwritten unread.
 */
interface Slot {
  seq: number;
  /** Sandbox time, ms since the epoch, or as given to `add`. */
  at: number | string;
  fields: ExchangeFields;
  exchange: Exchange | undefined;
}

export class RequestLog {
  readonly capacity: number;
  #entries: (Slot | undefined)[];
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
    const slot = this.#put(entry.at, entry);
    slot.exchange = { id: idOf(slot.seq), ...entry };
    return slot.exchange;
  }

  /** Records an exchange at a sandbox time (ms since the epoch); `add` without writing anything out now. */
  record(atMs: number, fields: ExchangeFields): void {
    this.#put(atMs, fields);
  }

  #put(at: number | string, fields: ExchangeFields): Slot {
    const slot: Slot = { seq: ++this.#seq, at, fields, exchange: undefined };
    if (this.#count === this.capacity) this.#dropped++;
    else this.#count++;
    this.#entries[this.#next] = slot;
    this.#next = (this.#next + 1) % this.capacity;
    return slot;
  }

  /** Newest first. */
  list(filter: ExchangeFilter = {}): Exchange[] {
    const out: Exchange[] = [];
    const limit = filter.limit ?? this.capacity;
    const since = filter.since?.getTime();
    for (let i = 1; i <= this.#count && out.length < limit; i++) {
      const slot = this.#entries[(this.#next - i + this.capacity) % this.capacity];
      if (!slot) continue;
      const e = slot.fields;
      if (filter.persona !== undefined && e.persona !== filter.persona) continue;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) continue;
      if (filter.verdict !== undefined && e.verdict !== filter.verdict) continue;
      if (filter.session !== undefined && e.session !== filter.session) continue;
      if (since !== undefined && (typeof slot.at === 'number' ? slot.at : Date.parse(slot.at)) < since) continue;
      out.push(exchangeOf(slot));
    }
    return out;
  }

  clear(): void {
    this.#entries = new Array(this.capacity);
    this.#next = 0;
    this.#count = 0;
  }
}

const idOf = (seq: number) => `xch_${seq.toString().padStart(8, '0')}`;

/** The exchange of a slot, written out on first use and kept. */
function exchangeOf(slot: Slot): Exchange {
  slot.exchange ??= {
    id: idOf(slot.seq),
    at: typeof slot.at === 'number' ? new Date(slot.at).toISOString() : slot.at,
    ...slot.fields,
  };
  return slot.exchange;
}
