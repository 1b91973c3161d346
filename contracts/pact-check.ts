/**
 * Cross-checks a Pact file against the provider's OpenAPI document: each interaction's method and
 * path must be an operation of the contract, its request (path parameters, query, body) must be
 * one the contract accepts, and its response status must be declared with a body the schema
 * allows. A pact the contract forbids would pass Pact's verification against a provider that
 * breaks the contract the same way, so this check closes that gap. Used by the test suite and by
 * `minlaege-sandbox contracts check` for vendors' own pacts.
 *
 * Requests are checked in full (a consumer sends the whole request). Responses are checked for
 * what the consumer expects to be there: types, formats, patterns, enums and unknown fields, but
 * not for required fields it leaves out, since a pact asserts only the fields its consumer uses.
 */
import { readFileSync } from 'node:fs';
import { CONTRACT_NAMES, type ContractName, loadContract } from './index.ts';
// The operation matchers the validation middleware uses too, so the check and the sandbox agree
// on which operation a request is.
import { type CompiledOperation, compileOperations, matchOperation } from './operations.ts';
import { type ContractSchemaValidator, createSchemaValidator, type SchemaIssue } from './schema-validator.ts';

/** Which contract a pact's provider name stands for. */
export const PROVIDER_CONTRACTS: Record<string, ContractName> = {
  'min-laege-platform': 'app-platform',
  'journal-system': 'platform-journal',
  'minlaege-sandbox': 'sandbox-control',
};

/** A pact file that cannot be checked at all (unreadable, not JSON, not a pact, unknown provider). */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
}

export interface InteractionVerdict {
  description: string;
  states: string[];
  method: string;
  path: string;
  status: number | null;
  /** The contract's operation, when the method and path name one. */
  operationId: string | null;
  /** What the contract forbids, each with where (e.g. `request body/slotId must match pattern …`). */
  problems: string[];
}

export interface PactCheckResult {
  file: string;
  consumer: string;
  provider: string;
  contract: ContractName;
  interactions: InteractionVerdict[];
  /** True when every interaction is one the contract allows. */
  ok: boolean;
}

interface PactMessage {
  method?: string;
  path?: string;
  query?: Record<string, string[] | string> | string;
  headers?: Record<string, string[] | string>;
  body?: unknown;
  status?: number;
}

interface PactInteraction {
  description?: string;
  type?: string;
  providerState?: string;
  providerStates?: { name: string }[];
  request?: PactMessage;
  response?: PactMessage;
}

/** Reads and checks a pact file. Throws PactFileError when it is not a pact that can be checked. */
export function checkPactFile(file: string, contract?: ContractName): PactCheckResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PactFileError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let pact: unknown;
  try {
    pact = JSON.parse(text);
  } catch (error) {
    throw new PactFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  return checkPact(pact, file, contract);
}

/** Checks a parsed pact against a contract (by default the one its provider name stands for). */
export function checkPact(pact: unknown, file = '(pact)', contract?: ContractName): PactCheckResult {
  const doc = pact as { consumer?: { name?: string }; provider?: { name?: string }; interactions?: unknown };
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.interactions)) {
    throw new PactFileError(`${file}: not a pact (it has no "interactions" array)`);
  }
  const provider = String(doc.provider?.name ?? '');
  const chosen = contract ?? PROVIDER_CONTRACTS[provider];
  if (!chosen) {
    throw new PactFileError(
      `${file}: provider "${provider}" is not one this kit knows (${Object.keys(PROVIDER_CONTRACTS).join(', ')}); name the contract with --contract ${CONTRACT_NAMES.join('|')}`,
    );
  }
  const bad = (doc.interactions as unknown[]).findIndex((i) => !i || typeof i !== 'object' || Array.isArray(i));
  if (bad >= 0) throw new PactFileError(`${file}: interaction ${bad} is not an object`);
  const interactions = (doc.interactions as PactInteraction[]).map((i) => checkInteraction(chosen, i));
  return {
    file,
    consumer: String(doc.consumer?.name ?? ''),
    provider,
    contract: chosen,
    interactions,
    ok: interactions.every((i) => i.problems.length === 0),
  };
}

const compiled = new Map<ContractName, { operations: CompiledOperation[]; schemas: ContractSchemaValidator }>();

/** A contract's operations and validator, made once per process. */
function compiledOf(contract: ContractName) {
  let found = compiled.get(contract);
  if (!found) {
    const doc = loadContract(contract);
    found = { operations: compileOperations(doc), schemas: createSchemaValidator(doc) };
    compiled.set(contract, found);
  }
  return found;
}

