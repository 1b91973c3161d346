// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Pact's provider-state expression syntax
// The platform ↔ journal pact, from the platform's point of view: what the platform sends to a
// clinic's journal system and what it relies on in the answers. The requests are made by the
// platform's own JournalClient (which also checks every answer against the contract), or by plain
// fetch for the reads it makes directly. Provider states are the journal host's (see
// contracts/pacts/README.md); values such as the patient's id and CPR number come from them, so a
// vendor's journal can be verified with its own test patients. Writes contracts/pacts/
// min-laege-platform-journal-system.json; the last test fails when the committed file differs.
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createJournalClient } from '../../mock-server/journal-client.ts';
import * as ex from './examples.ts';
import {
  checkDrift,
  day,
  fromProviderState,
  id,
  instant,
  integer,
  JSON_TYPE,
  like,
  PROBLEM_JSON,
  pactOutDir,
  problem,
  text,
} from './support.ts';

const OUT = pactOutDir();
const JOURNAL_PACT = 'min-laege-platform-journal-system.json';
/** The platform token in the pact; a verifier replaces it with the journal's own (customProviderHeaders). */
const TOKEN = 'pact-platform-token';

const pact = new PactV4({ dir: OUT, consumer: 'min-laege-platform', provider: 'journal-system', logLevel: 'error' });

const auth = { Authorization: like(`Bearer ${TOKEN}`) };
const patientPath = (rest = '') =>
  fromProviderState(`/patients/\${patientId}${rest}`, `/patients/${ex.PATIENT_ID}${rest}`);
const asPatient = { role: 'patient', cpr: fromProviderState('${cpr}', ex.CPR) };
const client = (url: string) => createJournalClient(fetch, url, TOKEN);
const get = (url: string) => fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });

