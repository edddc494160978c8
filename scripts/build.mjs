#!/usr/bin/env node
// npm run build (and prestart, pretest, prepack): compiles src/, generated/ and scripts/ with tsc
// into a new folder beside dist/ and puts that folder in dist/'s place, so dist/ holds only what
// the sources make now: a file removed from src/ leaves nothing behind to ship in the package or
// to run. Until the new folder is complete (and if tsc fails) dist/ stays as it was, for whatever
// runs from it meanwhile. Both folders are dist/'s siblings, so the source maps' relative paths hold.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// named by process, so two builds at once do not write into one folder
const fresh = path.join(root, `dist.build-${process.pid}`);
const replaced = path.join(root, `dist.replaced-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', fresh], { stdio: 'inherit' });
  try {
    renameSync(dist, replaced);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error; // a first build: there is no dist/ yet
  }
  renameSync(fresh, dist);
} catch (error) {
  // tsc has printed its errors; anything else is said here
  if (error.status === undefined) console.error(`build: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(fresh, { recursive: true, force: true });
  rmSync(replaced, { recursive: true, force: true });
}
