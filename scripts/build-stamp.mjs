/**
 * Is a build older than its sources? A build records a SHA-256 of its inputs' paths and contents in a
 * stamp; `npm start` rebuilds only when the hash of the inputs now differs.
 *
 * Content, not mtimes: a release unpacked with `tar x`, `cp -a` or `rsync -a` keeps the files' old
 * mtimes, so a newer source can look older than an existing build and a stale build would be served;
 * and `git checkout` touches files whose content did not change. Hashing the ~2 MB of sources costs
 * tens of milliseconds. Plain JS: it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Tests and editor leftovers never change what a build produces. */
const IGNORED = /(^|\/)(node_modules|\.[^/]*)$|\.test\.tsx?$/;

function listFiles(root, rel, out) {
  const abs = path.join(root, rel);
  if (!existsSync(abs) || IGNORED.test(rel)) return;
  if (statSync(abs).isDirectory()) {
    for (const entry of readdirSync(abs).sort()) listFiles(root, `${rel}/${entry}`, out);
  } else out.push(rel);
}

/** One hex hash over every input file (path and content), in a fixed order. */
export function hashInputs(root, inputs) {
  const files = [];
  for (const input of inputs) listFiles(root, input, files);
  const hash = createHash('sha256');
  for (const rel of files)
    hash
      .update(rel)
      .update('\0')
      .update(readFileSync(path.join(root, rel)))
      .update('\0');
  return hash.digest('hex');
}

export function readStamp(stampPath) {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return null;
  }
}

/** The build is current when its stamp names this inputs hash and its main output is still there. */
export function isCurrent(stampPath, inputsHash, mainOutput) {
  return existsSync(mainOutput) && readStamp(stampPath)?.inputs === inputsHash;
}

export function writeStamp(stampPath, inputsHash, extra = {}) {
  writeFileSync(stampPath, `${JSON.stringify({ inputs: inputsHash, builtAt: new Date().toISOString(), ...extra }, null, 2)}\n`);
}
