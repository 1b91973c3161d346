// The full proxy matrix of the app contract: every record category × whose record is asked for
// (own, a child under 15 in custody, a child of 15+, someone else's child, a patient id that does not
// exist). What a parent may see of a child is DOMAIN.md's table; it is written out literally here
// and checked against domain/proxy.ts, so a wrong table in either place fails. The three refusals
// must be the same problem, byte for byte apart from the id the caller sent (echoed in `instance`),
// so the answer never tells whether a patient exists or is somebody's child.
import { describe, expect, it } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import { accessUntil, proxyMayAccess, type RecordCategory } from '../../domain/proxy.ts';
import { copenhagenDate, copenhagenInstant } from '../../domain/time.ts';
import type { PatientLine } from '../../generators/population.ts';
import { createSandbox, type Sandbox } from '../../mock-server/index.ts';

/** Operations still being written elsewhere; their rows are `it.todo` until they answer (none now). */
const PENDING = new Set<string>([]);

interface Row {
  /** The category as the matrix names it. */
  name: string;
  /** The category as domain/proxy.ts names it. */
  domain: RecordCategory;
  operationId: string;
  method: 'GET' | 'POST';
  /** The path after `/patients/{patientId}/`. */
  path: string;
  /** The status of a success. */
  ok: 200 | 201;
  /** The request body, made fresh per request (booking takes a slot each time). */
  body?: (ctx: MatrixContext) => Promise<unknown>;
  /**
   * What the own record answers when it is not plain success: the parent has no video appointment,
   * so joining one gets past the proxy check to the lookup and finds none (the 201 with a real
   * video appointment is its own test below).
   */
  own?: Outcome;
}

const ROWS: Row[] = [
  {
    name: 'writing an e-consultation',
    domain: 'e-consultations',
    operationId: 'createEConsultation',
    method: 'POST',
    path: 'e-consultations',
    ok: 201,
    body: async () => ({ subject: 'Spørgsmål', body: 'Hej. Er det muligt at få en tid i næste uge?' }),
  },
  {
    name: 'e-consultations',
    domain: 'e-consultations',
    operationId: 'listEConsultations',
    method: 'GET',
    path: 'e-consultations',
    ok: 200,
  },
  {
    name: 'appointments (upcoming)',
    domain: 'appointments',
    operationId: 'listAppointments',
    method: 'GET',
    path: 'appointments?when=upcoming',
    ok: 200,
  },
  {
    name: 'appointments (past)',
    domain: 'appointments',
    operationId: 'listAppointments',
    method: 'GET',
    path: 'appointments?when=past',
    ok: 200,
  },
  {
    name: 'booking slots',
    domain: 'booking',
    operationId: 'listBookingSlots',
    method: 'GET',
    path: 'booking-slots',
    ok: 200,
  },
  {
    name: 'booking an appointment',
    domain: 'booking',
    operationId: 'bookAppointment',
    method: 'POST',
    path: 'appointments',
    ok: 201,
    body: async (ctx) => ({ slotId: await ctx.freeSlot() }),
  },
  {
    name: 'vaccinations',
    domain: 'vaccinations',
    operationId: 'listVaccinations',
    method: 'GET',
    path: 'vaccinations',
    ok: 200,
  },
  { name: 'referrals', domain: 'referrals', operationId: 'listReferrals', method: 'GET', path: 'referrals', ok: 200 },
  { name: 'diagnoses', domain: 'diagnoses', operationId: 'listDiagnoses', method: 'GET', path: 'diagnoses', ok: 200 },
  {
    name: 'medication',
    domain: 'medication',
    operationId: 'getMedication',
    method: 'GET',
    path: 'medication',
    ok: 200,
  },
  {
    name: 'lab results',
    domain: 'lab-results',
    operationId: 'listLabResults',
    method: 'GET',
    path: 'lab-results',
    ok: 200,
  },
  { name: 'clinic', domain: 'clinic', operationId: 'getClinic', method: 'GET', path: 'clinic', ok: 200 },
  {
    name: 'out-of-hours',
    domain: 'out-of-hours',
    operationId: 'getOutOfHours',
    method: 'GET',
    path: 'out-of-hours',
    ok: 200,
  },
  {
    name: 'video consultation',
    domain: 'video-consultation',
    operationId: 'joinVideoConsultation',
    method: 'POST',
    path: 'video-consultations',
    ok: 201,
    body: async () => ({ appointmentId: 'apt_Ap03Vd9xL4' }),
    own: { status: 404, problem: 'not-found' },
  },
];

