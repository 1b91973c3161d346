// The generated types are what a consumer compiles against: these type-level checks (run by
// `tsc --noEmit` and by vitest) fail when a regeneration changes a shape the kit relies on.
import { describe, expectTypeOf, it } from 'vitest';
import type { components as App, operations as AppOps } from '../../contracts/types/app-platform.d.ts';
import type { components as Journal } from '../../contracts/types/platform-journal.d.ts';
import type { components as Control, operations as ControlOps } from '../../contracts/types/sandbox-control.d.ts';
import type { ConsentState } from '../../domain/consent.ts';
import type { ProblemKind } from '../../domain/problem-types.ts';
import type { RecordCategory } from '../../domain/proxy.ts';
import type { SharingRule } from '../../domain/sharing.ts';
import type { PersonaDescription } from '../../mock-server/personas.ts';

describe('generated contract types', () => {
  it('type the app profile and its consent states as the domain does', () => {
    expectTypeOf<App['schemas']['Profile']['patientId']>().toEqualTypeOf<string>();
    expectTypeOf<App['schemas']['Consent']['state']>().toEqualTypeOf<ConsentState>();
    expectTypeOf<App['schemas']['Diagnosis']['rule']>().toEqualTypeOf<SharingRule>();
    expectTypeOf<Journal['schemas']['Diagnosis']['rule']>().toEqualTypeOf<SharingRule>();
  });

  it('answer getProfile with a Profile', () => {
    type Ok = AppOps['getProfile']['responses'][200]['content']['application/json'];
    expectTypeOf<Ok>().toEqualTypeOf<App['schemas']['Profile']>();
  });

  it('keep the domain vocabularies usable as contract values', () => {
    expectTypeOf<'not-available-for-child'>().toExtend<ProblemKind>();
    expectTypeOf<'lab-results'>().toExtend<RecordCategory>();
  });

  it('type the control API: personas as the sandbox describes them, with ready tokens or none', () => {
    type Persona = Control['schemas']['Persona'];
    expectTypeOf<Persona['consent']>().toEqualTypeOf<ConsentState>();
    expectTypeOf<Omit<Persona, 'tokens'>>().toEqualTypeOf<PersonaDescription>();
    expectTypeOf<Persona['tokens']>().toEqualTypeOf<Control['schemas']['PersonaTokens'] | null>();
  });

  it('type fault effects as a union told apart by kind', () => {
    type Kind = Control['schemas']['FaultEffect']['kind'];
    expectTypeOf<Kind>().toEqualTypeOf<'latency' | 'error' | 'drop' | 'outage' | 'malformed'>();
    type Ok = ControlOps['addFault']['responses'][201]['content']['application/json'];
    expectTypeOf<Ok>().toEqualTypeOf<Control['schemas']['Fault']>();
  });

  it('answer a clock move with the events it fired', () => {
    type Ok = ControlOps['advanceClock']['responses'][200]['content']['application/json'];
    expectTypeOf<Ok['fired']>().toEqualTypeOf<Control['schemas']['TimelineEvent'][]>();
  });
});
