// Booking through the sandbox platform and the fake journal: free slots from the clinic's hours,
// a booking that shows in the appointment list at once, a slot taken by someone else, cancelling,
// a clinic without online booking, and a race: of 100 simultaneous bookings of one slot exactly
// one succeeds and the other 99 get slot-taken.
import { describe, expect, it } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import { createSandbox } from '../../mock-server/index.ts';

function setup(seed: string) {
  const sandbox = createSandbox({ population: { seed, patients: 80 } });
  const adults = [...sandbox.store.personas.values()].filter(
    (p) => p.patient.expected.app.self && 'categories' in p.patient.expected.app.self,
  );
  const tokenOf = async (handle: string) =>
    (
      await (
        await sandbox.app.request('/auth/sign-in/eid', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ persona: handle }),
        })
      ).json()
    ).accessToken as string;
  const call = (token: string, method: string, path: string, body?: unknown) =>
    sandbox.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { sandbox, adults, tokenOf, call };
}

describe('booking', () => {
  it('lists free slots in opening hours, books one, shows it, refuses it to the next, and cancels it', async () => {
    const { adults, tokenOf, call } = setup('booking-0');
    const [me, other] = adults;
    if (!me || !other) throw new Error('need two consenting adults');
    const token = await tokenOf(me.handle);
    const id = me.patient.patient.id;
    const slots = await (
      await call(token, 'GET', `/patients/${id}/booking-slots?from=2026-01-19&to=2026-01-20`)
    ).json();
    expect(slots.items.length).toBeGreaterThan(10);
    // A window that runs backwards or past 31 days is the caller's mistake: 400, not the journal's 503.
    for (const query of ['from=2026-01-20&to=2026-01-19', 'from=2026-01-19&to=2026-02-20']) {
      const refused = await call(token, 'GET', `/patients/${id}/booking-slots?${query}`);
      expect(refused.status, query).toBe(400);
      expect((await refused.json()).errors[0].pointer).toBe('/query/to');
    }
    expect((await call(token, 'GET', `/patients/${id}/booking-slots?from=2026-01-19&to=2026-02-19`)).status).toBe(200);
    const slot = slots.items[0];
    const booked = await call(token, 'POST', `/patients/${id}/appointments`, { slotId: slot.id });
    expect(booked.status).toBe(201);
    const appointment = await booked.json();
    expect(appointment).toMatchObject({ startsAt: slot.startsAt, status: 'booked', cancellable: true });
    const upcoming = await (await call(token, 'GET', `/patients/${id}/appointments?when=upcoming&limit=100`)).json();
    expect(upcoming.items.map((a: { id: string }) => a.id)).toContain(appointment.id);
    const after = await (
      await call(token, 'GET', `/patients/${id}/booking-slots?from=2026-01-19&to=2026-01-20`)
    ).json();
    expect(after.items.map((s: { id: string }) => s.id)).not.toContain(slot.id);

    const otherToken = await tokenOf(other.handle);
    const refused = await call(otherToken, 'POST', `/patients/${other.patient.patient.id}/appointments`, {
      slotId: slot.id,
    });
    expect(refused.status).toBe(409);
    expect(problemKindOf((await refused.json()).type)).toBe('slot-taken');

    const cancelled = await call(token, 'POST', `/patients/${id}/appointments/${appointment.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancellable: false });
    const again = await call(token, 'POST', `/patients/${id}/appointments/${appointment.id}/cancel`);
    expect(problemKindOf((await again.json()).type)).toBe('not-cancellable');
    // The slot is free again.
    expect(
      (await call(otherToken, 'POST', `/patients/${other.patient.patient.id}/appointments`, { slotId: slot.id }))
        .status,
    ).toBe(201);
  });

  it('books a slot again after cancelling it, as a new appointment that can be cancelled too', async () => {
    const { adults, tokenOf, call } = setup('booking-0');
    const [me] = adults;
    if (!me) throw new Error('need a consenting adult');
    const token = await tokenOf(me.handle);
    const id = me.patient.patient.id;
    const slots = (await (await call(token, 'GET', `/patients/${id}/booking-slots`)).json()).items;
    const slot = slots[slots.length - 1];
    const first = await (await call(token, 'POST', `/patients/${id}/appointments`, { slotId: slot.id })).json();
    expect((await call(token, 'POST', `/patients/${id}/appointments/${first.id}/cancel`)).status).toBe(200);
    const second = await call(token, 'POST', `/patients/${id}/appointments`, { slotId: slot.id });
    expect(second.status).toBe(201);
    const rebooked = await second.json();
    expect(rebooked.id).not.toBe(first.id);
    expect(rebooked.cancellable).toBe(true);
    const cancelled = await call(token, 'POST', `/patients/${id}/appointments/${rebooked.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const list = (await (await call(token, 'GET', `/patients/${id}/appointments?limit=100`)).json()).items;
    expect(list.filter((a: { id: string }) => a.id === first.id || a.id === rebooked.id)).toHaveLength(2);
  });

  it('lets exactly one of 100 simultaneous bookings of one slot win', async () => {
    const { adults, tokenOf, call } = setup('booking-0');
    const people = adults.slice(0, 10);
    const tokens = await Promise.all(people.map((p) => tokenOf(p.handle)));
    const first = await (
      await call(
        tokens[0] as string,
        'GET',
        `/patients/${people[0]?.patient.patient.id}/booking-slots?from=2026-01-21&to=2026-01-21`,
      )
    ).json();
    const slotId = first.items[0].id;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(
          tokens[i % people.length] as string,
          'POST',
          `/patients/${people[i % people.length]?.patient.patient.id}/appointments`,
          {
            slotId,
          },
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
  });

  it('answers not-offered-by-clinic where online booking is off', async () => {
    const { adults, tokenOf, call } = setup('nobooking-10');
    const me = adults[0];
    if (!me) throw new Error('no adult');
    const token = await tokenOf(me.handle);
    const res = await call(token, 'GET', `/patients/${me.patient.patient.id}/booking-slots`);
    expect(res.status).toBe(409);
    expect(problemKindOf((await res.json()).type)).toBe('not-offered-by-clinic');
  });
});
