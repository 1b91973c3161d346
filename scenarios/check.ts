/**
 * Checks a scenario: against its JSON Schema (`contracts/scenario.schema.json`, compiled once),
 * then what a schema cannot say: every handle used is defined once, links and timeline events
 * name the right kind of thing, dates are real, ages and birth dates have a synthetic CPR number,
 * a given CPR number is synthetic, one person's only, and agrees with the age given, and the name
 * is not the population's `default`. Each issue has a path into the scenario, which the YAML
 * loader turns into a line and column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { populationBounds } from '../contracts/index.ts';
import { kitFile } from '../contracts/kit-files.ts';
import { cprBirthDate, cprSex, isSynthetic, REFERENCE_YEARS, SYNTHETIC_BIRTH_YEARS } from '../domain/cpr.ts';
import { addDays, addYears, copenhagenDate, inSandboxTime, isIsoDate } from '../domain/time.ts';
import { ageOn } from '../generators/people.ts';
import { birthDateFromAge, dateOf, instantOf, parseOffset } from './time.ts';
import type { AnswerSpec, Scenario } from './types.ts';

export type ScenarioPath = (string | number)[];

/** One thing wrong with a scenario: where (a path into it) and what was expected. */
export interface ScenarioIssue {
  path: ScenarioPath;
  message: string;
  /** The issue is about a key (an unknown property): point at the key, not its value. */
  atKey?: boolean;
}

/** Where the schema is: beside the contracts, from the kit's root (the repository, or dist/). */
export function scenarioSchemaPath(): string {
  const path = kitFile('contracts/scenario.schema.json');
  if (!existsSync(path)) throw new Error('contracts/scenario.schema.json is missing from this installation');
  return path;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    compiled = ajv.compile(JSON.parse(readFileSync(scenarioSchemaPath(), 'utf8')));
  }
  return compiled;
}

/** The scenario JSON Schema as parsed (for the suite's checks). */
export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(scenarioSchemaPath(), 'utf8')) as Record<string, unknown>;
}

function pathOf(pointer: string): ScenarioPath {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? ''));

/** Says what the schema expected, in words. */
function describe(error: ErrorObject): ScenarioIssue | undefined {
  const path = pathOf(error.instancePath);
  const parent = error.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {}).filter((k) => k !== '$schema');
      return {
        path: [...path, name],
        atKey: true,
        message: `unknown property "${name}"; expected one of: ${allowed.join(', ')}`,
      };
    }
    case 'type':
      return { path, message: `expected ${[params.type].flat().join(' or ')}, got ${shown(error.data)}` };
    case 'enum':
      return {
        path,
        message: `expected one of: ${(params.allowedValues as unknown[]).join(', ')}, got ${shown(error.data)}`,
      };
    case 'const':
      return { path, message: `expected ${shown(params.allowedValue)}, got ${shown(error.data)}` };
    case 'pattern':
      return {
        path,
        message: `expected ${parent?.description ?? `text matching ${params.pattern}`}, got ${shown(error.data)}`,
      };
    case 'minLength':
      return { path, message: `expected at least ${String(params.limit)} character(s), got ${shown(error.data)}` };
    case 'maxLength':
      return { path, message: `expected at most ${String(params.limit)} characters, got ${String(error.data).length}` };
    case 'oneOf':
      return /Expectation/.test(error.schemaPath) || path[0] === 'expectations'
        ? { path, message: 'expected either "request" (with "as") or "race" with "others"' }
        : { path, message: 'expected exactly one of the allowed forms' };
    case 'not':
      if (path[0] === 'people' && path.length === 2) return { path, message: 'give "age" or "birthDate", not both' };
      // A value that must not be there says why in its description (a GET request's body).
      return { path, message: parent?.description ?? 'this combination of properties is not allowed' };
    case 'if':
      return undefined; // the branch's own errors say what is wrong
    default:
      return { path, message: `expected a value that ${error.message ?? 'fits the schema'}` };
  }
}

