#!/usr/bin/env node
// `npm run bench`: runs every scripts/bench-*.mjs in turn (each bounded in time, loopback only)
// and prints the summary line each one reports, a ratio against a peer run side by side.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = path.dirname(fileURLToPath(import.meta.url));
// `npm run bench -- s3 --rounds 5`: the names before the first option pick benchmarks; that option
// and everything after it, values included, go to each of them.
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const only = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const benches = readdirSync(scripts)
  .filter((file) => /^bench-.+\.mjs$/.test(file))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, [path.join(scripts, file), ...options], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
console.log(`\nbench: ${benches.length - failed} of ${benches.length} benchmarks ran`);
process.exit(failed > 0 ? 1 : 0);
