/**
 * The fake journal's e-consultations (e-konsultation): starting a thread, replying, reading it and
 * fetching an attachment's content. A patient writes, or a parent with custody of a child under
 * 15 on the child's behalf (the message's author); attachments only where the clinic allows them
 * (not-offered-by-clinic), each at most 5 MiB decoded (payload-too-large). The clinic bills each
 * e-consultation under service code 0105, which every receipt carries, and every new message goes
 * to the change feed with the whole thread.
 */
import type { Context, Hono } from 'hono';
import type { components } from '../../contracts/types/platform-journal.d.ts';
import type { PatientLine } from '../../generators/population.ts';
import { attachmentContent, E_CONSULTATION_SERVICE_CODE } from '../../generators/records/e-consultations.ts';
import type { SandboxClock } from '../clock.ts';
import { SandboxError } from '../errors.ts';
import { checkPhotos, decodedSize } from '../photos.ts';
import type { SandboxStore } from '../store.ts';
import { appendChange } from './changes.ts';
import type { Actor, JournalDeps } from './deps.ts';
import { journalState, newId } from './state.ts';

type Schemas = components['schemas'];
type EConsultation = Schemas['EConsultation'];
type Message = Schemas['Message'];

/**
 * Adds a message to a thread in the journal and sends the thread to the change feed. The thread
 * awaits an answer after the patient's (or parent's) message and is answered after the clinic's.
 */
export function addMessage(
  journal: { store: SandboxStore; clock: SandboxClock },
  line: PatientLine,
  thread: EConsultation,
  message: Message,
): void {
  thread.messages.push(message);
  thread.status = message.author.role === 'clinic' ? 'answered' : 'awaiting-answer';
  thread.updatedAt = message.sentAt;
  publishThread(journal, line, thread);
}

function publishThread(
  journal: { store: SandboxStore; clock: SandboxClock },
  line: PatientLine,
  thread: EConsultation,
) {
  appendChange(journal.store, journal.clock.now(), line.clinicId, line.patient.id, {
    category: 'e-consultation',
    kind: 'upserted',
    itemId: thread.id,
    item: thread,
  });
}

/** The thread of the path, if it is this patient's; else not-found. */
function threadOf(c: Context, line: PatientLine): EConsultation {
  const thread = line.journal.eConsultations.find((t) => t.id === c.req.param('eConsultationId'));
  if (!thread) throw new SandboxError('not-found', 'No such e-consultation for this patient.');
  return thread;
}

export function registerEConsultations(app: Hono, deps: JournalDeps): void {
  const { store, clock, clinicId } = deps;

  /** The message an actor writes, with its attachments stored; checks everything before storing anything. */
  const messageFrom = (line: PatientLine, writtenBy: Actor, body: string, uploads: Schemas['AttachmentUpload'][]) => {
    const name = deps.actorName(line, writtenBy);
    if (uploads.length > 0 && !deps.clinic().capabilities.attachments) {
      throw new SandboxError(
        'not-offered-by-clinic',
        'The clinic does not allow attachments to e-consultations; send the message without attachments.',
        { capability: 'attachments' },
      );
    }
    checkPhotos(uploads);
    const state = journalState(store, clinicId);
    const attachments = uploads.map((upload) => {
      const content = { id: newId(state, 'att', line.patient.id), ...upload, sizeBytes: decodedSize(upload.data) };
      state.attachments.set(content.id, content);
      const { data: _data, ...meta } = content;
      return meta;
    });
    const message: Message = {
      id: newId(state, 'msg', line.patient.id),
      author: { role: writtenBy.role, name },
      body,
      sentAt: clock.now().toISOString(),
      attachments,
    };
    return message;
  };
  const receipt = (thread: EConsultation, message: Message) => ({
    serviceCode: E_CONSULTATION_SERVICE_CODE,
    messageId: message.id,
    eConsultation: thread,
  });

  app.post('/patients/:patientId/e-consultations', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    const request = c.get('request').body as Schemas['EConsultationRequest'];
    const message = messageFrom(line, request.writtenBy, request.body, request.attachments);
    const thread: EConsultation = {
      id: newId(journalState(store, clinicId), 'eco', line.patient.id),
      patientId: line.patient.id,
      subject: request.subject,
      status: 'awaiting-answer',
      createdAt: message.sentAt,
      updatedAt: message.sentAt,
      messages: [message],
    };
    line.journal.eConsultations.push(thread);
    publishThread(deps, line, thread);
    return c.json(receipt(thread, message), 201);
  });

  app.get('/patients/:patientId/e-consultations/:eConsultationId', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    return c.json(threadOf(c, line));
  });

  app.post('/patients/:patientId/e-consultations/:eConsultationId/messages', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    const thread = threadOf(c, line);
    const request = c.get('request').body as Schemas['EConsultationReply'];
    const message = messageFrom(line, request.writtenBy, request.body, request.attachments);
    addMessage(deps, line, thread, message);
    return c.json(receipt(thread, message), 201);
  });

  app.get('/patients/:patientId/e-consultations/:eConsultationId/attachments/:attachmentId', (c) => {
    const line = deps.patientOf(c);
    deps.requireConsent(line);
    const id = c.req.param('attachmentId');
    const meta = threadOf(c, line)
      .messages.flatMap((m) => m.attachments)
      .find((a) => a.id === id);
    const content = meta && (journalState(store, clinicId).attachments.get(meta.id) ?? attachmentContent(meta));
    if (!content) throw new SandboxError('not-found', 'No such attachment in this e-consultation.');
    return c.json(content);
  });
}
