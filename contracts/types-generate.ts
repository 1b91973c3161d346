/**
 * Generates the TypeScript types of a contract with openapi-typescript. Shared by the
 * `contracts:types` script, which writes them to `contracts/types/`, and by the drift test, which
 * fails when the committed types differ from what the documents generate.
 */
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { type ContractName, contractPath } from './index.ts';

/** The path of a contract's committed type file. */
export function typesPath(name: ContractName): string {
  return fileURLToPath(new URL(`./types/${name}.d.ts`, import.meta.url));
}

/** The type file's text for a contract, exactly as committed. */
export async function generateTypes(name: ContractName): Promise<string> {
  const ast = await openapiTS(new URL(`file://${contractPath(name)}`), {
    alphabetize: false,
    exportType: false,
  });
  const header = [
    `// Generated from contracts/${name}.openapi.yaml by openapi-typescript (npm run contracts:types).`,
    '// Do not edit: change the contract and regenerate. A test fails when this file is out of step.',
    '',
  ].join('\n');
  return header + astToString(ast);
}
