// The request both server benchmarks load (scripts/bench-server.ts through its target, and
// scripts/bench/host-cpu.ts in process): a persona with consent reading their own diagnoses.

/** Fetches a path of the sandbox under test: over HTTP, or through its fetch handler. */
export type FetchPath = (path: string, init?: RequestInit) => Promise<Response>;

export interface Reader {
  persona: string;
  path: string;
  token: string;
  headers: Record<string, string>;
  items: number;
  /** The measured answer, as the sandbox gave it after the warm-up. */
  answer: Response;
}

/**
 * The first persona, in the order given, who signs in with consent and reads three or more of
 * their own diagnoses. The first read fetches the platform's copy from the journal (the warm-up);
 * the second is the answer every measured request gets.
 */
export async function findReader(handles: Iterable<string>, fetchPath: FetchPath): Promise<Reader> {
  for (const persona of handles) {
    const signIn = await fetchPath('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
    if (signIn.status !== 200) continue;
    const { accessToken, patientId } = (await signIn.json()) as { accessToken: string; patientId: string };
    const path = `/patients/${patientId}/diagnoses`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const first = await fetchPath(path, { headers });
    if (first.status !== 200) continue;
    const { items } = (await first.json()) as { items: unknown[] };
    if (items.length < 3) continue;
    const answer = await fetchPath(path, { headers });
    return { persona, path, token: accessToken, headers, items: items.length, answer };
  }
  throw new Error('No persona of the population can read their own diagnoses');
}
