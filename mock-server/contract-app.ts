/**
 * A Hono app for one side of a contract, with what every such app needs: request and response
 * validation against the document, every refusal rendered as problem+json, an unknown path as
 * not-found, and an unexpected error as a logged 500 "Sandbox bug" (never a stack trace).
 */
import { Hono } from 'hono';
import { type ContractName, loadContract, type OpenApiDocument } from '../contracts/index.ts';
import { isSandboxError, problemResponse, SandboxError } from './errors.ts';
import { contractValidation, type ValidationMode } from './middleware/contract-validation/index.ts';

export interface ContractAppOptions {
  validation?: ValidationMode;
  log: (message: string) => void;
}

// One parsed document per contract and process, so every app on a contract (each sandbox, each
// clinic's fake journal, each test's) shares its compiled matchers and validators.
const documents = new Map<ContractName, OpenApiDocument>();

export function documentOf(contract: ContractName): OpenApiDocument {
  let doc = documents.get(contract);
  if (!doc) {
    doc = loadContract(contract);
    documents.set(contract, doc);
  }
  return doc;
}

export function createContractApp(contract: ContractName, options: ContractAppOptions): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (isSandboxError(error)) return error.toResponse(new URL(c.req.url).pathname);
    options.log(`minlaege-sandbox: ${c.req.method} ${c.req.path} failed: ${error.stack ?? String(error)}`);
    return problemResponse({ type: 'about:blank', title: 'Sandbox bug', status: 500, detail: error.message });
  });
  app.notFound((c) =>
    new SandboxError('not-found', `No such resource: ${c.req.method} ${c.req.path}`).toResponse(c.req.path),
  );
  app.use(contractValidation(documentOf(contract), { mode: options.validation ?? 'strict', log: options.log }));
  return app;
}
