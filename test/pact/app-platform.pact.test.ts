// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Pact's provider-state expression syntax
// The app ↔ platform pact, from the app's point of view: what the Min Læge app sends and what it
// relies on in the answers, made with the kit's typed app client. Provider states are the sandbox
// control API's (POST /__sandbox/provider-states): they pick a persona in a situation and hand back
// its patientId and a ready access token, which the pact injects into paths and headers, so the
// pact holds no token and no patient of one particular population. Writes
// contracts/pacts/min-laege-app-min-laege-platform.json; the last test fails when the committed
// file differs.
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createAppClient } from '../../client/index.ts';
import { listOf } from './examples.ts';
import {
  boolean,
  checkDrift,
  cpr,
  day,
  fromProviderState,
  id,
  instant,
  instantOrNull,
  integer,
  JSON_TYPE,
  like,
  orNull,
  PROBLEM_JSON,
  pactOutDir,
  problem,
  text,
  textOrNull,
} from './support.ts';

const OUT = pactOutDir();
const APP_PACT = 'min-laege-app-min-laege-platform.json';
const PATIENT = 'pat_1OdQ0000';
const CHILD = 'pat_1OdQ0001';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXRfMU9kUTAwMDAifQ.c2lnbmF0dXJl';

const pact = new PactV4({ dir: OUT, consumer: 'min-laege-app', provider: 'min-laege-platform', logLevel: 'error' });

const auth = { Authorization: fromProviderState('Bearer ${accessToken}', `Bearer ${TOKEN}`) };
/**
 * A path of the signed-in persona (`patientId`), or of someone a provider state names: a child
 * (`childId`), or a person of a scenario by handle (`ida`).
 */
const own = (rest: string, who = 'patientId', example = PATIENT) =>
  fromProviderState(`/patients/\${${who}}${rest}`, `/patients/${example}${rest}`);
const app = (url: string) => createAppClient({ baseUrl: url, token: TOKEN });

const GIVEN = {
  state: 'given',
  givenAt: instant('2023-09-11T09:37:11.000Z'),
  withdrawnAt: instantOrNull(null),
  lastActivityAt: instant('2026-01-15T11:00:00.000Z'),
  retainedUntil: instant('2027-01-15T11:00:00.000Z'),
};
const vaccination = (patientId: string) => ({
  id: id('vac', 'vac_1OdQ0000x0'),
  patientId: id('pat', patientId),
  vaccine: text('DiTeKiPol/Hib'),
  atcCode: textOrNull('J07CA06'),
  dose: orNull(1),
  givenOn: day('2014-07-07'),
  givenBy: textOrNull('Læge Lene Krogh'),
});
const appointment = {
  id: id('apt', 'apt_2026011512151OdQ0000'),
  patientId: id('pat', PATIENT),
  startsAt: instant('2026-01-15T11:15:00.000Z'),
  endsAt: instant('2026-01-15T11:30:00.000Z'),
  kind: text('in-person'),
  status: 'booked',
  practitioner: text('Lægerne i Varde'),
  cancellable: boolean(true),
  cancelledAt: instantOrNull(null),
};
const attachmentInfo = {
  id: id('att', 'att_1OdQ0000j3'),
  fileName: text('udslaet.jpg'),
  contentType: text('image/jpeg'),
  sizeBytes: integer(134),
};
const newThread = (subject: string, body: string, attachments: unknown) => ({
  id: id('eco', 'eco_1OdQ0000j2'),
  patientId: id('pat', PATIENT),
  subject,
  status: 'awaiting-answer',
  createdAt: instant('2026-01-15T11:00:00.000Z'),
  messages: [
    {
      id: id('msg', 'msg_1OdQ0000j1'),
      author: { role: 'patient', name: text('Lillian Blom') },
      body,
      sentAt: instant('2026-01-15T11:00:00.000Z'),
      attachments,
    },
  ],
});
// A 1×1 JPEG.
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

