// The README stays true to the contracts and the problem catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_NAMES, listOperations, loadContract } from '../contracts/index.ts';
import { PROBLEM_KINDS, PROBLEM_TYPES, problemTypeUri } from '../domain/problem-types.ts';

// Table cells are padded by the formatter; compare with runs of spaces folded.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/[ \t]+/g, ' ');

describe('README', () => {
  it.each(CONTRACT_NAMES)('lists every operation of %s with its method and path', (name) => {
    const missing = listOperations(loadContract(name))
      .map((op) => `| ${op.method.toUpperCase()} | \`${op.path}\` | \`${op.operationId}\` |`)
      .filter((row) => !readme.includes(row));
    expect(missing).toEqual([]);
  });

  it('lists every problem type with its status', () => {
    const missing = PROBLEM_KINDS.filter(
      (kind) => !readme.includes(`| \`${problemTypeUri(kind)}\` | ${PROBLEM_TYPES[kind].status} |`),
    );
    expect(missing).toEqual([]);
  });

  it('names the test command that CI runs', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    const command = /^npm test$/m.exec(ci)?.[0];
    expect(command).toBe('npm test');
    expect(readme).toMatch(/^npm test\s/m);
  });
});
