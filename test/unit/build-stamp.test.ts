import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashInputs, isCurrent, writeStamp } from '../../scripts/build-stamp.mjs';

const root = mkdtempSync(path.join(os.tmpdir(), 'taizhang-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};

describe('npm start rebuilds only what changed (scripts/build-stamp.mjs)', () => {
  it('the inputs hash follows content and names, not mtimes or tests', () => {
    write('server/main.ts', 'serve()');
    write('server/main.test.ts', 'it()');
    write('package-lock.json', '{}');
    const inputs = ['server', 'package-lock.json', 'missing-folder'];
    const first = hashInputs(root, inputs);

    // A checkout or `touch` that leaves the content alone, and an older mtime from `tar x` / `cp -a`: no rebuild.
    utimesSync(path.join(root, 'server/main.ts'), new Date(), new Date(Date.now() + 3600_000));
    utimesSync(path.join(root, 'package-lock.json'), new Date(0), new Date(0));
    write('server/main.test.ts', 'it("changed")');
    expect(hashInputs(root, inputs)).toBe(first);

    write('server/main.ts', 'serve(1)');
    const edited = hashInputs(root, inputs);
    expect(edited).not.toBe(first);
    write('server/extra.ts', '');
    expect(hashInputs(root, inputs)).not.toBe(edited);
  });

  it('a build is current only with its stamp naming this hash and its main output still there', () => {
    write('out/main.js', '');
    const stamp = path.join(root, 'out/build-info.json');
    expect(isCurrent(stamp, 'abc', path.join(root, 'out/main.js'))).toBe(false);
    writeStamp(stamp, 'abc', { version: '1.0.0' });
    expect(isCurrent(stamp, 'abc', path.join(root, 'out/main.js'))).toBe(true);
    expect(isCurrent(stamp, 'abd', path.join(root, 'out/main.js'))).toBe(false);
    expect(isCurrent(stamp, 'abc', path.join(root, 'out/gone.js'))).toBe(false);
  });
});