describe.sequential('app → platform pact', () => {
  it('signs in with MitID as a persona', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a MitID sign-in')
      .withRequest('POST', '/auth/sign-in/eid', (b) =>
        b.jsonBody({ persona: fromProviderState('${persona}', 'lillian-blom') }),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          tokenType: 'Bearer',
          accessToken: like(TOKEN),
          expiresIn: integer(900),
          refreshToken: like(TOKEN),
          patientId: id('pat', PATIENT),
        }),
      )
      .executeTest(async (server) => {
        const client = createAppClient({ baseUrl: server.url });
        expect((await client.signInAsPersona('lillian-blom')).patientId).toBe(PATIENT);
      });
  });

  it('reads the profile', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a request for the profile')
      .withRequest('GET', '/me', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          patientId: id('pat', PATIENT),
          name: text('Lillian Blom'),
          cpr: cpr('060992-9998'),
          birthDate: day('1992-09-06'),
          address: { street: text('Slotsvej 93'), postalCode: like('6800'), town: text('Varde') },
          addressProtected: boolean(false),
          clinicId: textOrNull('cln_1OdQ0000'),
        }),
      )
      .executeTest(async (server) => {
        const me = await app(server.url).unwrap(app(server.url).GET('/me'));
        expect(me.patientId).toBe(PATIENT);
      });
  });

  it('reads its consent', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a request for the consent')
      .withRequest('GET', '/me/consent', (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody(GIVEN))
      .executeTest(async (server) => {
        const consent = await app(server.url).unwrap(app(server.url).GET('/me/consent'));
        expect(consent.state).toBe('given');
      });
  });

  it('gives consent the first time', async () => {
    await pact
      .addInteraction()
      .given('scenario consent-never-given', { as: 'sofie' })
      .uponReceiving('consent given')
      .withRequest('PUT', '/me/consent', (b) => b.headers(auth).jsonBody({ accepted: true }))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({ ...GIVEN, givenAt: instant('2026-01-15T11:00:00.000Z') }),
      )
      .executeTest(async (server) => {
        const consent = await app(server.url).unwrap(app(server.url).PUT('/me/consent', { body: { accepted: true } }));
        expect(consent.state).toBe('given');
      });
  });

  it('is refused data before consent', async () => {
    await pact
      .addInteraction()
      .given('scenario consent-never-given', { as: 'sofie' })
      .uponReceiving('a request for diagnoses without consent')
      .withRequest('GET', own('/diagnoses'), (b) => b.headers(auth))
      .willRespondWith(403, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('consent-required', 403)))
      .executeTest(async (server) => {
        const { error } = await app(server.url).GET('/patients/{patientId}/diagnoses', {
          params: { path: { patientId: PATIENT } },
        });
        expect(error?.type).toBe('urn:minlaege-sandbox:problem:consent-required');
      });
  });

  it('reads its own diagnoses', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a request for own diagnoses')
      .withRequest('GET', own('/diagnoses'), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          items: listOf({
            id: id('dia', 'dia_1OdQ0000x0'),
            patientId: id('pat', PATIENT),
            icpcCode: text('K86'),
            title: text('Forhøjet blodtryk uden organpåvirkning'),
            registeredAt: day('2019-03-11'),
            rule: text('B'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).GET('/patients/{patientId}/diagnoses', {
          params: { path: { patientId: PATIENT } },
        });
        expect(data?.items[0]?.rule).toBe('B');
      });
  });

  it('reads its own vaccinations', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a request for own vaccinations')
      .withRequest('GET', own('/vaccinations'), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({ items: listOf(vaccination(PATIENT)), nextCursor: textOrNull(null) }),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).GET('/patients/{patientId}/vaccinations', {
          params: { path: { patientId: PATIENT } },
        });
        expect(data?.items).toHaveLength(1);
      });
  });

  it('lists the children it may act for', async () => {
    await pact
      .addInteraction()
      .given('scenario parent-with-children', { as: 'mette' })
      .uponReceiving('a request for the children')
      .withRequest('GET', '/me/children', (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          items: listOf({
            patientId: id('pat', CHILD),
            name: text('Aksel Blom'),
            cpr: cpr('050414-9999'),
            birthDate: day('2014-04-05'),
            accessUntil: day('2029-04-05'),
            custody: text('sole'),
            address: { street: text('Slotsvej 93'), postalCode: like('6800'), town: text('Varde') },
            addressProtected: boolean(false),
            clinicId: textOrNull('cln_1OdQ0000'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const children = await app(server.url).unwrap(app(server.url).GET('/me/children'));
        expect(children.items[0]?.patientId).toBe(CHILD);
      });
  });

  it("reads a child's vaccinations", async () => {
    await pact
      .addInteraction()
      .given('scenario parent-with-children', { as: 'mette' })
      .uponReceiving("a request for a child's vaccinations")
      .withRequest('GET', own('/vaccinations', 'ida', CHILD), (b) => b.headers(auth))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({ items: listOf(vaccination(CHILD)), nextCursor: textOrNull(null) }),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).GET('/patients/{patientId}/vaccinations', {
          params: { path: { patientId: CHILD } },
        });
        expect(data?.items[0]?.patientId).toBe(CHILD);
      });
  });

  it("is refused a child's diagnoses", async () => {
    await pact
      .addInteraction()
      .given('scenario parent-with-children', { as: 'mette' })
      .uponReceiving("a request for a child's diagnoses")
      .withRequest('GET', own('/diagnoses', 'ida', CHILD), (b) => b.headers(auth))
      .willRespondWith(403, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('not-available-for-child', 403)))
      .executeTest(async (server) => {
        const { error } = await app(server.url).GET('/patients/{patientId}/diagnoses', {
          params: { path: { patientId: CHILD } },
        });
        expect(error?.status).toBe(403);
      });
  });

  it('is refused the data of a child of 15 or older', async () => {
    await pact
      .addInteraction()
      .given('scenario parent-with-children', { as: 'mette' })
      .uponReceiving('a request for the vaccinations of a child of 15 or older')
      .withRequest('GET', own('/vaccinations', 'freja', 'pat_1OdQ0014'), (b) => b.headers(auth))
      .willRespondWith(403, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('proxy-access-denied', 403)))
      .executeTest(async (server) => {
        const { error } = await app(server.url).GET('/patients/{patientId}/vaccinations', {
          params: { path: { patientId: 'pat_1OdQ0014' } },
        });
        expect(error?.type).toBe('urn:minlaege-sandbox:problem:proxy-access-denied');
      });
  });

  it('lists booking slots', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .given('a free slot')
      .uponReceiving('a request for booking slots')
      .withRequest('GET', own('/booking-slots'), (b) =>
        b.headers(auth).query({
          from: fromProviderState('${from}', '2026-01-15'),
          to: fromProviderState('${to}', '2026-01-22'),
        }),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          items: listOf({
            id: id('slt', 'slt_202601151215'),
            startsAt: instant('2026-01-15T11:15:00.000Z'),
            endsAt: instant('2026-01-15T11:30:00.000Z'),
            kind: text('in-person'),
            practitioner: text('Lægerne i Varde'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).GET('/patients/{patientId}/booking-slots', {
          params: { path: { patientId: PATIENT }, query: { from: '2026-01-15', to: '2026-01-22' } },
        });
        expect(data?.items[0]?.id).toMatch(/^slt_/);
      });
  });

  it('books a free slot', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .given('a free slot')
      .uponReceiving('a booking of a free slot')
      .withRequest('POST', own('/appointments'), (b) =>
        b.headers(auth).jsonBody({ slotId: fromProviderState('${slotId}', 'slt_202601151215') }),
      )
      .willRespondWith(201, (b) => b.headers(JSON_TYPE).jsonBody(appointment))
      .executeTest(async (server) => {
        const { data } = await app(server.url).POST('/patients/{patientId}/appointments', {
          params: { path: { patientId: PATIENT } },
          body: { slotId: 'slt_202601151215' },
        });
        expect(data?.status).toBe('booked');
      });
  });

  it('is told a taken slot is taken', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .given('a taken slot')
      .uponReceiving('a booking of a slot someone else took')
      .withRequest('POST', own('/appointments'), (b) =>
        b.headers(auth).jsonBody({ slotId: fromProviderState('${slotId}', 'slt_202601151215') }),
      )
      .willRespondWith(409, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('slot-taken', 409)))
      .executeTest(async (server) => {
        const { error } = await app(server.url).POST('/patients/{patientId}/appointments', {
          params: { path: { patientId: PATIENT } },
          body: { slotId: 'slt_202601151215' },
        });
        expect(error?.type).toBe('urn:minlaege-sandbox:problem:slot-taken');
      });
  });

  it('writes an e-consultation without attachments', async () => {
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .uponReceiving('a new e-consultation without attachments')
      .withRequest('POST', own('/e-consultations'), (b) =>
        b.headers(auth).jsonBody({ subject: 'Hoste i tre uger', body: 'Skal jeg komme ind?' }),
      )
      .willRespondWith(201, (b) =>
        b.headers(JSON_TYPE).jsonBody(newThread('Hoste i tre uger', 'Skal jeg komme ind?', [])),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).POST('/patients/{patientId}/e-consultations', {
          params: { path: { patientId: PATIENT } },
          body: { subject: 'Hoste i tre uger', body: 'Skal jeg komme ind?' },
        });
        expect(data?.status).toBe('awaiting-answer');
      });
  });

  it('writes an e-consultation with a photo where the clinic allows attachments', async () => {
    const photo = { fileName: 'udslaet.jpg', contentType: 'image/jpeg' as const, data: TINY_JPEG };
    await pact
      .addInteraction()
      .given('a persona with consent given')
      .given('the clinic allows attachments')
      .uponReceiving('a new e-consultation with a photo')
      .withRequest('POST', own('/e-consultations'), (b) =>
        b.headers(auth).jsonBody({ subject: 'Udslæt på halsen', body: 'Se billedet.', attachments: [photo] }),
      )
      .willRespondWith(201, (b) =>
        b.headers(JSON_TYPE).jsonBody(newThread('Udslæt på halsen', 'Se billedet.', [attachmentInfo])),
      )
      .executeTest(async (server) => {
        const { data } = await app(server.url).POST('/patients/{patientId}/e-consultations', {
          params: { path: { patientId: PATIENT } },
          body: { subject: 'Udslæt på halsen', body: 'Se billedet.', attachments: [photo] },
        });
        expect(data?.messages[0]?.attachments).toHaveLength(1);
      });
  });

  it('is told the clinic does not take photos', async () => {
    await pact
      .addInteraction()
      .given('scenario clinic-without-attachments-video-or-booking', { as: 'peter' })
      .uponReceiving('a new e-consultation with a photo where the clinic allows none')
      .withRequest('POST', own('/e-consultations'), (b) =>
        b.headers(auth).jsonBody({
          subject: 'Udslæt på halsen',
          body: 'Se billedet.',
          attachments: [{ fileName: 'udslaet.jpg', contentType: 'image/jpeg', data: TINY_JPEG }],
        }),
      )
      .willRespondWith(409, (b) => b.headers(PROBLEM_JSON).jsonBody(problem('not-offered-by-clinic', 409)))
      .executeTest(async (server) => {
        const { error } = await app(server.url).POST('/patients/{patientId}/e-consultations', {
          params: { path: { patientId: PATIENT } },
          body: {
            subject: 'Udslæt på halsen',
            body: 'Se billedet.',
            attachments: [{ fileName: 'udslaet.jpg', contentType: 'image/jpeg', data: TINY_JPEG }],
          },
        });
        expect(error?.status).toBe(409);
      });
  });

  it('the committed pact is what these tests produce', () => {
    expect(checkDrift(OUT, APP_PACT)).toBeUndefined();
  });
});