/** The scenario's problems by its JSON Schema. */
export function schemaIssues(value: unknown): ScenarioIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const issues: ScenarioIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // Inside a oneOf or not, the branches' errors are noise; the oneOf's own says what to do.
    if (/\/(oneOf|not|anyOf)\//.test(error.schemaPath)) continue;
    const issue = describe(error);
    if (!issue) continue;
    const key = `${issue.path.join('/')} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

const PLACEHOLDER = /\{([a-z0-9][a-z0-9-]{1,62})\}/g;

/** The handles a text's `{handle}` placeholders name. */
export function placeholdersIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  if (Array.isArray(value)) return value.flatMap(placeholdersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholdersIn);
  return [];
}

const isId = (text: string) => /^[a-z]{3}_/.test(text);

/** What the schema cannot check: handles, dates, CPR numbers, the order of things. */
export function semanticIssues(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: ScenarioPath, message: string) => issues.push({ path, message });
  // The host always offers the generated population as `default`; a scenario of that name would
  // either replace it or be mistaken for it by `run --base-url`.
  if (s.name === 'default') {
    add(
      ['name'],
      'the name "default" is reserved for the generated population every sandbox offers; choose another name',
    );
  }
  const start = instantOf(s.start, new Date(0));
  if (Number.isNaN(start.getTime())) {
    add(['start'], `expected a real instant, got ${JSON.stringify(s.start)}`);
    return issues;
  }
  // The population is generated as of the start's date: a year everyone aged 0–99 can have a
  // synthetic CPR number in.
  const startYear = Number(copenhagenDate(start).slice(0, 4));
  if (startYear < REFERENCE_YEARS.from || startYear > REFERENCE_YEARS.to) {
    add(
      ['start'],
      `expected a start in ${REFERENCE_YEARS.from}–${REFERENCE_YEARS.to} (the population's reference years), got ${startYear}`,
    );
    return issues;
  }
  // The sandbox describes a loaded scenario through its control API, which bounds its patients.
  const { maxPatients } = populationBounds();
  if ((s.population ?? 0) + s.people.length > maxPatients) {
    add(
      ['population'],
      `the population and the people make ${(s.population ?? 0) + s.people.length} patients; at most ${maxPatients.toLocaleString('en-US')}`,
    );
  }
  const people = new Map<string, number>();
  const records = new Map<string, { category: string; owner: string }>();
  const define = (handle: string, path: ScenarioPath, what: { category: string; owner: string } | null) => {
    if (people.has(handle) || records.has(handle)) {
      add(path, `the handle "${handle}" is already used in this scenario; handles must be unique`);
      return;
    }
    if (what) records.set(handle, what);
  };
  const checkDate = (value: string | undefined, path: ScenarioPath) => {
    if (value === undefined) return;
    if (/^\d/.test(value) && !isIsoDate(value))
      add(path, `expected a real date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    else if (!/^\d/.test(value) && parseOffset(value) === undefined)
      add(path, `expected an ISO 8601 duration, got ${JSON.stringify(value)}`);
  };
  const checkInstant = (value: string | undefined, path: ScenarioPath) => {
    if (value === undefined) return;
    const t = instantOf(value, start).getTime();
    if (Number.isNaN(t)) add(path, `expected a real instant or duration, got ${JSON.stringify(value)}`);
    else if (!inSandboxTime(t)) add(path, `${JSON.stringify(value)} lands outside sandbox time (1900–2099)`);
  };

  s.people.forEach((p, i) => {
    if (people.has(p.handle))
      add(['people', i, 'handle'], `the handle "${p.handle}" is already used by another person`);
    else people.set(p.handle, i);
  });
  const asOf = copenhagenDate(start);
  const cprs = new Map<string, string>();
  const checkBirthYear = (earliest: number, latest: number, path: ScenarioPath, got: string) => {
    if (earliest < SYNTHETIC_BIRTH_YEARS.from || latest > SYNTHETIC_BIRTH_YEARS.to) {
      add(
        path,
        `a birth year from ${SYNTHETIC_BIRTH_YEARS.from} to ${SYNTHETIC_BIRTH_YEARS.to} (what a synthetic CPR number can encode), got ${got}`,
      );
    }
  };
  s.people.forEach((p, i) => {
    const at = (...rest: ScenarioPath) => ['people', i, ...rest];
    let birthDate = p.birthDate;
    if (p.birthDate !== undefined && !isIsoDate(p.birthDate)) {
      add(at('birthDate'), `expected a real date YYYY-MM-DD, got ${JSON.stringify(p.birthDate)}`);
      birthDate = undefined;
    }
    if (typeof p.age === 'string') {
      const derived = birthDateFromAge(p.age, start);
      if (derived === undefined) add(at('age'), `expected an age such as P14Y11M, got ${JSON.stringify(p.age)}`);
      else birthDate = derived;
    }
    if (birthDate !== undefined) {
      if (birthDate.endsWith('-01-01')) {
        add(
          at(p.birthDate ? 'birthDate' : 'age'),
          `a birth date of 1 January (${birthDate}) has no synthetic CPR number (the CPR office issues real numbers there); choose another day`,
        );
      }
      if (birthDate > dateOf(s.start, start))
        add(at(p.birthDate ? 'birthDate' : 'age'), `the birth date ${birthDate} is after the start`);
      const year = Number(birthDate.slice(0, 4));
      checkBirthYear(year, year, at(p.birthDate ? 'birthDate' : 'age'), String(year));
    }
    if (typeof p.age === 'number' && p.cpr === undefined) {
      // Whole years: the build draws the birth date from the year up to the latest birthday that
      // gives the age (generators/households.ts birthDateAtAge), so both ends must be encodable.
      const latest = addYears(asOf, -p.age);
      const earliest = Number(addDays(latest, -364).slice(0, 4));
      const last = Number(latest.slice(0, 4));
      const years = earliest === last ? String(last) : `${earliest} or ${last}`;
      checkBirthYear(earliest, last, at('age'), `${years} for age ${p.age} at the start`);
    }
    if (p.cpr !== undefined) {
      const other = cprs.get(p.cpr);
      if (other !== undefined)
        add(at('cpr'), `the CPR number ${p.cpr} is already ${other}'s; every person needs their own`);
      else cprs.set(p.cpr, p.handle);
      if (!isSynthetic(p.cpr)) {
        add(
          at('cpr'),
          `expected a CPR number from the synthetic scheme (it fails modulus-11 on purpose, see domain/cpr.ts); ${p.cpr} could belong to a real person`,
        );
      } else {
        const encoded = cprBirthDate(p.cpr);
        if (birthDate !== undefined && encoded !== birthDate)
          add(at('cpr'), `the CPR number encodes ${encoded}, not the birth date ${birthDate}`);
        else if (birthDate === undefined && encoded > asOf)
          add(at('cpr'), `the CPR number encodes ${encoded}, after the start`);
        else if (typeof p.age === 'number' && ageOn(encoded, asOf) !== p.age)
          add(
            at('cpr'),
            `the CPR number encodes ${encoded}, ${ageOn(encoded, asOf)} years old at the start, not ${p.age}`,
          );
        if (p.sex !== undefined && cprSex(p.cpr) !== p.sex)
          add(at('cpr'), `the CPR number encodes ${cprSex(p.cpr)}, not ${p.sex}`);
      }
    }
    if (p.livesWith !== undefined) {
      if (p.livesWith === p.handle) add(at('livesWith'), 'a person cannot live with themself');
      else if (!people.has(p.livesWith))
        add(at('livesWith'), `unknown person "${p.livesWith}"; expected one of: ${[...people.keys()].join(', ')}`);
    }
    if (p.consent && typeof p.consent === 'object') {
      for (const key of ['given', 'withdrawn', 'lastActivity'] as const)
        checkInstant(p.consent[key], at('consent', key));
    }
    const r = p.records;
    if (r) {
      const each = <T extends { handle: string }>(
        list: T[] | undefined,
        category: string,
        fields: { date?: (keyof T)[]; instant?: (keyof T)[] },
      ) =>
        list?.forEach((item, j) => {
          define(item.handle, at('records', category, j, 'handle'), { category, owner: p.handle });
          for (const f of fields.date ?? [])
            checkDate(item[f] as string | undefined, at('records', category, j, f as string));
          for (const f of fields.instant ?? [])
            checkInstant(item[f] as string | undefined, at('records', category, j, f as string));
        });
      each(r.diagnoses, 'diagnoses', { date: ['registered'] });
      each(r.vaccinations, 'vaccinations', { date: ['given'] });
      each(r.labResults, 'labResults', { instant: ['sampled'] });
      each(r.medications, 'medications', { date: ['started', 'ended'] });
      each(r.referrals, 'referrals', { date: ['issued', 'validUntil'] });
      each(r.appointments, 'appointments', { instant: ['starts'] });
      each(r.eConsultations, 'eConsultations', { instant: ['sent'] });
      r.eConsultations?.forEach((e, j) => {
        if (e.writtenBy !== undefined && !people.has(e.writtenBy))
          add(at('records', 'eConsultations', j, 'writtenBy'), `unknown person "${e.writtenBy}"`);
      });
    }
  });

  const person = (handle: string, path: ScenarioPath) => {
    if (!people.has(handle)) add(path, `unknown person "${handle}"; expected one of: ${[...people.keys()].join(', ')}`);
  };
  const custodians = new Map<string, number>();
  const linked = new Set<string>();
  s.links?.forEach((l, i) => {
    person(l.parent, ['links', i, 'parent']);
    person(l.child, ['links', i, 'child']);
    if (l.parent === l.child) add(['links', i, 'child'], 'a person cannot be their own child');
    const key = `${l.parent} ${l.child}`;
    if (linked.has(key)) add(['links', i], `${l.parent} and ${l.child} are linked twice`);
    linked.add(key);
    if (l.custody !== 'none') {
      const n = (custodians.get(l.child) ?? 0) + 1;
      custodians.set(l.child, n);
      if (n > 2) add(['links', i], `${l.child} has more than two parents with custody`);
    }
  });

  s.clinic?.hours?.forEach((h, i) => {
    if (h.closes <= h.opens) add(['clinic', 'hours', i, 'closes'], `expected a closing time after ${h.opens}`);
  });
  s.clinic?.closedDays?.forEach((d, i) => {
    checkDate(d.date, ['clinic', 'closedDays', i, 'date']);
  });
  s.clinic?.holidays?.forEach((h, i) => {
    checkDate(h.from, ['clinic', 'holidays', i, 'from']);
    checkDate(h.to, ['clinic', 'holidays', i, 'to']);
  });

  s.timeline?.forEach((e, i) => {
    const at = (...rest: ScenarioPath) => ['timeline', i, ...rest];
    if (parseOffset(e.at) === undefined) add(at('at'), `expected an ISO 8601 duration, got ${JSON.stringify(e.at)}`);
    else checkInstant(e.at, at('at'));
    switch (e.event) {
      case 'doctor-replies': {
        person(e.patient, at('patient'));
        const record = records.get(e.eConsultation);
        if (record?.category !== 'eConsultations' || record.owner !== e.patient) {
          add(
            at('eConsultation'),
            `expected the handle of an e-consultation of ${e.patient}, got "${e.eConsultation}"`,
          );
        }
        break;
      }
      case 'lab-result':
        person(e.patient, at('patient'));
        define(e.result.handle, at('result', 'handle'), { category: 'labResults', owner: e.patient });
        checkInstant(e.result.sampled, at('result', 'sampled'));
        break;
      case 'consent-withdrawn':
      case 'consent-given':
        person(e.person, at('person'));
        break;
      case 'clinic-holiday':
        checkDate(e.from, at('from'));
        checkDate(e.to, at('to'));
        break;
      default:
        break;
    }
  });

  const known = (handle: string) => people.has(handle) || records.has(handle);
  const handles = (path: ScenarioPath, value: unknown) => {
    for (const h of placeholdersIn(value)) {
      if (!known(h)) add(path, `unknown handle {${h}}; expected a person or record of this scenario`);
    }
  };
  s.expectations.forEach((x, i) => {
    const at = (...rest: ScenarioPath) => ['expectations', i, ...rest];
    if (x.at !== undefined && parseOffset(x.at) === undefined)
      add(at('at'), `expected an ISO 8601 duration, got ${JSON.stringify(x.at)}`);
    else if (x.at !== undefined) checkInstant(x.at, at('at'));
    const requests = 'race' in x ? x.race.map((r, j) => ({ r, path: at('race', j) })) : [{ r: x, path: at() }];
    for (const { r, path } of requests) {
      if (r.as !== undefined) person(r.as, [...path, 'as']);
      handles([...path, 'request', 'path'], r.request.path);
      handles([...path, 'request', 'body'], r.request.body);
    }
    const answers: [string, AnswerSpec][] =
      'race' in x
        ? [
            ['expect', x.expect],
            ['others', x.others],
          ]
        : [['expect', x.expect]];
    for (const [key, answer] of answers) {
      for (const list of ['present', 'absent'] as const) {
        answer[list]?.forEach((h, j) => {
          if (!isId(h) && !known(h))
            add(at(key, list, j), `unknown handle "${h}"; expected a person or record of this scenario, or an id`);
        });
      }
      handles(at(key, 'body'), answer.body);
    }
  });
  return issues;
}

/** Every problem of a scenario value: the schema's first, then (if it fits the schema) the rest. */
export function checkScenario(value: unknown): ScenarioIssue[] {
  const issues = schemaIssues(value);
  return issues.length > 0 ? issues : semanticIssues(value as Scenario);
}
