/**
 * JSON Schema validation against a contract, compiled once. The whole OpenAPI document is
 * registered with Ajv under a URN so that any schema in it is addressed by its JSON pointer and
 * its `$ref`s resolve in place; no schema is copied or bundled. Used by the contract checks, and
 * by the server's validation middleware.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { escapePointer, type OpenApiDocument } from './index.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as FormatsPlugin;

/** One failed check: where in the value, and what was expected. */
export interface SchemaIssue {
  /** JSON pointer into the validated value ('' for the value itself). */
  pointer: string;
  message: string;
}

export interface ContractSchemaValidator {
  /** Validates a value against the schema at a JSON pointer of the document. */
  validate(schemaPointer: string, value: unknown): SchemaIssue[];
  /** The pointer of a component schema, e.g. `schemaOf('Problem')`. */
  schemaOf(componentName: string): string;
}

/** Compiles validators for one contract document; each schema is compiled on first use and kept. */
export function createSchemaValidator(
  doc: OpenApiDocument,
  id = 'urn:minlaege-sandbox:contract',
): ContractSchemaValidator {
  const ajv = new Ajv2020({
    strict: false, // OpenAPI adds keywords (discriminator, xml, example) that are not JSON Schema
    allErrors: true,
    validateFormats: true,
    // Checking the document against the JSON Schema meta-schema checks nothing here (an OpenAPI
    // document's schemas sit under paths and components, where the meta-schema does not look) and
    // compiling the meta-schema was a third of making a validator. The documents themselves are
    // checked against the OpenAPI 3.1 schema by test/contracts.
    validateSchema: false,
  });
  addFormats(ajv);
  const { $id: _ignored, ...rest } = doc as Record<string, unknown>;
  ajv.addSchema({ ...rest, $id: id });
  const compiled = new Map<string, ValidateFunction>();

  function compile(pointer: string): ValidateFunction {
    let fn = compiled.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${id}#${pointer.split('/').map(encodeURIComponentPointer).join('/')}` });
      compiled.set(pointer, fn);
    }
    return fn;
  }

  return {
    validate(schemaPointer, value) {
      const fn = compile(schemaPointer);
      return fn(value) ? [] : toIssues(fn.errors ?? []);
    },
    schemaOf(componentName) {
      return `/components/schemas/${escapePointer(componentName)}`;
    },
  };
}

// A JSON pointer inside a URI fragment must also be URI-encoded ({, } and spaces in paths).
function encodeURIComponentPointer(segment: string): string {
  return encodeURIComponent(segment).replaceAll('%7E', '~');
}

function toIssues(errors: ErrorObject[]): SchemaIssue[] {
  return errors.map((e) => {
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      message = `has an unknown property '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`;
    } else if (e.keyword === 'enum') {
      message = `must be one of ${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)}`;
    }
    return { pointer: e.instancePath, message };
  });
}
