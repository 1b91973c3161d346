/** The signed-in person's own profile (the app's "me"). */
import type { Hono } from 'hono';
import { type AuthDeps, signedIn } from './auth.ts';

export function registerMe(app: Hono, deps: AuthDeps): void {
  app.get('/me', async (c) => {
    const { patient, clinicId } = await signedIn(c, deps);
    return c.json({
      patientId: patient.id,
      name: patient.name,
      cpr: patient.cpr,
      birthDate: patient.birthDate,
      address: patient.address,
      // The person's own address is shown to them even when protected.
      addressProtected: patient.addressProtected,
      phone: patient.phone,
      email: patient.email,
      clinicId,
    });
  });
}
