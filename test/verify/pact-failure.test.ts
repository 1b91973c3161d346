// When the Pact verifier dies without a report, the check's reason is one line for the report:
// never its stack, its source lines or its colour codes.
import { describe, expect, it } from 'vitest';
import { verifierFailure } from '../../verify/checks/pact.ts';

const ESC = String.fromCharCode(27);

describe('verifierFailure', () => {
  it('names a dropped connection as such', () => {
    const output = `/work/main/node_modules/http-proxy/lib/http-proxy/index.js:120
    throw err;
    ^

Error: socket hang up
    at Socket.socketOnEnd (node:_http_client:528:25)
    at Socket.emit (node:events:536:35)

Node.js v20.20.2`;
    expect(verifierFailure(output)).toBe(
      'the journal closed or refused the connection while the interactions were replayed',
    );
  });

  it('gives the error the verifier died of, without stack or colour', () => {
    const output = `${ESC}[31mVerifying a pact${ESC}[0m
/x/y/verifier.js:10
TypeError: Cannot read properties of undefined (reading 'x')
    at run (/x/y/verifier.js:10:5)
    at node:internal/process/task_queues:95:5`;
    const reason = verifierFailure(output);
    expect(reason).toBe("TypeError: Cannot read properties of undefined (reading 'x')");
    expect(reason).not.toContain(ESC);
  });
});
