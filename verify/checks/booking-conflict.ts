/**
 * Booking conflict: two patients book one free slot at the same moment; exactly one booking wins
 * (201) and the other is refused with slot-taken. Cancelling the winner's appointment frees the
 * slot: the journal lists it again, and the other patient can book it.
 */
import type { Exchange } from '../journal-http.ts';
import { CheckFailed, type GroupDefinition } from '../kit.ts';
import {
  conformancePatient,
  exchangeDetails,
  expectProblem,
  expectStatus,
  findFreeSlot,
  patientPath,
  preparePatient,
  registerConsent,
  withdrawConsent,
} from './support.ts';

const PATIENTS = [3, 4] as const;

export const bookingConflict: GroupDefinition = {
  id: 'booking-conflict',
  title: 'Booking conflict',
  async run(ctx, checks) {
    const stateNeeds = ctx.states
      ? 'provider states "conformance patient 3", "conformance patient 4", "a free slot"'
      : 'the imported conformance patients, listSlots';
    const setup = {
      id: 'two-patients-and-a-free-slot',
      name: 'two patients with consent and a free slot',
      needs: `${stateNeeds}, registerConsent`,
    };
    const race = {
      id: 'one-booking-wins',
      name: 'two simultaneous bookings of one slot: exactly one wins, the other is refused with slot-taken',
      needs: 'bookAppointment',
    };
    const freed = {
      id: 'cancel-frees-the-slot',
      name: 'cancelling the appointment frees the slot: it is listed again and can be booked',
      needs: 'cancelAppointment, listSlots, bookAppointment',
    };
    const prepared = await checks.run(setup, async () => {
      const people = [];
      for (const n of PATIENTS) {
        const p = conformancePatient(ctx, n);
        const patientId = await preparePatient(ctx, n);
        await registerConsent(ctx, patientId, p.patient.cpr);
        people.push({ patientId, cpr: p.patient.cpr });
      }
      return { people, slotId: await findFreeSlot(ctx) };
    });
    if (!prepared) {
      checks.skip(race, `needs "${setup.name}", which failed`);
      checks.skip(freed, `needs "${setup.name}", which failed`);
      return undefined;
    }
    const { people, slotId } = prepared;
    const book = (i: number) => {
      const who = people[i] as { patientId: string; cpr: string };
      return ctx.journal.call('POST', `${patientPath(who.patientId)}/appointments`, {
        body: { slotId, bookedBy: { role: 'patient', cpr: who.cpr }, reason: 'Conformance check' },
      });
    };
    const cancel = (i: number, appointmentId: string) => {
      const who = people[i] as { patientId: string; cpr: string };
      return ctx.journal.call(
        'POST',
        `${patientPath(who.patientId)}/appointments/${encodeURIComponent(appointmentId)}/cancel`,
        { body: { cancelledBy: { role: 'patient', cpr: who.cpr } } },
      );
    };

    const outcome = await checks.run(race, async () => {
      const answers = await Promise.all([book(0), book(1)]);
      const won = answers.map((e, i) => ({ e, i })).filter(({ e }) => e.status === 201);
      const details = answers.flatMap(exchangeDetails);
      if (won.length !== 1) {
        // Free what a double booking took, so later runs find the slot as before.
        for (const { e, i } of won) await cancel(i, String((e.body as { id?: unknown }).id)).catch(() => undefined);
        throw new CheckFailed(`slot ${slotId}: ${won.length} of 2 simultaneous bookings won, exactly 1 must`, details);
      }
      const winner = won[0] as { e: Exchange; i: number };
      expectStatus(winner.e, 201, 'the winning booking');
      const loser = winner.i === 0 ? 1 : 0;
      expectProblem(answers[loser] as Exchange, 'slot-taken', `the second booking of slot ${slotId}`);
      return {
        winner: winner.i,
        loser,
        appointmentId: String((winner.e.body as { id: string }).id),
        startsAt: String((winner.e.body as { startsAt: string }).startsAt),
      };
    });

    if (!outcome) {
      checks.skip(freed, `needs "${race.name}", which failed`);
    } else {
      await checks.run(freed, async () => {
        const c = expectStatus(await cancel(outcome.winner, outcome.appointmentId), 200, 'cancelAppointment');
        if ((c.body as { status?: unknown }).status !== 'cancelled') {
          throw new CheckFailed('cancelAppointment answered an appointment that is not cancelled', exchangeDetails(c));
        }
        // The slot's day in Copenhagen: startsAt carries its own offset, or is UTC.
        const day = new Date(outcome.startsAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
        const listed = expectStatus(await ctx.journal.call('GET', `/slots?from=${day}&to=${day}`), 200, 'listSlots');
        if (!(listed.body as { items: { id: string }[] }).items.some((s) => s.id === slotId)) {
          throw new CheckFailed(`slot ${slotId} is not listed as free after the cancellation`, exchangeDetails(listed));
        }
        const again = expectStatus(
          await book(outcome.loser),
          201,
          `booking slot ${slotId} again after the cancellation`,
        );
        await cancel(outcome.loser, String((again.body as { id: string }).id));
      });
    }
    for (const who of people) await withdrawConsent(ctx, who.patientId).catch(() => undefined);
    return undefined;
  },
};