/**
 * DOMAIN.md, "Children", literally: what a parent with custody is shown of a child under 15. The
 * clinic and out-of-hours are the child's own clinic and region (contract: "clinic and
 * out-of-hours" are shown); video consultation is not in the source's list (contract:
 * `not-available-for-child`).
 */
const SHOWN_TO_PARENT: Record<string, boolean> = {
  'e-consultations': true,
  'writing an e-consultation': true,
  'appointments (upcoming)': true,
  'appointments (past)': true,
  'booking slots': true,
  'booking an appointment': true,
  vaccinations: true,
  medication: true,
  referrals: false,
  diagnoses: false,
  'lab results': false,
  clinic: true,
  'out-of-hours': true,
  'video consultation': false,
};

type Column = 'own' | 'child under 15' | 'child 15+' | 'not my child' | 'no such patient';
const COLUMNS: Column[] = ['own', 'child under 15', 'child 15+', 'not my child', 'no such patient'];

type Outcome =
  | { status: 200 | 201 }
  | { status: 403; problem: 'not-available-for-child' | 'proxy-access-denied' }
  | { status: 404; problem: 'not-found' };

/** What each cell must answer, from domain/proxy.ts (which the literal table above pins down). */
function expected(row: Row, column: Column): Outcome {
  if (column === 'own') return row.own ?? { status: row.ok };
  if (column === 'child under 15') {
    return proxyMayAccess(row.domain) ? { status: row.ok } : { status: 403, problem: 'not-available-for-child' };
  }
  return { status: 403, problem: 'proxy-access-denied' };
}

interface MatrixContext {
  sandbox: Sandbox;
  parent: PatientLine;
  ids: Record<Column, string>;
  token: () => Promise<string>;
  freeSlot: () => Promise<string>;
}

const today = (sandbox: Sandbox) => copenhagenDate(sandbox.clock.now());
const custodyOf = (child: PatientLine, parentId: string) =>
  child.patient.custodians.some((link) => link.patientId === parentId);

/**
 * A parent who may see everything of their own (consent given, clinic shares, online booking on)
 * with a child under 15 and a child of 15+ in their custody, and a child under 15 of another family.
 */
function pickPeople(sandbox: Sandbox) {
  const { store } = sandbox;
  const now = today(sandbox);
  const bookable = (line: PatientLine) => {
    const clinic = store.clinics.get(line.clinicId);
    return clinic?.platformSharing === 'enabled' && clinic.capabilities.onlineBooking;
  };
  for (const persona of store.personas.values()) {
    const parent = persona.patient;
    if (!parent.expected.app.self || parent.consent.state !== 'given' || !bookable(parent)) continue;
    const children = parent.patient.children
      .map((link) => (link.patientId ? store.patients.get(link.patientId) : undefined))
      .filter((child): child is PatientLine => child !== undefined && custodyOf(child, parent.patient.id));
    const young = children.find((c) => now < accessUntil(c.patient.birthDate) && c.clinicId === parent.clinicId);
    const older = children.find((c) => now >= accessUntil(c.patient.birthDate));
    const stranger = [...store.patients.values()].find(
      (c) =>
        now < accessUntil(c.patient.birthDate) &&
        !custodyOf(c, parent.patient.id) &&
        !parent.patient.children.some((link) => link.patientId === c.patient.id),
    );
    if (young && older && stranger) return { persona, parent, young, older, stranger };
  }
  throw new Error('the population has no parent with a child under 15 and one of 15+; try another seed');
}

