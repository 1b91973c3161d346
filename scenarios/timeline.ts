/**
 * A scenario's timeline as the host's TimelineEvents: each fires once, in order, when sandbox time
 * passes it. The clinic's writes go through the journal's clinic side (so they reach the change
 * feed and the platform's copy as real ones would); a person's consent changes go through the
 * platform API as the app would send them; a journal outage is a fault on the session.
 */
import type { JournalClinic } from '../generators/context.ts';
import type { SandboxSession, TimelineEvent } from '../mock-server/host.ts';
import type { Sandbox } from '../mock-server/index.ts';
import { addClinicHoliday, fileLabResult, replyAsClinic } from '../mock-server/journal/clinic-side.ts';
import { labResultOf } from './records.ts';
import { dateOf, offsetFrom } from './time.ts';
import type { EventSpec, SubstituteSpec } from './types.ts';

type Holiday = JournalClinic['openingHours']['holidays'][number];

/** What the timeline needs from the built scenario. */
export interface TimelineContext {
  start: Date;
  clinicId: string;
  /** Handle → patient or record id. */
  ids: Map<string, string>;
  /** The id each lab-result event files its result under (assigned at build, so expectations can name it). */
  eventIds: Map<number, string>;
  defaultSubstitute: Holiday['substitute'];
}

/** One line saying what an event does. */
export function describeEvent(e: EventSpec): string {
  switch (e.event) {
    case 'doctor-replies':
      return `the doctor answers ${e.patient}'s e-consultation ${e.eConsultation}`;
    case 'lab-result':
      return `a lab result (${e.result.name}) is filed for ${e.patient}`;
    case 'consent-withdrawn':
      return `${e.person} withdraws consent in the app`;
    case 'consent-given':
      return `${e.person} gives consent in the app`;
    case 'clinic-holiday':
      return `the clinic types in a holiday ${e.from} to ${e.to}`;
    case 'journal-down':
      return "the clinic's journal system stops answering";
    case 'journal-up':
      return "the clinic's journal system answers again";
  }
}

/** A person's consent change, made the way the app makes it (the platform deletes and withdraws what it must). */
async function consentInApp(sandbox: Sandbox, patientId: string, method: 'PUT' | 'DELETE'): Promise<void> {
  const { accessToken } = await sandbox.tokens.issue(patientId, sandbox.clock.now());
  const response = await sandbox.app.request('/me/consent', {
    method,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    ...(method === 'PUT' ? { body: JSON.stringify({ accepted: true }) } : {}),
  });
  if (!response.ok) throw new Error(`the consent change answered ${response.status}: ${await response.text()}`);
}

const substituteOf = (s: SubstituteSpec | undefined, fallback: Holiday['substitute']) =>
  s ? { name: s.name, address: s.address, phone: s.phone } : fallback;

/** The timeline's events, in the file's order (the host sorts them by time, keeping that order for ties). */
export function timelineEvents(events: readonly EventSpec[], ctx: TimelineContext): TimelineEvent[] {
  const id = (handle: string) => ctx.ids.get(handle) as string;
  return events.map((e, index): TimelineEvent => {
    const base = { at: offsetFrom(ctx.start, e.at), kind: e.event, summary: describeEvent(e) };
    const journal = (sandbox: Sandbox) => ({ store: sandbox.store, clock: sandbox.clock });
    switch (e.event) {
      case 'doctor-replies':
        return {
          ...base,
          apply: (sandbox) => {
            replyAsClinic(journal(sandbox), id(e.patient), id(e.eConsultation), {
              body: e.body,
              ...(e.author ? { author: e.author } : {}),
            });
          },
        };
      case 'lab-result':
        return {
          ...base,
          apply: (sandbox) => {
            const labId = ctx.eventIds.get(index);
            fileLabResult(
              journal(sandbox),
              id(e.patient),
              labResultOf(e.result, ctx.start),
              labId ? { id: labId } : {},
            );
          },
        };
      case 'consent-withdrawn':
        return { ...base, apply: (sandbox) => consentInApp(sandbox, id(e.person), 'DELETE') };
      case 'consent-given':
        return { ...base, apply: (sandbox) => consentInApp(sandbox, id(e.person), 'PUT') };
      case 'clinic-holiday':
        return {
          ...base,
          apply: (sandbox) =>
            addClinicHoliday(journal(sandbox), ctx.clinicId, {
              from: dateOf(e.from, ctx.start),
              to: dateOf(e.to, ctx.start),
              substitute: substituteOf(e.substitute, ctx.defaultSubstitute),
            }),
        };
      case 'journal-down':
        return {
          ...base,
          apply: (_sandbox, session: SandboxSession) => {
            session.faults.add({ target: 'journal', match: { path: '/**' }, effect: { kind: 'outage' } }, 'timeline');
          },
        };
      case 'journal-up':
        return {
          ...base,
          apply: (_sandbox, session: SandboxSession) => {
            // Only the outage the timeline switched on; a tester's own faults stay.
            session.faults.clear('timeline', 'outage');
          },
        };
      default:
        throw new Error(`unknown timeline event ${(e as EventSpec).event}`);
    }
  });
}
