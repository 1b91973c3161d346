// The README's example for app developers, as written there: MSW handlers, the personas endpoint
// through the same base URL, the typed client signing in and reading vaccinations.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppClient } from '../../client/index.ts';
import { sandboxHandlers } from '../../msw/index.ts';

const handlers = sandboxHandlers(
  { population: { seed: 'my-app', asOf: '2026-01-15' } },
  { baseUrl: 'https://sandbox.test' },
);
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('runs as the README shows', async () => {
  const app = createAppClient({ baseUrl: 'https://sandbox.test' });
  const personas = await (await fetch('https://sandbox.test/__sandbox/personas?consent=given&canSignIn=true')).json();
  const { patientId } = await app.signInAsPersona(personas.items[0].handle);
  const { data, error } = await app.GET('/patients/{patientId}/vaccinations', { params: { path: { patientId } } });
  expect(error).toBeUndefined();
  expect(data?.items.every((v) => v.patientId === patientId)).toBe(true);
  expect(handlers.sandbox.store.copies.has(patientId)).toBe(true);
});
