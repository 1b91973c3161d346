/**
 * Compiles a contract's operations once, at start: a matcher for each path template, the schema
 * pointers of its parameters, body and responses. The middleware then only looks things up; the
 * schemas themselves are compiled on first use by contracts/schema-validator.ts and kept.
 */
import { deref, escapePointer, listOperations, type OpenApiDocument } from './index.ts';

export interface CompiledParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schemaPointer: string;
  /** The schema's primitive type, for turning query strings into numbers and booleans. */
  type: string | undefined;
}

export interface CompiledOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** The names of the template's parameters, in order. */
  templateNames: string[];
  pathParameters: CompiledParameter[];
  queryParameters: CompiledParameter[];
  body?: { required: boolean; schemaPointer: string };
  /** Response schema pointers by status ('200', 'default', …) and content type. */
  responses: Map<string, Map<string, string | undefined>>;
  /** The problem `type` URIs its problem+json answers give, by status (from their examples). */
  problemTypes: Map<string, Set<string>>;
}

/** The operations of a document, the most specific path templates first. */
export function compileOperations(doc: OpenApiDocument): CompiledOperation[] {
  const compiled = listOperations(doc).map((op): CompiledOperation => {
    const parameters = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map((raw, i) =>
      compileParameter(
        doc,
        raw,
        i < op.pathParameters.length
          ? `/paths/${escapePointer(op.path)}/parameters/${i}`
          : `${op.pointer}/parameters/${i - op.pathParameters.length}`,
      ),
    );
    const body = op.operation.requestBody
      ? compileBody(doc, op.operation.requestBody, `${op.pointer}/requestBody`)
      : undefined;
    return {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      template: op.path,
      pattern: templatePattern(op.path),
      templateNames: [...op.path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] as string),
      pathParameters: parameters.filter((p) => p.in === 'path'),
      queryParameters: parameters.filter((p) => p.in === 'query'),
      ...(body ? { body } : {}),
      responses: compileResponses(doc, op.operation.responses as Record<string, unknown>, `${op.pointer}/responses`),
      problemTypes: compileProblemTypes(doc, op.operation.responses as Record<string, unknown>),
    };
  });
  // A literal segment beats a parameter: /patients/lookup before /patients/{patientId}.
  return compiled.sort((a, b) => countParameters(a.template) - countParameters(b.template));
}

/** The operation a request is for, with its path parameters, or undefined. */
export function matchOperation(
  operations: CompiledOperation[],
  method: string,
  path: string,
): { operation: CompiledOperation; params: Record<string, string> } | undefined {
  for (const operation of candidatesFor(operations, method, path)) {
    const m = operation.pattern.exec(path);
    if (!m) continue;
    // The pattern's groups follow the template's parameters in order.
    const params: Record<string, string> = {};
    const names = operation.templateNames;
    for (let i = 0; i < names.length; i++) params[names[i] as string] = safeDecode(m[i + 1] ?? '');
    return { operation, params };
  }
  return undefined;
}

/**
 * The methods the contract has an operation for on this path (and HEAD where it has GET), in the
 * order GET, HEAD, PUT, POST, DELETE: what a 405 answer's `Allow` header lists. Empty when no
 * operation has the path at all (a 404). Only asked for a request that matched nothing, so it
 * simply tries every template.
 */
export function allowedMethods(operations: CompiledOperation[], path: string): string[] {
  const methods = new Set<string>();
  for (const operation of operations) if (operation.pattern.test(path)) methods.add(operation.method);
  if (methods.has('GET')) methods.add('HEAD'); // answered as GET without the body
  return METHOD_ORDER.filter((m) => methods.has(m));
}

const METHOD_ORDER = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'];

/**
 * Per method and last path segment, the operations that can match, in their order: a template
 * ending in a literal segment matches only a path ending in exactly that segment (templates match
 * whole paths, a trailing slash included), so a request is tried against a few patterns rather
 * than every one of its method.
 * Made once per list of operations; bounded by the templates, whatever paths are asked for.
 */
interface Candidates {
  /** By method: the operations of each literal last segment (with those that end otherwise). */
  byLast: Map<string, Map<string, CompiledOperation[]>>;
  /** By method: the operations whose last segment is not a literal (a parameter, or a trailing slash). */
  open: Map<string, CompiledOperation[]>;
}

