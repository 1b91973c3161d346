// The parsed-contract cache of contracts/index.ts: a document read from the cache is the document
// the YAML gives, a changed or damaged cache file never changes what is loaded, and `off` turns
// the cache off.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_NAMES, loadContract } from '../../contracts/index.ts';

let dir: string;
const saved = process.env.MINLAEGE_SANDBOX_CACHE;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minlaege-contract-cache-'));
  process.env.MINLAEGE_SANDBOX_CACHE = dir;
});

afterEach(() => {
  if (saved === undefined) delete process.env.MINLAEGE_SANDBOX_CACHE;
  else process.env.MINLAEGE_SANDBOX_CACHE = saved;
  rmSync(dir, { recursive: true, force: true });
});

function fromYaml(name: (typeof CONTRACT_NAMES)[number]) {
  process.env.MINLAEGE_SANDBOX_CACHE = 'off';
  try {
    return loadContract(name);
  } finally {
    process.env.MINLAEGE_SANDBOX_CACHE = dir;
  }
}

describe('the parsed-contract cache', () => {
  it.each(CONTRACT_NAMES)('gives %s exactly as its YAML does, first parsed and then cached', (name) => {
    const expected = fromYaml(name);
    expect(readdirSync(dir)).toEqual([]);
    expect(loadContract(name)).toEqual(expected); // parsed, and written to the cache
    expect(readdirSync(dir)).toEqual([expect.stringMatching(new RegExp(`^${name}\\.[0-9a-f]{32}\\.json$`))]);
    expect(loadContract(name)).toEqual(expected); // read from the cache
  });

  it('parses the YAML again when the cache file is damaged', () => {
    const expected = fromYaml('app-platform');
    loadContract('app-platform');
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, String(file)), '{"openapi": "3.1.0", "pa');
    expect(loadContract('app-platform')).toEqual(expected);
  });

  it('gives each caller its own copy, so one changing it changes nothing for the next', () => {
    const first = loadContract('app-platform');
    first.paths = {};
    expect(Object.keys(loadContract('app-platform').paths).length).toBeGreaterThan(0);
  });

  it('writes nothing when turned off', () => {
    fromYaml('platform-journal');
    expect(readdirSync(dir)).toEqual([]);
  });
});
