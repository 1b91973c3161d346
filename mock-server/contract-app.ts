/**
 * A Hono app for one side of a contract, with what every such app needs: request and response
 * validation against the document, every refusal rendered as problem+json, an unknown path as
 * not-found, a known path with a method it has no operation for as method-not-allowed (with
 * `Allow`), and an unexpected error as a logged 500 "Sandbox bug" (never a stack trace).
 */
import { Hono } from 'hono';
import { type ContractName, loadContract, type OpenApiDocument } from '../contracts/index.ts';
import { allowedMethods } from '../contracts/operations.ts';
import { isSandboxError, problemResponse, SandboxError, sandboxBugResponse } from './errors.ts';
import {
  type ContractValidationOptions,
  compiledContract,
  contractValidation,
  type ValidationMode,
} from './middleware/contract-validation/index.ts';

export interface ContractAppOptions {
  validation?: ValidationMode;
  /** The largest request body, in bytes or by operation id (default: the data contracts' 22 MiB). */
  maxBodyBytes?: ContractValidationOptions['maxBodyBytes'];
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
    if (isSandboxError(error)) return error.toResponse(c.req.path);
    return sandboxBugResponse(error, c.req, options.log);
  });
  const doc = documentOf(contract);
  const { operations } = compiledContract(doc);
  app.notFound((c) => {
    const path = c.req.path;
    // A path of the contract asked with another method: 405 and the methods it has, not a 404
    // that would suggest the path itself is wrong.
    const allowed = allowedMethods(operations, path);
    if (allowed.length > 0) {
      const error = new SandboxError(
        'method-not-allowed',
        `${c.req.method} is not an operation on ${path}; it has ${allowed.join(', ')}.`,
      );
      return problemResponse(error.toProblem(path), { allow: allowed.join(', ') });
    }
    return new SandboxError('not-found', `No such resource: ${c.req.method} ${path}`).toResponse(path);
  });
  app.use(
    contractValidation(doc, {
      mode: options.validation ?? 'strict',
      log: options.log,
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    }),
  );
  return app;
}
