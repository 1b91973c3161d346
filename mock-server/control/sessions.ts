/**
 * Isolated sessions: the `X-Sandbox-Session` header picks one; each has its own state and clock,
 * created on first use from the loaded scenario. At most `capacity` live at once; creating one
 * more evicts the least recently used (never the `default` session, which always exists).
 */

export const SESSION_HEADER = 'x-sandbox-session';
export const DEFAULT_SESSION = 'default';
export const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
}

export class SessionPool<S> {
  /** Insertion order is recency order: a use moves the session to the end. */
  #sessions = new Map<string, { session: S; info: SessionInfo }>();

  constructor(
    readonly capacity: number,
    private readonly create: (id: string) => S,
    private readonly onEvict: (id: string, session: S) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('The session capacity must be ≥ 1');
  }

  /** The session of this id, created (evicting the least recently used) if new. */
  use(id: string): S {
    const stamp = this.now().toISOString();
    const found = this.#sessions.get(id);
    if (found) {
      this.#sessions.delete(id);
      found.info.lastUsedAt = stamp;
      this.#sessions.set(id, found);
      return found.session;
    }
    while (this.#sessions.size >= this.capacity) {
      const oldest = [...this.#sessions.keys()].find((key) => key !== DEFAULT_SESSION);
      if (oldest === undefined) break;
      this.evict(oldest);
    }
    const session = this.create(id);
    this.#sessions.set(id, { session, info: { id, createdAt: stamp, lastUsedAt: stamp } });
    return session;
  }

  get(id: string): S | undefined {
    return this.#sessions.get(id)?.session;
  }

  has(id: string): boolean {
    return this.#sessions.has(id);
  }

  evict(id: string): boolean {
    const found = this.#sessions.get(id);
    if (!found) return false;
    this.#sessions.delete(id);
    this.onEvict(id, found.session);
    return true;
  }

  /** Least recently used first. */
  list(): { session: S; info: SessionInfo }[] {
    return [...this.#sessions.values()].map(({ session, info }) => ({ session, info: { ...info } }));
  }

  clear(): void {
    for (const id of [...this.#sessions.keys()]) this.evict(id);
  }
}
