/**
 * Contract validation for a Hono app: every request is checked against the OpenAPI document
 * before a handler sees it (a bad one gets validation-failed naming each failing field, a body over
 * the limit payload-too-large), and every response after (a response that breaks the contract is
 * a sandbox bug: `strict` answers 500 with the violations, `warn` logs them and lets it through).
 * Matchers and the schema validator are made once per document and process, and shared by every
 * middleware on that document (every sandbox, every clinic's fake journal, every test); a schema
 * is compiled on its first use and kept, and so is the finding that a short JSON answer keeps the
 * contract, by its exact text (VerdictCache): an unchanged list an app polls is not checked again.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { OpenApiDocument } from '../../../contracts/index.ts';
import {
  type CompiledOperation,
  type CompiledParameter,
  compileOperations,
  matchOperation,
} from '../../../contracts/operations.ts';
import {
  type ContractSchemaValidator,
  createSchemaValidator,
  type SchemaIssue,
} from '../../../contracts/schema-validator.ts';
import { type FieldError, problemResponse, SandboxError, sentProblemText, ValidationError } from '../../errors.ts';
import { type ExchangeReport, exchangeReportOf, requestUrl } from '../../exchange.ts';

export type ValidationMode = 'strict' | 'warn';

export interface ContractValidationOptions {
  /** Default 'strict'. */
  mode?: ValidationMode;
  /**
   * Largest accepted request body in bytes, or a function of the operation id giving it (default
   * 22 MiB, as the data contracts state).
   */
  maxBodyBytes?: number | ((operationId: string) => number);
  /** Where `warn` mode reports broken responses (default console.warn). */
  log?: (message: string) => void;
}

/** What the middleware hands on to handlers, under `c.get('request')`. */
export interface ValidatedRequest {
  operationId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

declare module 'hono' {
  interface ContextVariableMap {
    request: ValidatedRequest;
  }
}

const DEFAULT_MAX_BODY = 22 * 1024 * 1024;

export interface CompiledContract {
  operations: CompiledOperation[];
  schemas: ContractSchemaValidator;
  /** Verdicts on answers' JSON texts already checked, shared like the validators. */
  verdicts: VerdictCache;
}

// What a document compiles to, kept for as long as the document object lives: compiling is most
// of the cost of making a sandbox, and the same document is checked by many middlewares.
const compiledContracts = new WeakMap<OpenApiDocument, CompiledContract>();

export function compiledContract(doc: OpenApiDocument): CompiledContract {
  let compiled = compiledContracts.get(doc);
  if (!compiled) {
    compiled = {
      operations: compileOperations(doc),
      schemas: createSchemaValidator(doc),
      verdicts: new VerdictCache(),
    };
    compiledContracts.set(doc, compiled);
  }
  return compiled;
}

/** The middleware for one contract. */
export function contractValidation(doc: OpenApiDocument, options: ContractValidationOptions = {}): MiddlewareHandler {
  const { mode = 'strict', maxBodyBytes = DEFAULT_MAX_BODY, log = (m: string) => console.warn(m) } = options;
  const { operations, schemas, verdicts } = compiledContract(doc);

  return async (c, next) => {
    const url = requestUrl(c.req.url);
    // HEAD is answered by the GET operation's handler (the router drops the body): checked as GET.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const match = matchOperation(operations, method, url.pathname);
    if (!match) return next(); // not part of the contract: the app's own routes or its 404
    const { operation, params } = match;
    const report = exchangeReportOf(c);
    if (report) report.operationId = operation.operationId;
    try {
      const limit = typeof maxBodyBytes === 'number' ? maxBodyBytes : maxBodyBytes(operation.operationId);
      const request = validateRequest(operation, params, url, c.req.raw, schemas, limit);
      c.set('request', request instanceof Promise ? await request : request);
    } catch (error) {
      if (error instanceof SandboxError) {
        if (report && error instanceof ValidationError) {
          report.contractErrors = error.errors.map((e) => ({ pointer: `/request${e.pointer}`, message: e.message }));
        }
        return error.toResponse(url.pathname);
      }
      throw error;
    }
    const sent = rememberJson(c);
    await next();
    const checked = checkResponse(operation, c.res, schemas, sent, report, verdicts);
    const violations = checked instanceof Promise ? await checked : checked;
    if (violations.length === 0) return;
    if (report) report.contractErrors = [...(report.contractErrors ?? []), ...violations];
    const summary = `${c.req.method} ${url.pathname} (${operation.operationId}) answered ${c.res.status} against the contract: ${violations.map((v) => `${v.pointer} ${v.message}`).join('; ')}`;
    if (mode === 'warn') {
      log(`minlaege-sandbox: ${summary}`);
      return;
    }
    c.res = problemResponse({
      type: 'about:blank',
      title: 'Sandbox bug: the response breaks the contract',
      status: 500,
      detail: summary,
      violations,
    });
  };
}

/**
 * The request's parameters and body, checked; a promise only when there is a body to read, so a
 * GET is validated without waiting a turn of the event loop.
 */
function validateRequest(
  operation: CompiledOperation,
  params: Record<string, string>,
  url: Readonly<URL>,
  raw: Request,
  schemas: ContractSchemaValidator,
  maxBodyBytes: number,
): ValidatedRequest | Promise<ValidatedRequest> {
  const errors: FieldError[] = [];
  const issuesAt = (prefix: string, issues: SchemaIssue[]) => {
    for (const issue of issues) errors.push({ pointer: `${prefix}${issue.pointer}`, message: issue.message });
  };

  for (const p of operation.pathParameters) {
    issuesAt(`/path/${p.name}`, schemas.validate(p.schemaPointer, params[p.name]));
  }

  const query: Record<string, unknown> = {};
  for (const p of operation.queryParameters) {
    const value = url.searchParams.get(p.name);
    if (value === null) {
      if (p.required) errors.push({ pointer: `/query/${p.name}`, message: 'is required' });
      continue;
    }
    query[p.name] = coerce(p, value);
    issuesAt(`/query/${p.name}`, schemas.validate(p.schemaPointer, query[p.name]));
  }

  if (!operation.body) return validated(operation, params, query, undefined, errors);
  return validateBody(operation.body, raw, schemas, maxBodyBytes, errors).then((body) =>
    validated(operation, params, query, body, errors),
  );
}

/** The request's JSON body, parsed and checked; what is wrong with it goes to `errors`. */
async function validateBody(
  declared: NonNullable<CompiledOperation['body']>,
  raw: Request,
  schemas: ContractSchemaValidator,
  maxBodyBytes: number,
  errors: FieldError[],
): Promise<unknown> {
  const bytes = await readBody(raw, maxBodyBytes);
  if (bytes.byteLength === 0) {
    if (declared.required) errors.push({ pointer: '/body', message: 'a JSON body is required' });
    return undefined;
  }
  const type = raw.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    errors.push({
      pointer: '/body',
      message: `must be sent as application/json, not ${type || 'no content type'}`,
    });
    return undefined;
  }
  // JSON between systems is UTF-8 (RFC 8259 §8.1). Another charset, or bytes that are not UTF-8,
  // would otherwise be read with replacement characters and stored that way without a word.
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    errors.push({ pointer: '/body', message: `must be sent as UTF-8, not charset=${charset}` });
    return undefined;
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    errors.push({ pointer: '/body', message: 'is not valid UTF-8' });
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    errors.push({ pointer: '/body', message: 'is not valid JSON' });
    return undefined;
  }
  if (depthOf(body) > MAX_BODY_DEPTH) {
    errors.push({ pointer: '/body', message: `nests deeper than ${MAX_BODY_DEPTH} levels` });
  } else {
    for (const issue of schemas.validate(declared.schemaPointer, body)) {
      errors.push({ pointer: `/body${issue.pointer}`, message: issue.message });
    }
  }
  return body;
}