/** An id of the contract's shape, as long as `like`, that no patient in the store has. */
function missingId(sandbox: Sandbox, like: string): string {
  for (let n = 0; ; n++) {
    const id = `pat_${'Zz'.repeat(20)}`.slice(0, like.length - String(n).length) + String(n);
    if (!sandbox.store.patients.has(id)) return id;
  }
}

function setup(sandbox: Sandbox): MatrixContext {
  const { persona, parent, young, older, stranger } = pickPeople(sandbox);
  const ids: Record<Column, string> = {
    own: parent.patient.id,
    'child under 15': young.patient.id,
    'child 15+': older.patient.id,
    'not my child': stranger.patient.id,
    'no such patient': missingId(sandbox, stranger.patient.id),
  };
  const token = async () => {
    const res = await sandbox.app.request('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: persona.handle }),
    });
    expect(res.status).toBe(200);
    return (await res.json()).accessToken as string;
  };
  // Free slots of the parent's clinic, handed out one per booking.
  let slots: string[] = [];
  const freeSlot = async () => {
    if (slots.length === 0) {
      const res = await sandbox.app.request(`/patients/${parent.patient.id}/booking-slots`, {
        headers: { authorization: `Bearer ${await token()}` },
      });
      expect(res.status).toBe(200);
      slots = ((await res.json()).items as { id: string }[]).map((s) => s.id);
    }
    const slot = slots.shift();
    if (!slot) throw new Error('no free slot left in the window');
    return slot;
  };
  return { sandbox, parent, ids, token, freeSlot };
}

