/**
 * Scenarios in TypeScript: a builder that makes the same structure as a scenario file, with the
 * compiler checking that every person handle used (in links, the timeline, expectations) was
 * defined. `build()` runs the same checks as the file loader.
 *
 * @example
 * const s = scenario('lapsed', 'Consent lapsed a month ago', { seed: 'lapsed', start: '2026-01-15T12:00:00+01:00' })
 *   .person('mette', { age: 52, consent: { given: '-P2Y', lastActivity: '-P13M' } })
 *   .expect({ name: 'told it lapsed', as: 'mette', request: { method: 'GET', path: '/patients/{mette}/diagnoses' },
 *             expect: { status: 403, problem: 'consent-lapsed' } })
 *   .build();
 */
import { checkScenario } from './check.ts';
import type { AnswerSpec, ClinicSpec, EventSpec, LinkSpec, PersonSpec, RequestSpec, Scenario } from './types.ts';

/** A scenario the builder refused, with each problem's path. */
export class ScenarioBuildError extends Error {
  override readonly name = 'ScenarioBuildError';
  constructor(
    readonly scenario: string,
    readonly issues: { path: (string | number)[]; message: string }[],
  ) {
    super(`Scenario ${scenario}:\n${issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  }
}

type PersonOptions<P extends string> = Omit<PersonSpec, 'handle' | 'livesWith'> & { livesWith?: P };

/** A timeline event whose person handles are among P. */
type EventOf<P extends string> = EventSpec extends infer E
  ? E extends { patient: string }
    ? Omit<E, 'patient'> & { patient: P }
    : E extends { person: string }
      ? Omit<E, 'person'> & { person: P }
      : E
  : never;

type ExpectationOf<P extends string> =
  | { name: string; at?: string; as?: P; request: RequestSpec; expect: AnswerSpec }
  | { name: string; at?: string; race: { as?: P; request: RequestSpec }[]; expect: AnswerSpec; others: AnswerSpec };

export class ScenarioBuilder<P extends string = never> {
  readonly #value: Scenario;

  constructor(value: Scenario) {
    this.#value = value;
  }

  /** The clinic, given in part over the generated one. */
  clinic(spec: ClinicSpec): ScenarioBuilder<P> {
    this.#value.clinic = spec;
    return this;
  }

  /** A person with a handle the rest of the scenario uses. */
  person<const H extends string>(handle: H, options: PersonOptions<P | H> = {}): ScenarioBuilder<P | H> {
    this.#value.people.push({ handle, ...options });
    return this as unknown as ScenarioBuilder<P | H>;
  }

  /** A family link: custody sole or joint, or none (a parent without custody). */
  link(parent: P, child: P, custody: LinkSpec['custody']): ScenarioBuilder<P> {
    this.#value.links = [...(this.#value.links ?? []), { parent, child, custody }];
    return this;
  }

  /** A timeline event at an offset from the start. */
  at(offset: string, event: EventOf<P> extends infer E ? (E extends unknown ? Omit<E, 'at'> : never) : never) {
    this.#value.timeline = [...(this.#value.timeline ?? []), { at: offset, ...event } as EventSpec];
    return this;
  }

  /** An expectation: as a persona, at a point on the timeline, a request and what it must answer. */
  expect(expectation: ExpectationOf<P>): ScenarioBuilder<P> {
    this.#value.expectations.push(expectation);
    return this;
  }

  /** The scenario, checked as a file would be; throws a ScenarioBuildError naming each problem. */
  build(): Scenario {
    const value = structuredClone(this.#value);
    const issues = checkScenario(value);
    if (issues.length > 0) throw new ScenarioBuildError(value.name, issues);
    return value;
  }
}

/** Starts a scenario. */
export function scenario(
  name: string,
  summary: string,
  options: { seed: string; start: string; population?: number },
): ScenarioBuilder {
  return new ScenarioBuilder({
    name,
    summary,
    seed: options.seed,
    start: options.start,
    ...(options.population === undefined ? {} : { population: options.population }),
    people: [],
    expectations: [],
  });
}
