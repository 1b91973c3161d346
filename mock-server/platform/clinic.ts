/**
 * The patient's clinic and the out-of-hours service. Not patient data: no consent is needed and a
 * clinic that objected to platform sharing is still shown (as not connected), but only for the
 * person themself or a child they may act for.
 */
import type { Context, Hono } from 'hono';
import { outOfHoursAnswer } from '../../domain/opening-hours.ts';
import type { RecordCategory } from '../../domain/proxy.ts';
import { SandboxError } from '../errors.ts';
import { type AuthDeps, accessDecision, signedIn } from './auth.ts';

/** The patient and their clinic, after the proxy check (which reveals nothing about strangers). */
async function patientAndClinic(c: Context, deps: AuthDeps, category: RecordCategory) {
  const viewer = await signedIn(c, deps);
  const subject = deps.store.patients.get(c.req.param('patientId') ?? '');
  const decision = subject ? accessDecision(viewer, subject, category, deps.clock.now()) : undefined;
  if (!subject || !decision?.allowed)
    throw new SandboxError('proxy-access-denied', 'You may not act for this patient.');
  const clinic = deps.store.clinics.get(subject.clinicId);
  if (!clinic) throw new SandboxError('not-found', 'The patient has no GP clinic in this sandbox.');
  return { subject, clinic };
}

export function registerClinic(app: Hono, deps: AuthDeps): void {
  app.get('/patients/:patientId/clinic', async (c) => {
    const { clinic } = await patientAndClinic(c, deps, 'clinic');
    const connected = clinic.platformSharing === 'enabled';
    return c.json({
      id: clinic.id,
      name: clinic.name,
      address: clinic.address,
      phone: clinic.phone,
      email: clinic.email,
      openingHours: clinic.openingHours,
      // A clinic that does not share offers nothing through the app.
      capabilities: connected
        ? clinic.capabilities
        : { attachments: false, videoConsultation: false, onlineBooking: false },
      connected,
    });
  });

  app.get('/patients/:patientId/out-of-hours', async (c) => {
    const { subject, clinic } = await patientAndClinic(c, deps, 'out-of-hours');
    const now = deps.clock.now();
    // The region follows the patient's own address (the clinic's when the journal has none).
    const postalCode = subject.patient.address?.postalCode ?? clinic.address.postalCode;
    const answer = outOfHoursAnswer(clinic.openingHours, postalCode, now);
    return c.json({
      asOf: now.toISOString(),
      region: answer.region,
      serviceName: answer.service,
      phone: answer.phone.display,
      clinicOpenNow: answer.clinicOpenNow,
      clinicNextOpensAt: answer.clinicNextOpensAt?.toISOString() ?? null,
      substitute: answer.substitute ?? null,
    });
  });
}
