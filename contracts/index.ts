/**
 * The kit's interface contracts: where they are and how to read them. Every part that needs a
 * contract at run time (the validation middleware, the CLI, the tests) loads it through here, so
 * the documents stay the single source of truth for shapes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { kitFile } from './kit-files.ts';

const require = createRequire(import.meta.url);

export const CONTRACT_NAMES = ['app-platform', 'platform-journal', 'sandbox-control'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** A parsed OpenAPI 3.1 document, loosely typed: walkers inspect it structurally. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};

/** The absolute path of a contract document. */
export function contractPath(name: ContractName): string {
  return kitFile(`contracts/${name}.openapi.yaml`);
}

/**
 * Reads and parses a contract document. Parsing the YAML takes over 100 ms the first time in a
 * process, most of a sandbox's start, so the parsed document is also kept as JSON in a cache
 * folder under the document's content hash (a changed document is parsed afresh) and read from
 * there next time. MINLAEGE_SANDBOX_CACHE names another folder, or `off` turns the cache off.
 */
export function loadContract(name: ContractName): OpenApiDocument {
  const text = readFileSync(contractPath(name), 'utf8');
  const cached = cacheFile(name, text);
  if (cached) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as OpenApiDocument;
    } catch {
      // not cached yet (or unreadable): parse the YAML
    }
  }
  const doc = parseYaml(text) as OpenApiDocument;
  if (cached) writeCache(cached, doc);
  return doc;
}

/** The YAML parser, loaded only when a document is not in the cache: loading it is a tenth of a start. */
function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}

function cacheFile(name: ContractName, text: string): string | undefined {
  const setting = process.env.MINLAEGE_SANDBOX_CACHE;
  if (setting === 'off') return undefined;
  // Per user: a cache file another user could write is not one to trust.
  const dir = setting || join(tmpdir(), `minlaege-sandbox-${process.getuid?.() ?? 'user'}`);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
  return join(dir, `${name}.${hash}.json`);
}

function writeCache(file: string, doc: OpenApiDocument): void {
  const json = JSON.stringify(doc);
  // Only a document that JSON keeps exactly (YAML could hold what JSON cannot, like .inf).
  if (!isDeepStrictEqual(JSON.parse(json), doc)) return;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a process reading at the same time sees all or nothing.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, json);
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written is only slower.
  }
}

export interface PopulationBounds {
  maxPatients: number;
  /** In characters (code points), as JSON Schema counts them. */
  seedLength: { min: number; max: number };
}

let populationBoundsRead: PopulationBounds | undefined;

/**
 * What the control contract allows a generated population (`LoadScenarioRequest`): the most
 * patients, and the length of a seed. Read from the contract, so `serve`'s options and scenario
 * files are held to the bounds the control API states and checks.
 */
export function populationBounds(): PopulationBounds {
  if (populationBoundsRead) return populationBoundsRead;
  const schemas = loadContract('sandbox-control').components?.schemas as Record<string, unknown> | undefined;
  const request = schemas?.LoadScenarioRequest as
    | { properties?: { patients?: { maximum?: unknown }; seed?: { minLength?: unknown; maxLength?: unknown } } }
    | undefined;
  const { patients, seed } = request?.properties ?? {};
  const bound = (value: unknown, what: string) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new Error(`The sandbox-control contract gives LoadScenarioRequest no ${what}`);
    }
    return value;
  };
  populationBoundsRead = {
    maxPatients: bound(patients?.maximum, 'maximum of patients'),
    seedLength: { min: bound(seed?.minLength, 'minLength of seed'), max: bound(seed?.maxLength, 'maxLength of seed') },
  };
  return populationBoundsRead;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of a document, with where it sits. */
export interface OperationEntry {
  method: HttpMethod;
  path: string;
  operationId: string;
  /** JSON pointer of the operation object, e.g. `/paths/~1me/get`. */
  pointer: string;
  operation: Record<string, unknown>;
  /** Path-level parameters, which apply to every operation under the path. */
  pathParameters: unknown[];
}

/** Every operation of a document in document order. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      out.push({
        method,
        path,
        operationId: String(operation.operationId ?? ''),
        pointer: `/paths/${escapePointer(path)}/${method}`,
        operation,
        pathParameters,
      });
    }
  }
  return out;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows a local `$ref` (`#/components/...`) once, or returns the value itself. */
export function deref<T = Record<string, unknown>>(doc: OpenApiDocument, value: unknown): T {
  let current = value as Record<string, unknown>;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`);
    seen.add(ref);
    current = resolvePointer(doc, ref.slice(1)) as Record<string, unknown>;
  }
  return current as T;
}

/** The value at a JSON pointer in a document. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let current: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
