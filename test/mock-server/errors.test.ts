// An error no part of the sandbox meant to raise is a sandbox bug: logged in full, answered as a
// 500 problem that points at the log and carries neither the error's message nor its stack.
import { describe, expect, it } from 'vitest';
import { sandboxBugResponse } from '../../mock-server/errors.ts';

describe('sandboxBugResponse', () => {
  it('logs the stack and answers without internals or CPR numbers', async () => {
    const logged: string[] = [];
    const error = new TypeError("Cannot read properties of undefined (reading 'query') for 010190-1234");
    const res = sandboxBugResponse(error, { method: 'GET', path: '/patients/010190-1234/x' }, (m) => logged.push(m));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(text).not.toMatch(/Cannot read|TypeError|010190|1234|at /);
    expect(JSON.parse(text)).toMatchObject({ title: 'Sandbox bug', status: 500 });
    expect(JSON.parse(text).detail).toContain('/patients/******-****/x');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('TypeError');
    expect(logged[0]).not.toContain('010190-1234');
    expect(logged[0]).toContain('/patients/******-****/x failed');
  });
});
