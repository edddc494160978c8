#!/usr/bin/env node
// Start-up time: from spawning a fresh `node` to every server answering GET /health with 200,
// for the S3 mock alone and for all servers, through the CLI (`standin start ...`, file storage)
// and through `start()` (memory storage, port 0), beside s3rver (ready = its first answer).
// Goals (README, "Speed"): S3 mock alone < 500 ms, all servers < 1.5 s. Median of --rounds (5; --quick 2).
// Beside the wall time, the CPU time the process used until then (user + system, from /proc):
// on a machine busy with other work the wall time grows, the CPU time much less.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMsOf } from './bench-s3/process-cpu.mjs';
import { median } from './bench-s3/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'src', 'cli.js');
const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, rounds: { type: 'string' } }, strict: false });
const rounds = Number(args.rounds ?? (args.quick ? 2 : 5));

/** Polls `url` every 5 ms until it answers `ok`; gives up after 20 s. */
async function answering(url, ok = (status) => status === 200) {
  const deadline = performance.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (ok(response.status)) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with the URLs a child reports: the CLI prints them, the others send them over IPC. */
function urlsOf(child, count) {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
    if (child.stdout) {
      const urls = [];
      child.stdout.setEncoding('utf8').on('data', (text) => {
        for (const match of text.matchAll(/^standin: .*?(http:\/\/\S+)/gm)) urls.push(match[1]);
        if (urls.length === count) resolve(urls);
      });
    } else {
      child.once('message', (message) => resolve(message.urls ?? [message.url]));
    }
  });
}

const stopped = (child) => new Promise((resolve) => {
  if (child.exitCode !== null) return resolve();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  child.once('exit', () => { clearTimeout(timer); resolve(); });
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
});

const { SERVER_NAMES } = await import(path.join(here, '..', 'dist', 'src', 'server-names.js'));
const { SERVERS } = await import(path.join(here, '..', 'dist', 'src', 'servers.js'));
/** Every server on an ephemeral port, through its own port variable. */
const ephemeralPorts = Object.fromEntries(SERVER_NAMES.map((name) => [SERVERS[name].portVariable, '0']));
const CASES = [
  {
    name: 'S3 mock alone, CLI',
    goalMs: 500,
    launch: (dataDir) => spawn(process.execPath, [cli, 'start', 's3'], { env: { ...process.env, S3_PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] }),
    servers: 1,
  },
  {
    name: 'S3 mock alone, start()',
    goalMs: 500,
    launch: () => fork(path.join(here, 'bench-startup', 'start-child.mjs'), ['s3'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    servers: 1,
  },
  {
    name: `all ${SERVER_NAMES.length} servers, CLI`,
    goalMs: 1500,
    launch: (dataDir) => spawn(process.execPath, [cli, 'start', 'all'], {
      env: { ...process.env, ...ephemeralPorts, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
    servers: SERVER_NAMES.length,
  },
  {
    name: `all ${SERVER_NAMES.length} servers, start()`,
    goalMs: 1500,
    launch: () => fork(path.join(here, 'bench-startup', 'start-child.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    servers: SERVER_NAMES.length,
  },
  {
    name: 's3rver (reference)',
    launch: (dataDir) => fork(path.join(here, 'bench-s3', 's3rver-server.mjs'), [], { execArgv: ['--openssl-legacy-provider'], env: { ...process.env, S3RVER_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    servers: 1,
    ready: (url) => answering(`${url}/`, (status) => status < 500),
  },
];

async function timeOnce(testCase) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'standin-bench-startup-'));
  const started = performance.now();
  const child = testCase.launch(dataDir);
  try {
    const urls = await urlsOf(child, testCase.servers);
    await Promise.all(urls.map((url) => (testCase.ready ?? ((u) => answering(`${u}/health`)))(url)));
    return { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid) };
  } finally {
    await stopped(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const times = new Map(CASES.map((testCase) => [testCase, []]));
for (let round = 0; round < rounds; round += 1) {
  for (const testCase of CASES) times.get(testCase).push(await timeOnce(testCase));
  console.log(`round ${round + 1}/${rounds}: ${CASES.map((c) => `${c.name} ${times.get(c).at(-1).ms.toFixed(0)} ms`).join('; ')}`);
}
const table = CASES.map((testCase) => {
  const ms = median(times.get(testCase).map((time) => time.ms));
  const cpuMs = median(times.get(testCase).map((time) => time.cpuMs));
  return { start: testCase.name, 'median ms': ms.toFixed(0), 'CPU ms': cpuMs.toFixed(0), goal: testCase.goalMs ? `< ${testCase.goalMs} ms` : '–', met: testCase.goalMs ? (ms < testCase.goalMs ? 'yes' : 'NO') : '–' };
});
console.log(`\nStart-up, spawn to every /health answering 200 (median of ${rounds}; CPU ms: what the process used until then)`);
console.table(table);
console.log(JSON.stringify({ bench: 'startup', rounds, cases: table }));