/** The validated request, or the validation-failed error naming every failing field. */
function validated(
  operation: CompiledOperation,
  params: Record<string, string>,
  query: Record<string, unknown>,
  body: unknown,
  errors: FieldError[],
): ValidatedRequest {
  if (errors.length > 0) {
    throw new ValidationError(
      `The request does not match ${operation.operationId} in the contract: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return { operationId: operation.operationId, params, query, body };
}

/** No contract's body nests this deep; deeper ones would exhaust the stack of what reads them. */
const MAX_BODY_DEPTH = 64;

/** How deeply a parsed JSON value nests (iteratively, so a deep one cannot overflow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** Reads the body, refusing one over the limit without reading all of it. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The request body's bytes, refused as too large as soon as they pass the limit. */
async function readBody(raw: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const declared = Number(raw.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBodyBytes) throw tooLarge(maxBodyBytes);
  if (!raw.body) return new Uint8Array();
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

function tooLarge(maxBodyBytes: number): SandboxError {
  return new SandboxError('payload-too-large', `The request body is over ${maxBodyBytes} bytes; send less.`);
}

/** Query strings are text; the schema says what they mean. */
function coerce(p: CompiledParameter, value: string): unknown {
  if ((p.type === 'integer' || p.type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (p.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** What a handler sent with `c.json()`: the value and its JSON text, by the response it made. */
type SentJson = WeakMap<Response, { value: unknown; text: string | undefined }>;

/**
 * Notes what the handler passes to `c.json()`, so the response check has the body without reading
 * the response again: a clone turns the Node server's plain string body into a stream (a slower
 * write), and parsing bytes back costs more than the value's own JSON round trip. The wrapper
 * makes the JSON text itself and answers it as `c.json()` does (`c.body()` with a default
 * content type of application/json), so the check also knows the exact text the client gets. A
 * WeakMap rather than a plain record made before the handler runs: such a record may end up in
 * the old generation, and then every answer it points to outlives the young-generation
 * collections too.
 */
function rememberJson(c: Context): SentJson {
  const sent: SentJson = new WeakMap();
  const body = c.body as (data: string | undefined, arg?: unknown, headers?: Record<string, unknown>) => Response;
  // The assignment keeps c.json's overloads; the wrapper only watches what passes through it.
  c.json = ((object: unknown, arg?: unknown, headers?: Record<string, unknown>) => {
    const text = JSON.stringify(object) as string | undefined;
    const res = body(text, arg, { 'Content-Type': 'application/json', ...headers });
    sent.set(res, { value: object, text });
    return res;
  }) as typeof c.json;
  return sent;
}

/**
 * JSON answers already found to keep the contract, by their exact text and schema: checking a text
 * again gives the same answer, and an app that polls a list gets the same text until the list
 * changes. Only answers that kept the contract are kept (a broken one is checked every time, as it
 * is rare and its violations go into the request log), only texts under V8's 16,383-character
 * hashing limit (longer strings all hash alike, and a look-up would compare them one by one), and
 * at most `maxChars` characters of text in all, the oldest dropped first: the cache holds the texts
 * and nothing else, so `maxChars` bounds its memory (a Latin-1 text takes a byte a character).
 */
export class VerdictCache {
  private readonly valid = new Map<string, string>(); // text → schema pointer
  private chars = 0;
  constructor(
    private readonly maxChars = 4 * 1024 * 1024,
    readonly maxTextLength = 16_383,
  ) {}

  /** Whether `text` was found to keep the schema at `pointer`. */
  kept(pointer: string, text: string): boolean {
    return this.valid.get(text) === pointer;
  }

  /** Notes that `text` keeps the schema at `pointer`. */
  note(pointer: string, text: string): void {
    if (text.length > this.maxTextLength || this.valid.has(text)) return;
    this.valid.set(text, pointer);
    this.chars += text.length;
    for (const oldest of this.valid.keys()) {
      if (this.chars <= this.maxChars) break;
      this.valid.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** The texts kept, and their characters in all. */
  get size(): { texts: number; chars: number } {
    return { texts: this.valid.size, chars: this.chars };
  }
}

/**
 * The response's JSON body as the client will parse it; reads the response (and so answers a
 * promise) only when it must.
 */
function jsonBodyOf(res: Response, sent: SentJson): unknown {
  const json = sent.get(res);
  if (json) {
    // Plain data is what its JSON text parses back to; anything else (a Date, an undefined
    // member, NaN) is checked as the client reads it. A body of undefined has no text: not JSON.
    if (isPlainJson(json.value)) return json.value;
    if (json.text === undefined) throw new SyntaxError('the answer has no JSON text');
    return JSON.parse(json.text);
  }
  const problem = sentProblemText(res);
  if (problem !== undefined) return JSON.parse(problem);
  return res.clone().json();
}

/**
 * True when JSON.parse(JSON.stringify(value)) would give back an equal value: only plain objects,
 * arrays, strings, finite numbers, booleans and null, all the way down.
 */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return false;
  for (const key of Object.keys(value)) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * What is wrong with a response, by the contract; empty when nothing is. A promise only when the
 * body has to be read back from the response.
 */
function checkResponse(
  operation: CompiledOperation,
  res: Response,
  schemas: ContractSchemaValidator,
  sent: SentJson,
  report: ExchangeReport | undefined,
  verdicts: VerdictCache,
): ResponseViolation[] | Promise<ResponseViolation[]> {
  const status = String(res.status);
  const declared =
    operation.responses.get(status) ?? operation.responses.get(`${status[0]}XX`) ?? operation.responses.get('default');
  if (!declared) return [{ pointer: '/response/status', message: `${status} is not declared` }];
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (declared.size === 0) {
    return type === '' || res.status === 204
      ? []
      : [{ pointer: '/response/body', message: `status ${status} declares no body` }];
  }
  if (!declared.has(type)) {
    return [{ pointer: '/response/header/content-type', message: `${type || '(none)'} is not declared for ${status}` }];
  }
  const pointer = declared.get(type);
  if (!pointer || !type.endsWith('json')) return [];
  const notJson = [{ pointer: '/response/body', message: 'is not valid JSON' }];
  let body: unknown;
  try {
    body = jsonBodyOf(res, sent);
  } catch {
    return notJson;
  }
  if (body instanceof Promise) {
    return body.then(
      (read) => checkBody(schemas, pointer, read, report),
      () => notJson,
    );
  }
  const text = sent.get(res)?.text;
  if (text !== undefined && verdicts.kept(pointer, text)) {
    if (report) report.body = body;
    return [];
  }
  const violations = checkBody(schemas, pointer, body, report);
  if (text !== undefined && violations.length === 0) verdicts.note(pointer, text);
  return violations;
}

/** The body's violations of the schema at `pointer`; the body goes to the report either way. */
function checkBody(
  schemas: ContractSchemaValidator,
  pointer: string,
  body: unknown,
  report: ExchangeReport | undefined,
): ResponseViolation[] {
  if (report) report.body = body;
  return schemas.validate(pointer, body).map((i) => ({ pointer: `/response/body${i.pointer}`, message: i.message }));
}

interface ResponseViolation {
  pointer: string;
  message: string;
}