function checkInteraction(contract: ContractName, interaction: PactInteraction): InteractionVerdict {
  const { operations, schemas } = compiledOf(contract);
  const request = interaction.request ?? {};
  const response = interaction.response ?? {};
  const method = String(request.method ?? 'GET').toUpperCase();
  const path = String(request.path ?? '');
  const problems: string[] = [];
  const verdict: InteractionVerdict = {
    description: String(interaction.description ?? '(no description)'),
    states:
      interaction.providerStates?.map((s) => s.name) ?? (interaction.providerState ? [interaction.providerState] : []),
    method,
    path,
    status: typeof response.status === 'number' ? response.status : null,
    operationId: null,
    problems,
  };
  if (interaction.type !== undefined && interaction.type !== 'Synchronous/HTTP') {
    problems.push(`is a ${interaction.type} interaction; only HTTP interactions can be checked against ${contract}`);
    return verdict;
  }
  const match = matchOperation(operations, method, path.split('?')[0] ?? path);
  if (!match) {
    problems.push(`${method} ${path} is not an operation of ${contract}`);
    return verdict;
  }
  const { operation, params } = match;
  verdict.operationId = operation.operationId;
  const report = (where: string, issues: SchemaIssue[]) => {
    for (const issue of issues) problems.push(`${where}${issue.pointer} ${issue.message}`);
  };

  for (const p of operation.pathParameters)
    report(`request path parameter ${p.name}`, schemas.validate(p.schemaPointer, params[p.name]));

  const query = queryOf(request.query);
  for (const name of Object.keys(query)) {
    if (!operation.queryParameters.some((p) => p.name === name))
      problems.push(`request query ${name} is not a parameter of ${operation.operationId}`);
  }
  for (const p of operation.queryParameters) {
    const values = query[p.name];
    if (values === undefined || values.length === 0) {
      if (p.required) problems.push(`request query ${p.name} is required`);
      continue;
    }
    for (const value of values)
      report(`request query ${p.name}`, schemas.validate(p.schemaPointer, coerce(p.type, value)));
  }

  const requestBody = bodyOf(request.body);
  if (operation.body) {
    if (requestBody === undefined) {
      if (operation.body.required) problems.push('request body is required');
    } else report('request body', schemas.validate(operation.body.schemaPointer, requestBody));
  } else if (requestBody !== undefined) {
    problems.push(`request body is sent, but ${operation.operationId} takes none`);
  }

  if (verdict.status === null) {
    problems.push('response has no status');
    return verdict;
  }
  const status = String(verdict.status);
  const declared =
    operation.responses.get(status) ?? operation.responses.get(`${status[0]}XX`) ?? operation.responses.get('default');
  if (!declared) {
    problems.push(
      `response status ${status} is not declared for ${operation.operationId} (declared: ${[...operation.responses.keys()].join(', ')})`,
    );
    return verdict;
  }
  const responseBody = bodyOf(response.body);
  const type = contentTypeOf(response) ?? (responseBody === undefined ? undefined : 'application/json');
  if (responseBody === undefined) return verdict;
  if (declared.size === 0) {
    problems.push(`response status ${status} of ${operation.operationId} has no body, but the pact expects one`);
    return verdict;
  }
  const pointer = type ? declared.get(type) : undefined;
  if (!type || !declared.has(type)) {
    problems.push(
      `response content type ${type ?? '(none)'} is not declared for ${status} (declared: ${[...declared.keys()].join(', ')})`,
    );
    return verdict;
  }
  if (pointer) {
    report(
      'response body',
      schemas.validate(pointer, responseBody).filter((i) => !i.message.startsWith('must have required property')),
    );
  }
  return verdict;
}

/** Pact V3/V4 query (`{name: [values]}`) or V2 (`a=1&b=2`) as lists of values. */
function queryOf(query: PactMessage['query']): Record<string, string[]> {
  if (query === undefined || query === null) return {};
  if (typeof query === 'string') {
    const out: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(query)) out[k] = [...(out[k] ?? []), v];
    return out;
  }
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]));
}

/** The JSON of a pact body: V4 `{content, contentType, encoded}` or the V2/V3 value itself. */
function bodyOf(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object' && 'content' in (body as object) && 'contentType' in (body as object)) {
    const v4 = body as { content: unknown; encoded?: unknown; contentType?: string };
    if (v4.encoded && typeof v4.content === 'string' && /json/.test(v4.contentType ?? '')) {
      try {
        return JSON.parse(Buffer.from(v4.content, v4.encoded === 'base64' ? 'base64' : 'utf8').toString('utf8'));
      } catch {
        return v4.content;
      }
    }
    return v4.content;
  }
  return body;
}

function contentTypeOf(message: PactMessage): string | undefined {
  const body = message.body as { contentType?: string } | undefined;
  const header = Object.entries(message.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const raw = (Array.isArray(header) ? header[0] : header) ?? body?.contentType;
  return raw?.split(';')[0]?.trim() || undefined;
}

function coerce(type: string | undefined, value: string): unknown {
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** A human report: one line per interaction, its problems indented below. */
export function formatPactCheck(result: PactCheckResult): string {
  const lines = [`${result.file}: ${result.consumer} → ${result.provider}, checked against ${result.contract}`];
  for (const i of result.interactions) {
    const mark = i.problems.length === 0 ? 'ok  ' : 'FAIL';
    const states = i.states.length > 0 ? ` (given ${i.states.join(', ')})` : '';
    lines.push(
      `  ${mark} ${i.description}${states}: ${i.method} ${i.path} → ${i.status ?? '?'}${i.operationId ? ` [${i.operationId}]` : ''}`,
    );
    for (const p of i.problems) lines.push(`         ${p}`);
  }
  const failed = result.interactions.filter((i) => i.problems.length > 0).length;
  lines.push(
    failed === 0
      ? `  ${result.interactions.length} interaction(s), all allowed by ${result.contract}`
      : `  ${failed} of ${result.interactions.length} interaction(s) break ${result.contract}`,
  );
  return `${lines.join('\n')}\n`;
}