const candidateIndex = new WeakMap<CompiledOperation[], Candidates>();

/** A template's last segment when it is literal text, else undefined (it may match any last segment). */
function literalLast(template: string): string | undefined {
  if (template.endsWith('/')) return undefined;
  const last = template.slice(template.lastIndexOf('/') + 1);
  return last.includes('{') ? undefined : last;
}

function candidatesFor(operations: CompiledOperation[], method: string, path: string): CompiledOperation[] {
  let index = candidateIndex.get(operations);
  if (!index) {
    index = { byLast: new Map(), open: new Map() };
    for (const op of operations) {
      if (!index.byLast.has(op.method)) index.byLast.set(op.method, new Map());
      if (!index.open.has(op.method)) index.open.set(op.method, []);
    }
    for (const [m, byLast] of index.byLast) {
      const ofMethod = operations.filter((op) => op.method === m);
      index.open.set(
        m,
        ofMethod.filter((op) => literalLast(op.template) === undefined),
      );
      for (const op of ofMethod) {
        const last = literalLast(op.template);
        if (last === undefined || byLast.has(last)) continue;
        byLast.set(
          last,
          ofMethod.filter((o) => {
            const l = literalLast(o.template);
            return l === undefined || l === last;
          }),
        );
      }
    }
    candidateIndex.set(operations, index);
  }
  // A path ending in a slash has an empty last segment: only the open templates can match it.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return index.byLast.get(method)?.get(last) ?? index.open.get(method) ?? [];
}

function compileParameter(doc: OpenApiDocument, raw: unknown, pointer: string): CompiledParameter {
  const ref = (raw as { $ref?: string }).$ref;
  const resolvedPointer = ref ? ref.slice(1) : pointer;
  const p = deref<{ name: string; in: CompiledParameter['in']; required?: boolean; schema?: unknown }>(doc, raw);
  const schema = deref<{ type?: string | string[] }>(doc, p.schema ?? {});
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  return {
    name: p.name,
    in: p.in,
    required: p.required ?? p.in === 'path',
    schemaPointer: `${resolvedPointer}/schema`,
    type,
  };
}

function compileBody(
  doc: OpenApiDocument,
  raw: unknown,
  pointer: string,
): { required: boolean; schemaPointer: string } | undefined {
  const ref = (raw as { $ref?: string }).$ref;
  const base = ref ? ref.slice(1) : pointer;
  const body = deref<{ required?: boolean; content?: Record<string, unknown> }>(doc, raw);
  if (!body.content?.['application/json']) return undefined;
  return { required: body.required ?? false, schemaPointer: `${base}/content/application~1json/schema` };
}

function compileResponses(doc: OpenApiDocument, responses: Record<string, unknown>, pointer: string) {
  const out = new Map<string, Map<string, string | undefined>>();
  for (const [status, raw] of Object.entries(responses ?? {})) {
    const ref = (raw as { $ref?: string }).$ref;
    const base = ref ? ref.slice(1) : `${pointer}/${escapePointer(status)}`;
    const response = deref<{ content?: Record<string, { schema?: unknown }> }>(doc, raw);
    const byType = new Map<string, string | undefined>();
    for (const [type, media] of Object.entries(response.content ?? {})) {
      byType.set(type, media.schema ? `${base}/content/${escapePointer(type)}/schema` : undefined);
    }
    out.set(status, byType);
  }
  return out;
}

/** Each status's problem types, as the examples of its application/problem+json content name them. */
function compileProblemTypes(doc: OpenApiDocument, responses: Record<string, unknown>) {
  const out = new Map<string, Set<string>>();
  for (const [status, raw] of Object.entries(responses ?? {})) {
    const response = deref<{ content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> }>(
      doc,
      raw,
    );
    const media = response.content?.['application/problem+json'];
    if (!media) continue;
    const values = [
      media.example,
      ...Object.values(media.examples ?? {}).map((e) => deref<{ value?: unknown }>(doc, e).value),
    ];
    const types = new Set<string>();
    for (const value of values) {
      const type = (value as { type?: unknown } | undefined)?.type;
      if (typeof type === 'string') types.add(type);
    }
    out.set(status, types);
  }
  return out;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  // Exactly the template, as the router sees paths: `/me/` is not `/me`.
  return new RegExp(`^${source}$`);
}

function countParameters(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is left as it is, and the schema check will refuse it
  }
}