describe.sequential('platform → journal pact', () => {
  it('reads the clinic', async () => {
    await pact
      .addInteraction()
      .given('scenario default')
      .uponReceiving('a request for the clinic')
      .withRequest('GET', '/clinic', (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody(ex.clinic))
      .executeTest(async (server) => {
        const body = (await (await get(`${server.url}/clinic`)).json()) as { platformSharing: string };
        expect(body.platformSharing).toBe('enabled');
      });
  });

  it('looks a patient up by CPR number (in the body)', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving('a patient lookup by CPR number')
      .withRequest('POST', '/patients/lookup', (b) =>
        b.headers(auth).jsonBody({ cpr: fromProviderState('${cpr}', ex.CPR) }),
      )
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody({ patientId: id('pat', ex.PATIENT_ID) }))
      .executeTest(async (server) => {
        expect(await client(server.url).lookupPatient(ex.CPR)).toBe(ex.PATIENT_ID);
      });
  });

  it('reads the patient with custody links', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving('a request for the patient')
      .withRequest('GET', patientPath(), (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody(ex.patient))
      .executeTest(async (server) => {
        const body = (await (await get(`${server.url}/patients/${ex.PATIENT_ID}`)).json()) as { id: string };
        expect(body.id).toBe(ex.PATIENT_ID);
      });
  });

  it("reads the patient's consent", async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving("a request for a consenting patient's consent")
      .withRequest('GET', patientPath('/consent'), (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody({ ...ex.consentGiven, withdrawnAt: null }))
      .executeTest(async (server) => {
        const body = (await (await get(`${server.url}/patients/${ex.PATIENT_ID}/consent`)).json()) as { state: string };
        expect(body.state).toBe('given');
      });
  });

  it('registers consent', async () => {
    await pact
      .addInteraction()
      .given('a patient without consent')
      .uponReceiving('a consent registration')
      .withRequest('PUT', patientPath('/consent'), (b) =>
        b.headers(auth).jsonBody({ givenAt: '2026-01-15T11:00:00.000Z', givenBy: asPatient }),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({ ...ex.consentGiven, givenAt: instant('2026-01-15T11:00:00.000Z') }),
      )
      .executeTest(async (server) => {
        const consent = await client(server.url).registerConsent(ex.PATIENT_ID, {
          givenAt: '2026-01-15T11:00:00.000Z',
          givenBy: { role: 'patient', cpr: ex.CPR },
        });
        expect(consent.state).toBe('given');
      });
  });

  it('withdraws consent', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving('a consent withdrawal')
      .withRequest('DELETE', patientPath('/consent'), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b
          .headers(JSON_TYPE)
          .jsonBody({ ...ex.consentGiven, state: 'withdrawn', withdrawnAt: instant('2026-01-15T11:00:00.000Z') }),
      )
      .executeTest(async (server) => {
        expect((await client(server.url).withdrawConsent(ex.PATIENT_ID)).state).toBe('withdrawn');
      });
  });

  it('fetches the shareable record', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving('a request for the shareable record')
      .withRequest('GET', patientPath('/record'), (b) => b.headers(auth).query({ asOf: '2026-01-15' }))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody(ex.record))
      .executeTest(async (server) => {
        const record = await client(server.url).getRecord(ex.PATIENT_ID, '2026-01-15');
        expect(record.asOf).toBe('2026-01-15');
      });
  });

  it('is refused the record of a patient without consent', async () => {
    await pact
      .addInteraction()
      .given('a patient without consent')
      .uponReceiving('a request for the record of a patient without consent')
      .withRequest('GET', patientPath('/record'), (b) => b.headers(auth).query({ asOf: '2026-01-15' }))
      .willRespondWith(403, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('consent-required', 403)))
      .executeTest(async (server) => {
        await expect(client(server.url).getRecord(ex.PATIENT_ID, '2026-01-15')).rejects.toMatchObject({
          kind: 'consent-required',
        });
      });
  });

  it('reads the change feed', async () => {
    const entry = {
      sequence: integer(1),
      patientId: id('pat', ex.PATIENT_ID),
      category: 'appointment',
      kind: 'upserted',
      itemId: id('apt', 'apt_2026011512151OdQ0000'),
      occurredAt: instant('2026-01-15T11:00:00.000Z'),
      item: ex.appointment({ status: text('booked') }),
    };
    await pact
      .addInteraction()
      .given('a change in the feed')
      .uponReceiving('a request for the change feed after a cursor')
      .withRequest('GET', '/changes', (b) =>
        b.headers(auth).query({ cursor: fromProviderState('${cursor}', 'c2VxOjA'), limit: '20' }),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({ items: [entry], nextCursor: like('c2VxOjE'), hasMore: like(false) }),
      )
      .executeTest(async (server) => {
        const page = await client(server.url).listChanges('c2VxOjA', 20);
        expect(page.items[0]?.category).toBe('appointment');
      });
  });

  it('lists free slots', async () => {
    await pact
      .addInteraction()
      .given('a free slot')
      .uponReceiving('a request for free slots')
      .withRequest('GET', '/slots', (b) =>
        b.headers(auth).query({
          from: fromProviderState('${from}', '2026-01-15'),
          to: fromProviderState('${to}', '2026-01-22'),
        }),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          from: day('2026-01-15'),
          to: like('2026-01-22'),
          items: ex.listOf({
            id: id('slt', 'slt_202601151215'),
            startsAt: instant('2026-01-15T11:15:00.000Z'),
            endsAt: instant('2026-01-15T11:30:00.000Z'),
            kind: text('in-person'),
            practitioner: ex.appointment().practitioner,
          }),
        }),
      )
      .executeTest(async (server) => {
        const slots = await client(server.url).listSlots('2026-01-15', '2026-01-22');
        expect(slots.items).toHaveLength(1);
      });
  });

  it('books a free slot', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .given('a free slot')
      .uponReceiving('a booking of a free slot')
      .withRequest('POST', patientPath('/appointments'), (b) =>
        b.headers(auth).jsonBody({
          slotId: fromProviderState('${slotId}', 'slt_202601151215'),
          bookedBy: asPatient,
          reason: 'Kontrol af blodtryk',
        }),
      )
      .willRespondWith(201, (b) =>
        b.headers(JSON_TYPE).jsonBody(ex.appointment({ status: 'booked', reason: 'Kontrol af blodtryk' })),
      )
      .executeTest(async (server) => {
        const booked = await client(server.url).book(ex.PATIENT_ID, {
          slotId: 'slt_202601151215',
          bookedBy: { role: 'patient', cpr: ex.CPR },
          reason: 'Kontrol af blodtryk',
        });
        expect(booked.status).toBe('booked');
      });
  });

  it('is told a taken slot is taken', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .given('a taken slot')
      .uponReceiving('a booking of a slot someone else took')
      .withRequest('POST', patientPath('/appointments'), (b) =>
        b.headers(auth).jsonBody({ slotId: fromProviderState('${slotId}', 'slt_202601151215'), bookedBy: asPatient }),
      )
      .willRespondWith(409, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('slot-taken', 409)))
      .executeTest(async (server) => {
        await expect(
          client(server.url).book(ex.PATIENT_ID, {
            slotId: 'slt_202601151215',
            bookedBy: { role: 'patient', cpr: ex.CPR },
          }),
        ).rejects.toMatchObject({ kind: 'slot-taken' });
      });
  });

  it('cancels a booked appointment', async () => {
    await pact
      .addInteraction()
      .given('a booked appointment')
      .uponReceiving('a cancellation of a booked appointment')
      .withRequest(
        'POST',
        fromProviderState(
          '/patients/${patientId}/appointments/${appointmentId}/cancel',
          `/patients/${ex.PATIENT_ID}/appointments/apt_2026011512151OdQ0000/cancel`,
        ),
        (b) => b.headers(auth).jsonBody({ cancelledBy: asPatient }),
      )
      .willRespondWith(200, (b) =>
        b
          .headers(JSON_TYPE)
          .jsonBody(ex.appointment({ status: 'cancelled', cancelledAt: instant('2026-01-15T11:05:00.000Z') })),
      )
      .executeTest(async (server) => {
        const cancelled = await client(server.url).cancel(ex.PATIENT_ID, 'apt_2026011512151OdQ0000', {
          cancelledBy: { role: 'patient', cpr: ex.CPR },
        });
        expect(cancelled.status).toBe('cancelled');
      });
  });

  const receipt = (attachments: unknown) => ({
    serviceCode: '0105',
    messageId: id('msg', 'msg_1OdQ0000j1'),
    eConsultation: ex.thread({ messages: ex.listOf(ex.message({ attachments })) }),
  });

  it('starts an e-consultation without attachments', async () => {
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .uponReceiving('a new e-consultation without attachments')
      .withRequest('POST', patientPath('/e-consultations'), (b) =>
        b.headers(auth).jsonBody({
          writtenBy: asPatient,
          subject: 'Hoste i tre uger',
          body: 'Jeg har hostet i tre uger og er træt. Skal jeg komme ind?',
          attachments: [],
        }),
      )
      .willRespondWith(201, (b) => b.headers(JSON_TYPE).jsonBody(receipt([])))
      .executeTest(async (server) => {
        const got = await client(server.url).createEConsultation(ex.PATIENT_ID, {
          writtenBy: { role: 'patient', cpr: ex.CPR },
          subject: 'Hoste i tre uger',
          body: 'Jeg har hostet i tre uger og er træt. Skal jeg komme ind?',
          attachments: [],
        });
        expect(got.serviceCode).toBe('0105');
      });
  });

  it('starts an e-consultation with a photo where the clinic allows attachments', async () => {
    const photo = { fileName: 'udslaet.jpg', contentType: 'image/jpeg', data: TINY_JPEG };
    await pact
      .addInteraction()
      .given('a patient with consent registered')
      .given('the clinic allows attachments')
      .uponReceiving('a new e-consultation with a photo')
      .withRequest('POST', patientPath('/e-consultations'), (b) =>
        b.headers(auth).jsonBody({
          writtenBy: asPatient,
          subject: 'Udslæt på halsen',
          body: 'Se billedet af udslættet.',
          attachments: [photo],
        }),
      )
      .willRespondWith(201, (b) => b.headers(JSON_TYPE).jsonBody(receipt([ex.attachmentMeta])))
      .executeTest(async (server) => {
        const got = await client(server.url).createEConsultation(ex.PATIENT_ID, {
          writtenBy: { role: 'patient', cpr: ex.CPR },
          subject: 'Udslæt på halsen',
          body: 'Se billedet af udslættet.',
          attachments: [photo as { fileName: string; contentType: 'image/jpeg'; data: string }],
        });
        expect(got.eConsultation.messages[0]?.attachments).toHaveLength(1);
      });
  });

  const threadPath = (rest = '') =>
    fromProviderState(
      `/patients/\${patientId}/e-consultations/\${eConsultationId}${rest}`,
      `/patients/${ex.PATIENT_ID}/e-consultations/eco_1OdQ0000j2${rest}`,
    );

  it('reads an e-consultation', async () => {
    await pact
      .addInteraction()
      .given('a thread awaiting an answer')
      .uponReceiving('a request for an e-consultation')
      .withRequest('GET', threadPath(), (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody(ex.thread()))
      .executeTest(async (server) => {
        const got = await client(server.url).getEConsultation(ex.PATIENT_ID, 'eco_1OdQ0000j2');
        expect(got.status).toBe('awaiting-answer');
      });
  });

  it('replies to an e-consultation', async () => {
    await pact
      .addInteraction()
      .given('a thread awaiting an answer')
      .uponReceiving('a reply to an e-consultation')
      .withRequest('POST', threadPath('/messages'), (b) =>
        b.headers(auth).jsonBody({ writtenBy: asPatient, body: 'Det er blevet lidt bedre i dag.', attachments: [] }),
      )
      .willRespondWith(201, (b) => b.headers(JSON_TYPE).jsonBody(receipt([])))
      .executeTest(async (server) => {
        const got = await client(server.url).replyToEConsultation(ex.PATIENT_ID, 'eco_1OdQ0000j2', {
          writtenBy: { role: 'patient', cpr: ex.CPR },
          body: 'Det er blevet lidt bedre i dag.',
          attachments: [],
        });
        expect(got.serviceCode).toBe('0105');
      });
  });

  it("fetches an attachment's content", async () => {
    await pact
      .addInteraction()
      .given('a thread with an attachment')
      .uponReceiving("a request for an attachment's content")
      .withRequest(
        'GET',
        fromProviderState(
          '/patients/${patientId}/e-consultations/${eConsultationId}/attachments/${attachmentId}',
          `/patients/${ex.PATIENT_ID}/e-consultations/eco_1OdQ0000j2/attachments/att_1OdQ0000j3`,
        ),
        (b) => b.headers(auth),
      )
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody({ ...ex.attachmentMeta, data: like(TINY_JPEG) }))
      .executeTest(async (server) => {
        const got = await client(server.url).getAttachment(ex.PATIENT_ID, 'eco_1OdQ0000j2', 'att_1OdQ0000j3');
        expect(got.data.startsWith('/9j/')).toBe(true);
      });
  });

  it('opens a video session for a booked video appointment', async () => {
    await pact
      .addInteraction()
      .given('a booked video appointment')
      .uponReceiving('a request for a video session')
      .withRequest('POST', patientPath('/video-sessions'), (b) =>
        b.headers(auth).jsonBody({
          requestedBy: asPatient,
          appointmentId: fromProviderState('${appointmentId}', 'apt_video1OdQ0000'),
        }),
      )
      .willRespondWith(201, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          id: id('vid', 'vid_1OdQ0000j1'),
          patientId: id('pat', ex.PATIENT_ID),
          appointmentId: id('apt', 'apt_video1OdQ0000'),
          joinUrl: like('https://video.sandbox.example/rooms/vid_1OdQ0000j1?t=0f3a'),
          createdAt: instant('2026-01-15T11:00:00.000Z'),
          expiresAt: instant('2026-01-15T12:00:00.000Z'),
        }),
      )
      .executeTest(async (server) => {
        const got = await client(server.url).createVideoSession(ex.PATIENT_ID, {
          requestedBy: { role: 'patient', cpr: ex.CPR },
          appointmentId: 'apt_video1OdQ0000',
        });
        expect(got.joinUrl).toMatch(/^https:/);
      });
  });

  it('the committed pact is what these tests produce', () => {
    expect(checkDrift(OUT, JOURNAL_PACT)).toBeUndefined();
  });
});

// A 1×1 JPEG.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
