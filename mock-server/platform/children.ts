/**
 * The children the signed-in person may act for: those they hold custody of and who have not
 * turned 15 (domain/proxy.ts). A protected address is left out, even for the parent.
 */
import type { Hono } from 'hono';
import { accessUntil, proxyAccess, visibleAddress } from '../../domain/proxy.ts';
import { type AuthDeps, signedIn } from './auth.ts';

export function registerChildren(app: Hono, deps: AuthDeps): void {
  app.get('/me/children', async (c) => {
    const parent = await signedIn(c, deps);
    const now = deps.clock.now();
    const items = parent.patient.children
      .map((link) => (link.patientId ? deps.store.patients.get(link.patientId) : undefined))
      .filter((child) => child !== undefined)
      .filter((child) => {
        const custodyHolderIds = child.patient.custodians.flatMap((l) => (l.patientId ? [l.patientId] : []));
        const subject = { id: child.patient.id, birthDate: child.patient.birthDate };
        return proxyAccess({ parentId: parent.patient.id, child: subject, custodyHolderIds }, now).allowed;
      })
      .sort((a, b) => (a.patient.birthDate < b.patient.birthDate ? 1 : -1)) // youngest first
      .map((child) => {
        const link = child.patient.custodians.find((l) => l.patientId === parent.patient.id);
        const address = visibleAddress(
          { id: child.patient.id, addressProtected: child.patient.addressProtected, address: child.patient.address },
          parent.patient.id,
        );
        return {
          patientId: child.patient.id,
          name: child.patient.name,
          cpr: child.patient.cpr,
          birthDate: child.patient.birthDate,
          accessUntil: accessUntil(child.patient.birthDate),
          custody: link?.custody ?? 'joint',
          ...(address ? { address } : {}),
          addressProtected: child.patient.addressProtected,
          clinicId: child.clinicId,
        };
      });
    return c.json({ items });
  });
}
