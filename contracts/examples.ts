/**
 * Finds every example in an OpenAPI 3.1 document together with the schema it illustrates, so
 * that each can be checked against that schema. Covers media types, parameters and headers
 * (`example` / `examples`, with `$ref`s to `components/examples` followed) and JSON Schema
 * `examples` arrays inside schemas.
 */
import { deref, escapePointer, type OpenApiDocument } from './index.ts';

export interface ExampleEntry {
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string;
  /** Where the example stands, as a JSON pointer (for messages). */
  examplePointer: string;
  value: unknown;
}

/** Every example in the document with the pointer of its schema. */
export function collectExamples(doc: OpenApiDocument): ExampleEntry[] {
  const out: ExampleEntry[] = [];
  walk(doc, '', false);
  return out;

  function walk(node: unknown, pointer: string, inSchema: boolean): void {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${pointer}/${i}`, inSchema);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;

    if (inSchema) {
      if (Array.isArray(obj.examples)) {
        obj.examples.forEach((value, i) => {
          out.push({ schemaPointer: pointer, examplePointer: `${pointer}/examples/${i}`, value });
        });
      }
      if ('example' in obj)
        out.push({ schemaPointer: pointer, examplePointer: `${pointer}/example`, value: obj.example });
    } else if (obj.schema && typeof obj.schema === 'object') {
      // A media type, parameter or header: its examples illustrate its `schema`.
      const schemaPointer = `${pointer}/schema`;
      if ('example' in obj) out.push({ schemaPointer, examplePointer: `${pointer}/example`, value: obj.example });
      if (obj.examples && typeof obj.examples === 'object' && !Array.isArray(obj.examples)) {
        for (const [name, ex] of Object.entries(obj.examples as Record<string, unknown>)) {
          const resolved = deref<{ value?: unknown; externalValue?: string }>(doc, ex);
          if (resolved && 'value' in resolved) {
            out.push({
              schemaPointer,
              examplePointer: `${pointer}/examples/${escapePointer(name)}`,
              value: resolved.value,
            });
          }
        }
      }
    }

    for (const [key, child] of Object.entries(obj)) {
      const childPointer = `${pointer}/${escapePointer(key)}`;
      if (inSchema) {
        // Inside a schema, `examples`/`example` are data, `properties` maps names to schemas, and
        // `const`/`default`/`enum` are values; everything else that is an object is a subschema.
        if (key === 'examples' || key === 'example' || key === 'const' || key === 'default' || key === 'enum') continue;
        walk(child, childPointer, true);
      } else if (key === 'schema') {
        walk(child, childPointer, true);
      } else if (pointer === '/components' && key === 'schemas') {
        for (const [name, schema] of Object.entries(child as Record<string, unknown>)) {
          walk(schema, `${childPointer}/${escapePointer(name)}`, true);
        }
      } else if (key === 'examples' || key === 'example') {
        // Already collected above against the sibling schema; `components/examples` are reached by $ref.
      } else {
        walk(child, childPointer, false);
      }
    }
  }
}
