/**
 * The kit's interface contracts: where they are and how to read them. Every part that needs a
 * contract at run time (the validation middleware, the CLI, the tests) loads it through here, so
 * the documents stay the single source of truth for shapes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const CONTRACT_NAMES = ['app-platform', 'platform-journal'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** A parsed OpenAPI 3.1 document, loosely typed: walkers inspect it structurally. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};

/** The absolute path of a contract document. */
export function contractPath(name: ContractName): string {
  return fileURLToPath(new URL(`./${name}.openapi.yaml`, import.meta.url));
}

/** Reads and parses a contract document. */
export function loadContract(name: ContractName): OpenApiDocument {
  return parse(readFileSync(contractPath(name), 'utf8')) as OpenApiDocument;
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
