// Type-level tests of the public client (checked by `tsc --noEmit`, and run as ordinary tests by
// vitest): the data and error of each call are the contract's generated schemas, and a path,
// parameter or body the contract does not have does not compile.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AppClient,
  type Appointment,
  createAppClient,
  type Problem,
  type ProblemError,
  type Profile,
  type Schemas,
  type TokenPair,
} from '../../client/index.ts';
import type { components, operations } from '../../contracts/types/app-platform.d.ts';
import type { ProblemKind } from '../../domain/problem-types.ts';

// A client that answers every request with the same small profile: only the types matter here.
const client: AppClient = createAppClient({
  baseUrl: 'http://types.test',
  fetch: async () => Response.json({ patientId: 'pat_Type0001' }),
});

describe('typed client', () => {
  it('answers GET /me with the contract Profile, and its error with the contract Problem', async () => {
    const { data, error } = await client.GET('/me');
    expectTypeOf(data).toEqualTypeOf<components['schemas']['Profile'] | undefined>();
    // openapi-fetch maps error bodies through its Readable<> helper, so the intersection type of
    // Problem comes back as an equivalent mapped type: each is assignable to the other.
    expectTypeOf(error).toExtend<components['schemas']['Problem'] | undefined>();
    expectTypeOf<components['schemas']['Problem'] | undefined>().toExtend<typeof error>();
    expectTypeOf(error).not.toBeAny();
    expectTypeOf<Profile>().toEqualTypeOf<operations['getProfile']['responses'][200]['content']['application/json']>();
    expect(data?.patientId).toBe('pat_Type0001');
  });

  it('types path parameters, queries and bodies from the contract', async () => {
    const patientId = 'pat_Type0001';
    const booked = await client.POST('/patients/{patientId}/appointments', {
      params: { path: { patientId } },
      body: { slotId: 'slt_Type0001' },
    });
    expectTypeOf(booked.data).toEqualTypeOf<Appointment | undefined>();
    const upcoming = await client.GET('/patients/{patientId}/appointments', {
      params: { path: { patientId }, query: { when: 'upcoming', limit: 5 } },
    });
    expectTypeOf(upcoming.data).toEqualTypeOf<Schemas['AppointmentPage'] | undefined>();
    const pin = await client.POST('/auth/sign-in/pin', { body: { deviceId: 'device-types', pin: '1234' } });
    expectTypeOf(pin.error).toExtend<Schemas['PinSignInProblem'] | undefined>();
    expectTypeOf<Schemas['PinSignInProblem'] | undefined>().toExtend<typeof pin.error>();

    // @ts-expect-error: not a path of the contract
    await client.GET('/patients/{patientId}/secrets', { params: { path: { patientId } } });
    // @ts-expect-error: the patientId path parameter is required
    await client.GET('/patients/{patientId}/diagnoses');
    await client.GET('/patients/{patientId}/appointments', {
      // @ts-expect-error: `when` is 'upcoming' or 'past'
      params: { path: { patientId }, query: { when: 'tomorrow' } },
    });
    // @ts-expect-error: consent is given with `accepted: true`, not a string
    await client.PUT('/me/consent', { body: { accepted: 'yes' } });
  });

  it('types the conveniences and errors', () => {
    expectTypeOf(client.signInAsPersona).returns.resolves.toEqualTypeOf<TokenPair>();
    expectTypeOf(client.refresh).returns.resolves.toEqualTypeOf<TokenPair>();
    expectTypeOf(client.session).toEqualTypeOf<TokenPair | undefined>();
    expectTypeOf<ProblemError['problem']>().toEqualTypeOf<Problem>();
    expectTypeOf<ProblemError['kind']>().toEqualTypeOf<ProblemKind | undefined>();
    const unwrapped = () => client.unwrap(client.GET('/me/children'));
    expectTypeOf(unwrapped).returns.resolves.toEqualTypeOf<Schemas['ChildList']>();
  });
});