async function ask(ctx: MatrixContext, row: Row, patientId: string, token?: string) {
  const body = row.body ? await row.body(ctx) : undefined;
  return ctx.sandbox.app.request(`/patients/${patientId}/${row.path}`, {
    method: row.method,
    headers: {
      authorization: `Bearer ${token ?? (await ctx.token())}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function outcomeOf(res: Response): Promise<Outcome | { status: number; problem?: string }> {
  if (res.status === 200 || res.status === 201) return { status: res.status };
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return { status: res.status, problem: problemKindOf((await res.json()).type) ?? 'unknown' };
}

describe('the proxy table', () => {
  it("states DOMAIN.md's table for every row, and domain/proxy.ts agrees with it", () => {
    expect(Object.keys(SHOWN_TO_PARENT).sort()).toEqual(ROWS.map((r) => r.name).sort());
    for (const row of ROWS) expect(proxyMayAccess(row.domain), row.name).toBe(SHOWN_TO_PARENT[row.name]);
  });

  it('would catch a wrong table: the parent sees no referrals, diagnoses or lab results of a child', () => {
    expect(ROWS.filter((r) => !SHOWN_TO_PARENT[r.name]).map((r) => r.domain)).toEqual([
      'referrals',
      'diagnoses',
      'lab-results',
      'video-consultation',
    ]);
  });
});

describe('the proxy matrix', () => {
  const ctx = setup(createSandbox());

  it('has the people it needs', () => {
    const { store } = ctx.sandbox;
    const now = today(ctx.sandbox);
    const young = store.patients.get(ctx.ids['child under 15']);
    const older = store.patients.get(ctx.ids['child 15+']);
    expect(young && now < accessUntil(young.patient.birthDate)).toBe(true);
    expect(older && now >= accessUntil(older.patient.birthDate)).toBe(true);
    expect(store.patients.has(ctx.ids['no such patient'])).toBe(false);
    expect(ctx.ids['no such patient']).toMatch(/^pat_[A-Za-z0-9]{6,40}$/);
  });

  for (const row of ROWS) {
    describe(row.name, () => {
      if (PENDING.has(row.operationId)) {
        for (const column of COLUMNS) it.todo(`${column}: ${JSON.stringify(expected(row, column))}`);
        return;
      }
      for (const column of COLUMNS) {
        const want = expected(row, column);
        it(`${column}: ${'problem' in want ? want.problem : want.status}`, async () => {
          expect(await outcomeOf(await ask(ctx, row, ctx.ids[column]))).toEqual(want);
        });
      }

      it('refuses a 15+ child, a stranger and a missing patient with the same bytes', async () => {
        const token = await ctx.token();
        const columns: Column[] = ['child 15+', 'not my child', 'no such patient'];
        const answers = await Promise.all(
          columns.map(async (column) => {
            const res = await ask(ctx, row, ctx.ids[column], token);
            const headers = [...res.headers.entries()].sort();
            // `instance` echoes the path the caller sent; apart from that id nothing may differ.
            return { status: res.status, headers, body: (await res.text()).replaceAll(ctx.ids[column], '{patientId}') };
          }),
        );
        expect(answers[0]?.status).toBe(403);
        expect(answers[1]).toEqual(answers[2]);
        expect(answers[0]).toEqual(answers[1]);
      });
    });
  }
});

describe('the 15th birthday', () => {
  it('lets the parent act for the child until midnight before the 15th birthday, Copenhagen time', async () => {
    const sandbox = createSandbox();
    const ctx = setup(sandbox);
    const child = sandbox.store.patients.get(ctx.ids['child under 15']);
    if (!child) throw new Error('no child');
    const birthday = accessUntil(child.patient.birthDate);
    const vaccinations = ROWS.find((r) => r.domain === 'vaccinations');
    if (!vaccinations) throw new Error('no vaccinations row');

    // One minute before midnight: still a child the parent acts for.
    sandbox.clock.set(new Date(copenhagenInstant(birthday, 0, 0).getTime() - 60_000));
    await (
      await sandbox.app.request('/me/consent', {
        method: 'PUT',
        headers: { authorization: `Bearer ${await ctx.token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accepted: true }),
      })
    ).text();
    expect(await outcomeOf(await ask(ctx, vaccinations, child.patient.id))).toEqual({ status: 200 });
    const children = await sandbox.app.request('/me/children', {
      headers: { authorization: `Bearer ${await ctx.token()}` },
    });
    expect(((await children.json()).items as { patientId: string }[]).map((c) => c.patientId)).toContain(
      child.patient.id,
    );

    // Midnight: the child has its own MitID now, and the parent is refused like a stranger.
    sandbox.clock.set(copenhagenInstant(birthday, 0, 0));
    expect(await outcomeOf(await ask(ctx, vaccinations, child.patient.id))).toEqual({
      status: 403,
      problem: 'proxy-access-denied',
    });
    const after = await sandbox.app.request('/me/children', {
      headers: { authorization: `Bearer ${await ctx.token()}` },
    });
    expect(((await after.json()).items as { patientId: string }[]).map((c) => c.patientId)).not.toContain(
      child.patient.id,
    );
  });
});

describe('video consultation where it applies', () => {
  it('joins the own booked video appointment (201), and the same session again', async () => {
    const sandbox = createSandbox();
    const now = sandbox.clock.now().getTime();
    const found = [...sandbox.store.personas.values()].flatMap((persona) => {
      const line = persona.patient;
      const self = line.expected.app.self;
      const clinic = sandbox.store.clinics.get(line.clinicId);
      if (!self || !('categories' in self) || !clinic?.capabilities.videoConsultation) return [];
      const appointment = line.journal.appointments.find(
        (a) => a.kind === 'video' && a.status === 'booked' && Date.parse(a.endsAt) > now,
      );
      return appointment ? [{ persona, appointment }] : [];
    })[0];
    if (!found) throw new Error('no adult with an upcoming video appointment in the default population');
    const { persona, appointment } = found;
    const signIn = await sandbox.app.request('/auth/sign-in/eid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: persona.handle }),
    });
    const { accessToken } = await signIn.json();
    const join = () =>
      sandbox.app.request(`/patients/${persona.patient.patient.id}/video-consultations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ appointmentId: appointment.id }),
      });
    const first = await join();
    expect(first.status).toBe(201);
    const session = await first.json();
    expect(session).toMatchObject({ patientId: persona.patient.patient.id, appointmentId: appointment.id });
    const again = await (await join()).json();
    expect(again.id).toBe(session.id);
  });
});
