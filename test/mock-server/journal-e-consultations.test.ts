// The fake journal's e-consultations and video sessions, in process: threads started and answered
// by the patient or a parent with custody of a child under 15, billed with service code 0105;
// attachments only where the clinic allows them, stored and served back byte for byte, with the
// size limits; the clinic's answer (clinic-side API) turning a thread `answered`; and video
// sessions only for a booked video appointment that has not ended, where the clinic offers video.
import { describe, expect, it } from 'vitest';
import { problemKindOf } from '../../domain/problem-types.ts';
import { bookAsClinic, replyAsClinic } from '../../mock-server/journal/clinic-side.ts';
import { decodedSize, MAX_ATTACHMENT_BYTES } from '../../mock-server/photos.ts';
import { fakeJournal, TODAY } from '../support/fake-journal.ts';
import { bytesOf, JPEG, PNG, parentWithChild } from './sandbox-people.ts';

const journal = fakeJournal;

const asPatient = (line: { patient: { cpr: string } }) => ({ role: 'patient', cpr: line.patient.cpr });
const kindOf = async (res: Response) => problemKindOf((await res.json()).type);

describe('fake journal e-consultations', () => {
  // eco-0: a clinic that allows attachments and does not offer video.
  const j = journal('eco-0');
  const [me, other] = j.consenting as [(typeof j.consenting)[0], (typeof j.consenting)[0]];
  const base = `/patients/${me.patient.id}/e-consultations`;

  it('starts a thread with a photo, billed 0105, and serves the thread and the photo back', async () => {
    expect(j.clinic?.capabilities.attachments).toBe(true);
    const created = await j.call('POST', base, {
      writtenBy: asPatient(me),
      subject: 'Udslæt på armen',
      body: 'Jeg har fået et udslæt. Billede vedhæftet.',
      attachments: [{ fileName: 'arm.jpg', contentType: 'image/jpeg', data: JPEG }],
    });
    expect(created.status).toBe(201);
    const receipt = await created.json();
    expect(receipt.serviceCode).toBe('0105');
    const thread = receipt.eConsultation;
    expect(thread).toMatchObject({ patientId: me.patient.id, subject: 'Udslæt på armen', status: 'awaiting-answer' });
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({
      id: receipt.messageId,
      author: { role: 'patient', name: me.patient.name },
      attachments: [{ fileName: 'arm.jpg', contentType: 'image/jpeg', sizeBytes: bytesOf(JPEG) }],
    });
    expect(me.journal.eConsultations.map((t) => t.id)).toContain(thread.id);

    expect(await (await j.call('GET', `${base}/${thread.id}`)).json()).toEqual(thread);
    const attachmentId = thread.messages[0].attachments[0].id;
    const photo = await j.call('GET', `${base}/${thread.id}/attachments/${attachmentId}`);
    expect(photo.status).toBe(200);
    expect(await photo.json()).toEqual({
      id: attachmentId,
      fileName: 'arm.jpg',
      contentType: 'image/jpeg',
      sizeBytes: bytesOf(JPEG),
      data: JPEG,
    });
  });

  it('adds a reply billed 0105; the thread awaits an answer until the clinic answers', async () => {
    const thread = me.journal.eConsultations[me.journal.eConsultations.length - 1];
    if (!thread) throw new Error('no thread');
    const before = thread.messages.length;
    replyAsClinic(j, me.patient.id, thread.id, { body: 'Smør med creme.', author: 'Læge Anne Holm' });
    const answered = await (await j.call('GET', `${base}/${thread.id}`)).json();
    expect(answered.status).toBe('answered');
    expect(answered.messages[before]).toMatchObject({ author: { role: 'clinic', name: 'Læge Anne Holm' } });

    const res = await j.call('POST', `${base}/${thread.id}/messages`, {
      writtenBy: asPatient(me),
      body: 'Tak. Det hjælper ikke.',
      attachments: [{ fileName: 'arm2.png', contentType: 'image/png', data: PNG }],
    });
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt.serviceCode).toBe('0105');
    expect(receipt.eConsultation.status).toBe('awaiting-answer');
    expect(receipt.eConsultation.messages).toHaveLength(before + 2);
    expect(receipt.eConsultation.messages[before + 1]).toMatchObject({
      id: receipt.messageId,
      body: 'Tak. Det hjælper ikke.',
      attachments: [{ contentType: 'image/png', sizeBytes: bytesOf(PNG) }],
    });
    expect(receipt.eConsultation.updatedAt).toBe(receipt.eConsultation.messages[before + 1].sentAt);
  });

  it("serves a generated thread's photo with its stated size", async () => {
    const line = [...j.store.patients.values()].find((p) =>
      p.journal.eConsultations.some((t) => t.messages.some((m) => m.attachments.length > 0)),
    );
    const thread = line?.journal.eConsultations.find((t) => t.messages.some((m) => m.attachments.length > 0));
    const meta = thread?.messages.flatMap((m) => m.attachments)[0];
    if (!line || !thread || !meta) throw new Error('no generated attachment in eco-0');
    if (j.store.journalConsents.get(line.patient.id)?.state !== 'given') {
      await j.call('PUT', `/patients/${line.patient.id}/consent`, {
        givenAt: '2026-01-15T10:00:00+01:00',
        givenBy: line.patient.custodians[0] ? { role: 'parent', cpr: line.patient.custodians[0].cpr } : asPatient(line),
      });
    }
    const res = await j.call('GET', `/patients/${line.patient.id}/e-consultations/${thread.id}/attachments/${meta.id}`);
    expect(res.status).toBe(200);
    const content = await res.json();
    expect(bytesOf(content.data)).toBe(meta.sizeBytes);
  });

  it("lets a parent with custody write on a child's behalf under 15, and nobody else", async () => {
    const adults = j.consenting.filter((p) => p.expected.app.self !== null);
    const { parent, child } = parentWithChild(j.store, adults, TODAY, true);
    const consent = await j.call('PUT', `/patients/${child.patient.id}/consent`, {
      givenAt: '2026-01-15T10:00:00+01:00',
      givenBy: { role: 'parent', cpr: parent.patient.cpr },
    });
    expect(consent.status).toBe(200);
    const res = await j.call('POST', `/patients/${child.patient.id}/e-consultations`, {
      writtenBy: { role: 'parent', cpr: parent.patient.cpr },
      subject: 'Feber',
      body: 'Mit barn har haft feber i tre dage.',
      attachments: [],
    });
    expect(res.status).toBe(201);
    const { eConsultation } = await res.json();
    expect(eConsultation.messages[0].author).toEqual({ role: 'parent', name: parent.patient.name });

    const teen = parentWithChild(j.store, adults, TODAY, false);
    const refused = await j.call('POST', `/patients/${teen.child.patient.id}/e-consultations`, {
      writtenBy: { role: 'parent', cpr: teen.parent.patient.cpr },
      subject: 'Feber',
      body: 'Hej.',
      attachments: [],
    });
    expect(refused.status).toBe(403);
    expect(await kindOf(refused)).not.toBe(undefined);
    const stranger = await j.call('POST', base, {
      writtenBy: { role: 'parent', cpr: other.patient.cpr },
      subject: 'Feber',
      body: 'Hej.',
      attachments: [],
    });
    expect(await kindOf(stranger)).toBe('proxy-access-denied');
    const posing = await j.call('POST', base, {
      writtenBy: asPatient(other),
      subject: 'X',
      body: 'Y',
      attachments: [],
    });
    expect(await kindOf(posing)).toBe('proxy-access-denied');
  });

  it('refuses without consent, for an unknown thread or attachment, and a thread of another patient', async () => {
    const noConsent = await j.call('POST', `/patients/${j.never.patient.id}/e-consultations`, {
      writtenBy: asPatient(j.never),
      subject: 'Hej',
      body: 'Hej',
      attachments: [],
    });
    expect(noConsent.status).toBe(403);
    expect(await kindOf(noConsent)).toBe('consent-required');
    expect(await kindOf(await j.call('GET', `/patients/${j.never.patient.id}/e-consultations/eco_unknown01`))).toBe(
      'consent-required',
    );
    expect((await j.call('GET', `${base}/eco_unknown01`)).status).toBe(404);
    const mine = me.journal.eConsultations[0];
    expect((await j.call('GET', `${base}/${mine?.id}/attachments/att_unknown01`)).status).toBe(404);
    const otherBase = `/patients/${other.patient.id}/e-consultations`;
    expect((await j.call('GET', `${otherBase}/${mine?.id}`)).status).toBe(404);
    const reply = await j.call('POST', `${otherBase}/${mine?.id}/messages`, {
      writtenBy: asPatient(other),
      body: 'Hej',
      attachments: [],
    });
    expect(reply.status).toBe(404);
  });

  it('refuses a photo whose data does not match its type, and a photo over 5 MiB or a body over 22 MiB', async () => {
    const count = me.journal.eConsultations.length;
    const mismatch = await j.call('POST', base, {
      writtenBy: asPatient(me),
      subject: 'Billede',
      body: 'Se billedet.',
      attachments: [{ fileName: 'x.png', contentType: 'image/png', data: JPEG }],
    });
    expect(mismatch.status).toBe(400);
    expect(await kindOf(mismatch)).toBe('validation-failed');
    // The longest base64 the contract allows, unpadded, decodes to one byte over 5 MiB.
    const over = await j.call('POST', base, {
      writtenBy: asPatient(me),
      subject: 'Billede',
      body: 'Se billedet.',
      attachments: [{ fileName: 'x.jpg', contentType: 'image/jpeg', data: `/9j/${'A'.repeat(6990504)}` }],
    });
    expect(over.status).toBe(413);
    expect(await kindOf(over)).toBe('payload-too-large');
    const ragged = await j.call('POST', base, {
      writtenBy: asPatient(me),
      subject: 'Billede',
      body: 'Se billedet.',
      attachments: [{ fileName: 'x.jpg', contentType: 'image/jpeg', data: `${JPEG}A` }],
    });
    expect(ragged.status).toBe(400);
    expect(await kindOf(ragged)).toBe('validation-failed');
    const huge = await j.call('POST', base, `{"padding":"${'x'.repeat(23 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(413);
    expect(await kindOf(huge)).toBe('payload-too-large');
    expect(me.journal.eConsultations).toHaveLength(count); // nothing written
  });

  it('measures a photo by its decoded size: the longest base64 the contract allows is 5 MiB padded, 1 byte over unpadded', () => {
    expect(decodedSize(JPEG)).toBe(bytesOf(JPEG));
    expect(decodedSize(PNG)).toBe(bytesOf(PNG));
    expect(decodedSize(`${'A'.repeat(6990507)}=`)).toBe(MAX_ATTACHMENT_BYTES);
    expect(decodedSize('A'.repeat(6990508))).toBe(MAX_ATTACHMENT_BYTES + 1);
  });

  it('refuses attachments where the clinic switched them off, but takes the message without', async () => {
    const off = journal('minlaege');
    expect(off.clinic?.capabilities.attachments).toBe(false);
    const patient = off.consenting[0];
    if (!patient) throw new Error('no patient');
    const path = `/patients/${patient.patient.id}/e-consultations`;
    const count = patient.journal.eConsultations.length;
    const refused = await off.call('POST', path, {
      writtenBy: asPatient(patient),
      subject: 'Modermærke',
      body: 'Se billedet.',
      attachments: [{ fileName: 'x.jpg', contentType: 'image/jpeg', data: JPEG }],
    });
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problemKindOf(problem.type)).toBe('not-offered-by-clinic');
    expect(problem.capability).toBe('attachments');
    expect(patient.journal.eConsultations).toHaveLength(count);
    const plain = await off.call('POST', path, {
      writtenBy: asPatient(patient),
      subject: 'Modermærke',
      body: 'Jeg har et modermærke, der har ændret sig.',
      attachments: [],
    });
    expect(plain.status).toBe(201);
  });
});

describe('fake journal video sessions', () => {
  const j = journal('video-0');
  const me = j.consenting[0];
  if (!me) throw new Error('no patient');
  const path = `/patients/${me.patient.id}/video-sessions`;
  const inAnHour = (kind: 'video' | 'in-person', hours = 1) =>
    bookAsClinic(j, me.patient.id, {
      startsAt: new Date(j.clock.now().getTime() + hours * 3600_000).toISOString(),
      endsAt: new Date(j.clock.now().getTime() + hours * 3600_000 + 15 * 60_000).toISOString(),
      kind,
    });

  it('gives a booked video appointment one session, with a fresh URL each time', async () => {
    expect(j.clinic?.capabilities.videoConsultation).toBe(true);
    const appointment = inAnHour('video');
    const first = await j.call('POST', path, { requestedBy: asPatient(me), appointmentId: appointment.id });
    expect(first.status).toBe(201);
    const session = await first.json();
    expect(session).toMatchObject({ patientId: me.patient.id, appointmentId: appointment.id });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(j.clock.now().getTime());
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(Date.parse(appointment.endsAt) + 15 * 60_000);
    const again = await (
      await j.call('POST', path, { requestedBy: asPatient(me), appointmentId: appointment.id })
    ).json();
    expect(again.id).toBe(session.id);
    expect(again.joinUrl).not.toBe(session.joinUrl);
  });

  it('refuses an appointment that is not video, not booked, ended or unknown, and without consent', async () => {
    const inPerson = inAnHour('in-person');
    const res = await j.call('POST', path, { requestedBy: asPatient(me), appointmentId: inPerson.id });
    expect(res.status).toBe(400);
    expect(await kindOf(res)).toBe('validation-failed');
    const ended = inAnHour('video', -2);
    expect((await j.call('POST', path, { requestedBy: asPatient(me), appointmentId: ended.id })).status).toBe(400);
    const unknown = await j.call('POST', path, { requestedBy: asPatient(me), appointmentId: 'apt_unknown001' });
    expect(unknown.status).toBe(404);
    const noConsent = await j.call('POST', `/patients/${j.never.patient.id}/video-sessions`, {
      requestedBy: asPatient(j.never),
      appointmentId: inPerson.id,
    });
    expect(await kindOf(noConsent)).toBe('consent-required');
  });

  it('answers not-offered-by-clinic where the clinic does not offer video', async () => {
    const off = journal('eco-0');
    expect(off.clinic?.capabilities.videoConsultation).toBe(false);
    const patient = off.consenting[0];
    if (!patient) throw new Error('no patient');
    const res = await off.call('POST', `/patients/${patient.patient.id}/video-sessions`, {
      requestedBy: asPatient(patient),
      appointmentId: patient.journal.appointments[0]?.id ?? 'apt_unknown001',
    });
    expect(res.status).toBe(409);
    expect(await kindOf(res)).toBe('not-offered-by-clinic');
  });
});
