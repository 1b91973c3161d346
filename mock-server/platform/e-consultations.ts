/**
 * The inbox: e-consultation threads of the signed-in person or a child under 15 in their custody
 * (list, read, start, reply). A parent writes on the child's behalf and is the message's author.
 * Reads come from the platform's copy; writes are relayed live to the clinic's journal, which
 * bills them under service code 0105, and the answer goes into the copy at once. Attachments only
 * where the clinic allows them (not-offered-by-clinic), whole base64 of at most 5 MiB each, all
 * checked before anything is sent.
 */
import type { Hono } from 'hono';
import type { components } from '../../contracts/types/app-platform.d.ts';
import type { ShareableRecord } from '../../generators/context.ts';
import type { PatientLine } from '../../generators/population.ts';
import { SandboxError } from '../errors.ts';
import { checkPhotos } from '../photos.ts';
import { journalFor, pullAfterWrite, upsertThread } from './changes.ts';
import { access, type PlatformDeps, page } from './records.ts';

type AttachmentUpload = components['schemas']['AttachmentUpload'];
type Thread = ShareableRecord['eConsultations'][number];

/** The app's view of a journal thread: the platform's patient id, no `updatedAt`. */
function toAppThread(thread: Thread, patientId: string) {
  const { updatedAt: _updatedAt, ...rest } = thread;
  return { ...rest, patientId };
}

/** The photos of a message, as the journal will take them; refuses what the clinic or the journal would. */
function attachmentsFor(deps: PlatformDeps, subject: PatientLine, uploads: AttachmentUpload[] = []) {
  if (uploads.length > 0 && !deps.store.clinics.get(subject.clinicId)?.capabilities.attachments) {
    throw new SandboxError(
      'not-offered-by-clinic',
      'The clinic has switched attachments off. Send the message without attachments.',
      { capability: 'attachments' },
    );
  }
  checkPhotos(uploads);
  return uploads;
}

/** Who writes: the person themself, or a parent on the child's behalf. */
const writer = (viewer: PatientLine, subject: PatientLine) => ({
  role: viewer === subject ? ('patient' as const) : ('parent' as const),
  cpr: viewer.patient.cpr,
});

export function registerEConsultations(app: Hono, deps: PlatformDeps): void {
  app.get('/patients/:patientId/e-consultations', async (c) => {
    const { subject, copy } = await access(c, deps, 'e-consultations');
    const summaries = copy.eConsultations.map((thread) => {
      const last = thread.messages[thread.messages.length - 1];
      return {
        id: thread.id,
        patientId: subject.patient.id,
        subject: thread.subject,
        status: thread.status,
        createdAt: thread.createdAt,
        lastMessageAt: last?.sentAt ?? thread.createdAt,
        lastMessageFrom: last?.author.role ?? 'patient',
        messageCount: thread.messages.length,
      };
    });
    // The thread with the latest message first.
    summaries.sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt));
    return c.json(page(c, summaries));
  });

  app.get('/patients/:patientId/e-consultations/:eConsultationId', async (c) => {
    const { subject, copy } = await access(c, deps, 'e-consultations');
    const thread = copy.eConsultations.find((t) => t.id === c.req.param('eConsultationId'));
    if (!thread) throw new SandboxError('not-found', 'No such e-consultation for this patient.');
    return c.json(toAppThread(thread, subject.patient.id));
  });

  app.post('/patients/:patientId/e-consultations', async (c) => {
    const { viewer, subject, copy } = await access(c, deps, 'e-consultations');
    const request = c.get('request').body as components['schemas']['CreateEConsultationRequest'];
    const attachments = attachmentsFor(deps, subject, request.attachments);
    const receipt = await journalFor(deps, subject.clinicId).createEConsultation(copy.patientId, {
      writtenBy: writer(viewer, subject),
      subject: request.subject,
      body: request.body,
      attachments,
    });
    upsertThread(copy, receipt.eConsultation);
    await pullAfterWrite(deps, subject.clinicId);
    return c.json(toAppThread(receipt.eConsultation, subject.patient.id), 201);
  });

  app.post('/patients/:patientId/e-consultations/:eConsultationId/messages', async (c) => {
    const { viewer, subject, copy } = await access(c, deps, 'e-consultations');
    const request = c.get('request').body as components['schemas']['ReplyRequest'];
    const attachments = attachmentsFor(deps, subject, request.attachments);
    // The journal decides whether the thread is this patient's (not-found otherwise).
    const receipt = await journalFor(deps, subject.clinicId).replyToEConsultation(
      copy.patientId,
      c.req.param('eConsultationId') ?? '',
      { writtenBy: writer(viewer, subject), body: request.body, attachments },
    );
    upsertThread(copy, receipt.eConsultation);
    await pullAfterWrite(deps, subject.clinicId);
    const message = receipt.eConsultation.messages.find((m) => m.id === receipt.messageId);
    if (!message) throw new SandboxError('journal-unavailable', "The journal's receipt lacks the new message.");
    return c.json(message, 201);
  });
}
