// Whole-or-nothing output files (cli/output-file.ts), as generate --out and verify's reports use them.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutputStream, outputPlan, writeWhole } from '../../cli/output-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minlaege-output-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeWhole', () => {
  it('writes a new file and replaces an earlier one, leaving no partial file', () => {
    const file = join(dir, 'report.xml');
    writeWhole(file, 'first');
    writeWhole(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['report.xml']);
  });

  it('writes through a symbolic link, which stays a link', () => {
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeWhole(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json']);
  });

  it('writes a device directly', () => {
    expect(outputPlan('/dev/null')).toEqual({ writeTo: '/dev/null', renameTo: undefined });
    writeWhole('/dev/null', 'into nothing');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('fails with the file system’s code for a directory or a missing folder, leaving nothing', () => {
    expect(() => writeWhole(dir, 'x')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => writeWhole(join(dir, 'missing', 'file'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('openOutputStream', () => {
  it('puts the file in place only on commit, through a link, and abandon leaves the earlier file', async () => {
    const real = join(dir, 'patients.ndjson');
    const link = join(dir, 'latest.ndjson');
    writeFileSync(real, 'earlier\n');
    symlinkSync(real, link);

    const abandoned = await openOutputStream(link, 1024);
    abandoned.stream.write('half a line');
    abandoned.abandon();
    expect(readFileSync(real, 'utf8')).toBe('earlier\n');
    expect(readdirSync(dir).sort()).toEqual(['latest.ndjson', 'patients.ndjson']);

    const output = await openOutputStream(link, 1024);
    output.stream.write('line 1\n');
    expect(readFileSync(real, 'utf8')).toBe('earlier\n'); // not yet in place
    await output.commit();
    expect(readFileSync(real, 'utf8')).toBe('line 1\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['latest.ndjson', 'patients.ndjson']);
  });
});
