// E-consultations through the sandbox platform and the fake journal: a thread started with a photo
// shows in the list and can be read back; a reply; a parent writing on a child's behalf (and
// refused for a child of 15 or more, or someone else's child); attachments refused where the clinic
// switched them off; no consent; unknown threads; oversized bodies and photos that do not match
// their type.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../mock-server/index.ts';
import { bytesOf, consentingAdults, JPEG, PNG, parentWithChild, problemOf, session } from './sandbox-people.ts';

const text = { subject: 'Fornyelse af recept', body: 'Hej. Kan min recept på amlodipin fornyes?' };
const photo = { fileName: 'udslaet.png', contentType: 'image/png', data: PNG };

describe('e-consultations (clinic allows attachments)', () => {
  // eco-0: attachments allowed.
  const sandbox = createSandbox({ population: { seed: 'eco-0', patients: 120 } });
  const { store } = sandbox;
  const { today, tokenOf, call } = session(sandbox);
  const adults = consentingAdults(store);
  const [me, other] = adults;
  if (!me || !other) throw new Error('need two consenting adults');
  const base = `/patients/${me.patient.id}/e-consultations`;

  it('starts a thread with a photo, lists it first and reads it back', async () => {
    const token = await tokenOf(me);
    const created = await call(token, 'POST', base, { ...text, attachments: [photo] });
    expect(created.status).toBe(201);
    const thread = await created.json();
    expect(thread).toMatchObject({ patientId: me.patient.id, subject: text.subject, status: 'awaiting-answer' });
    expect(thread.messages).toEqual([
      {
        id: expect.stringMatching(/^msg_/),
        author: { role: 'patient', name: me.patient.name },
        body: text.body,
        sentAt: expect.any(String),
        attachments: [
          {
            id: expect.stringMatching(/^att_/),
            fileName: 'udslaet.png',
            contentType: 'image/png',
            sizeBytes: bytesOf(PNG),
          },
        ],
      },
    ]);
    // It reached the journal.
    expect(me.journal.eConsultations.map((t) => t.id)).toContain(thread.id);

    const list = await (await call(token, 'GET', `${base}?limit=100`)).json();
    expect(list.items[0]).toMatchObject({
      id: thread.id,
      status: 'awaiting-answer',
      lastMessageFrom: 'patient',
      messageCount: 1,
    });
    const read = await call(token, 'GET', `${base}/${thread.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(thread);
  });

  it('adds a reply to a thread and answers the new message', async () => {
    const token = await tokenOf(me);
    const thread = (await (await call(token, 'GET', `${base}?limit=1`)).json()).items[0];
    const res = await call(token, 'POST', `${base}/${thread.id}/messages`, {
      body: 'Jeg glemte at skrive, at det klør.',
      attachments: [{ fileName: 'arm.jpg', contentType: 'image/jpeg', data: JPEG }],
    });
    expect(res.status).toBe(201);
    const message = await res.json();
    expect(message).toMatchObject({
      author: { role: 'patient', name: me.patient.name },
      body: 'Jeg glemte at skrive, at det klør.',
      attachments: [{ contentType: 'image/jpeg', sizeBytes: bytesOf(JPEG) }],
    });
    const read = await (await call(token, 'GET', `${base}/${thread.id}`)).json();
    expect(read.messages.at(-1)).toEqual(message);
    expect(read.status).toBe('awaiting-answer');
  });

  it("lets a parent write on a child's behalf under 15, and refuses a child of 15 or more or someone else's", async () => {
    const { parent, child } = parentWithChild(store, adults, today, true);
    const token = await tokenOf(parent);
    const res = await call(token, 'POST', `/patients/${child.patient.id}/e-consultations`, {
      subject: 'Feber i tre dage',
      body: 'Vores søn har haft feber i tre dage. Skal han ses?',
    });
    expect(res.status).toBe(201);
    const thread = await res.json();
    expect(thread.patientId).toBe(child.patient.id);
    expect(thread.messages[0].author).toEqual({ role: 'parent', name: parent.patient.name });
    expect(child.journal.eConsultations.map((t) => t.id)).toContain(thread.id);
    const list = await (await call(token, 'GET', `/patients/${child.patient.id}/e-consultations?limit=100`)).json();
    expect(list.items.map((t: { id: string }) => t.id)).toContain(thread.id);

    const teen = parentWithChild(store, adults, today, false);
    const refused = await call(
      await tokenOf(teen.parent),
      'POST',
      `/patients/${teen.child.patient.id}/e-consultations`,
      text,
    );
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toBe('proxy-access-denied');
    const stranger = await call(await tokenOf(other), 'POST', base, text);
    expect(await problemOf(stranger)).toBe('proxy-access-denied');
    const strangerReply = await call(await tokenOf(other), 'POST', `${base}/${thread.id}/messages`, { body: 'Hej' });
    expect(await problemOf(strangerReply)).toBe('proxy-access-denied');
  });

  it('refuses without consent, and answers not-found for a thread that is not the patient’s', async () => {
    const neverGiven = [...store.personas.values()]
      .map((p) => p.patient)
      .find((p) => p.consent.state === 'never-given' && p.expected.app.self !== null);
    if (!neverGiven) throw new Error('no never-consenting adult');
    const noConsent = await call(
      await tokenOf(neverGiven),
      'POST',
      `/patients/${neverGiven.patient.id}/e-consultations`,
      text,
    );
    expect(noConsent.status).toBe(403);
    expect(await problemOf(noConsent)).toBe('consent-required');
    expect(neverGiven.journal.eConsultations.map((t) => t.subject)).not.toContain(text.subject);

    const token = await tokenOf(other);
    const mine = me.journal.eConsultations[0]?.id;
    const otherBase = `/patients/${other.patient.id}/e-consultations`;
    expect(await problemOf(await call(token, 'GET', `${otherBase}/${mine}`))).toBe('not-found');
    expect(await problemOf(await call(token, 'POST', `${otherBase}/${mine}/messages`, { body: 'Hej' }))).toBe(
      'not-found',
    );
    expect(await problemOf(await call(token, 'POST', `${otherBase}/eco_unknown001/messages`, { body: 'Hej' }))).toBe(
      'not-found',
    );
  });

  it('refuses a body over 22 MiB, a photo that is not its type, and a body that breaks the contract', async () => {
    const token = await tokenOf(me);
    const before = me.journal.eConsultations.length;
    const huge = await call(token, 'POST', base, { ...text, body: 'x'.repeat(23 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await problemOf(huge)).toBe('payload-too-large');
    const mismatch = await call(token, 'POST', base, { ...text, attachments: [{ ...photo, data: JPEG }] });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).errors).toContainEqual({
      pointer: '/body/attachments/0/data',
      message: 'must match pattern "^iVBORw0KGgo"',
    });
    const unpadded = photo.data.replace(/=+$/, ''); // base64 cut short of a whole quantum
    const data = unpadded.length % 4 === 0 ? unpadded.slice(0, -1) : unpadded;
    const ragged = await call(token, 'POST', base, { ...text, attachments: [{ ...photo, data }] });
    expect((await ragged.json()).errors).toContainEqual({
      pointer: '/body/attachments/0/data',
      message: 'is not padded base64 (its length must be a multiple of 4)',
    });
    const withPath = await call(token, 'POST', base, { ...text, attachments: [{ ...photo, fileName: '../x.png' }] });
    expect(await problemOf(withPath)).toBe('validation-failed');
    const noSubject = await call(token, 'POST', base, { body: 'Hej' });
    expect(noSubject.status).toBe(400);
    expect(await problemOf(noSubject)).toBe('validation-failed');
    const emptyReply = await call(token, 'POST', `${base}/${me.journal.eConsultations[0]?.id}/messages`, { body: '' });
    expect(await problemOf(emptyReply)).toBe('validation-failed');
    expect(me.journal.eConsultations).toHaveLength(before); // nothing reached the journal
  });
});

describe('e-consultations (clinic without attachments)', () => {
  // minlaege: attachments switched off.
  const sandbox = createSandbox({ population: { seed: 'minlaege', patients: 120 } });
  const { tokenOf, call } = session(sandbox);
  const me = consentingAdults(sandbox.store)[0];
  if (!me) throw new Error('no consenting adult');
  const base = `/patients/${me.patient.id}/e-consultations`;

  it('refuses a message with attachments, sends nothing, and takes it without', async () => {
    expect(sandbox.store.clinics.get(me.clinicId)?.capabilities.attachments).toBe(false);
    const token = await tokenOf(me);
    const before = me.journal.eConsultations.length;
    const refused = await call(token, 'POST', base, { ...text, attachments: [photo] });
    expect(refused.status).toBe(409);
    const problem = await refused.clone().json();
    expect(await problemOf(refused)).toBe('not-offered-by-clinic');
    expect(problem.capability).toBe('attachments');
    expect(me.journal.eConsultations).toHaveLength(before);

    const created = await call(token, 'POST', base, { ...text, attachments: [] });
    expect(created.status).toBe(201);
    const thread = await created.json();
    const reply = await call(token, 'POST', `${base}/${thread.id}/messages`, { body: 'Se her.', attachments: [photo] });
    expect(await problemOf(reply)).toBe('not-offered-by-clinic');
    expect(me.journal.eConsultations.at(-1)?.messages).toHaveLength(1);
  });
});
