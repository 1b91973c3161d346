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
  #sessions = new Map<string, { session: S; createdAt: number; lastUsedAt: number }>();
  #lastUsed: string | undefined;

  constructor(
    readonly capacity: number,
    private readonly create: (id: string) => S,
    private readonly onEvict: (id: string, session: S) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('The session capacity must be ≥ 1');
  }

  /** The session of this id, created (evicting the least recently used) if new. */
  use(id: string): S {
    const stamp = this.now();
    const found = this.#sessions.get(id);
    if (found) {
      found.lastUsedAt = stamp;
      // Most requests use the most recent session: then the order is already right.
      if (this.#lastUsed !== id) {
        this.#sessions.delete(id);
        this.#sessions.set(id, found);
        this.#lastUsed = id;
      }
      return found.session;
    }
    while (this.#sessions.size >= this.capacity) {
      const oldest = [...this.#sessions.keys()].find((key) => key !== DEFAULT_SESSION);
      if (oldest === undefined) break;
      this.evict(oldest);
    }
    const session = this.create(id);
    this.#sessions.set(id, { session, createdAt: stamp, lastUsedAt: stamp });
    this.#lastUsed = id;
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
    if (this.#lastUsed === id) this.#lastUsed = undefined;
    this.onEvict(id, found.session);
    return true;
  }

  /** Least recently used first. */
  list(): { session: S; info: SessionInfo }[] {
    return [...this.#sessions].map(([id, { session, createdAt, lastUsedAt }]) => ({
      session,
      info: { id, createdAt: new Date(createdAt).toISOString(), lastUsedAt: new Date(lastUsedAt).toISOString() },
    }));
  }

  clear(): void {
    for (const id of [...this.#sessions.keys()]) this.evict(id);
  }
}
