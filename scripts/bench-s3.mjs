#!/usr/bin/env node
// The S3 mock beside s3rver (the devDependency) and a bare node:http server with an in-memory Map
// (the ceiling), each in a child process of its own, driven by the same AWS SDK v3 clients on
// their defaults. Small-object load comes from --clients worker threads (client-pool.mjs), the
// same for every server, so the client's own CPU does not cap all three at one rate. Every
// measurement first runs one warm-up round per server that is not counted (a cold server, JIT
// and page cache make the first round much slower; the small-object warm-up lasts --warm-up
// seconds, its rates shown as the cold figures, then goes on until the server's CPU per request
// has settled, for at most --settle seconds), then rounds interleaved (each round runs
// every server, in an order that rotates) so background load meets all three alike; the table
// shows medians, the ratios the goals are judged by (each the median of its rounds' ratios), and
// the server's own CPU per request (read from /proc, whatever the client costs). Loopback only;
// stopped after 20 minutes.
//
//   node scripts/bench-s3.mjs [--quick] [--rounds N] [--seconds S] [--warm-up W] [--settle T] [--big-mib M] [--list-keys K] [--clients C]
//
// --rounds (3): counted rounds of every measurement; --seconds (2): length of each small-object
// run; --warm-up (10): length of each server's timed small-object warm-up (V8 goes on optimising
// the mock's request path, which is larger than the peers', for 8 to 25 s of load on 2 cores);
// --settle (40): the most the warm-up goes on after that, in runs of --seconds, until two runs
// in a row do not lower the server's CPU per request by 5%; --big-mib (1024): size of the big object (PutObject, GetObject, multipart in 16 MiB parts);
// --list-keys (10000): keys in the listed bucket; --clients (the machine's cores): load worker
// threads. --quick: 1 round, 1 s, 2 s warm-up and no settling, 256 MiB, 2000 keys.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startChild } from './bench-s3/child-servers.mjs';
import { clientPool } from './bench-s3/client-pool.mjs';
import { cpuMsOf } from './bench-s3/process-cpu.mjs';
import { goalTable, median } from './bench-s3/report.mjs';
import { withRssSampling } from './bench-s3/rss-sampler.mjs';
import { IN_FLIGHT, bigTransfer, clientFor, createBucket, listWalk, multipartPut, seedKeys } from './bench-s3/workloads.mjs';

const TIME_LIMIT_MS = 20 * 60_000;
const BUCKET = 'bench';
const MiB = 1024 * 1024;

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean' }, rounds: { type: 'string' }, seconds: { type: 'string' }, 'warm-up': { type: 'string' }, settle: { type: 'string' }, 'big-mib': { type: 'string' }, 'list-keys': { type: 'string' }, clients: { type: 'string' } },
});
const quick = args.quick ?? false;
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const seconds = Number(args.seconds ?? (quick ? 1 : 2));
const warmUpSeconds = Number(args['warm-up'] ?? (quick ? 2 : 10));
const settleSeconds = Number(args.settle ?? (quick ? 0 : 40));
/** A settling run that lowers the server's CPU per request by less than this is no new low. */
const STEADY_DROP = 0.05;
const SETTLED_AFTER = 2;
const bigMiB = Number(args['big-mib'] ?? (quick ? 256 : 1024));
const listKeys = Number(args['list-keys'] ?? (quick ? 2000 : 10_000));
const clients = Number(args.clients ?? availableParallelism());
const WARM_UP_MIB = 64;

const root = await mkdtemp(path.join(tmpdir(), 'standin-bench-s3-'));
const servers = [];
const cleanUp = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await rm(root, { recursive: true, force: true });
};
const overTime = setTimeout(() => {
  console.error(`bench-s3: still running after ${TIME_LIMIT_MS / 60_000} minutes, stopping`);
  cleanUp().finally(() => process.exit(1));
}, TIME_LIMIT_MS);

const began = performance.now();
const log = (text) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${text}`);

/** The servers in a different order each round, so none is always first or last. */
const rotated = (round) => servers.map((_, i) => servers[(i + round) % servers.length]);

const shown = (value) => (typeof value === 'number' ? value.toFixed(1) : Object.entries(value).map(([name, v]) => `${name} ${v.toFixed(1)}`).join(' '));

/**
 * Runs `measure(server, round)` for every server: a warm-up round (round -1, not counted), then
 * `rounds` times interleaved; resolves to { rounds: { name: [values] }, warmUp: { name: value } }.
 */
async function interleaved(label, measure) {
  const warmUp = {};
  for (const server of servers) warmUp[server.name] = await measure(server, -1);
  log(`${label} warm-up (not counted): ${servers.map((server) => `${server.name} ${shown(warmUp[server.name])}`).join('; ')}`);
  const results = Object.fromEntries(servers.map((server) => [server.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const server of rotated(round)) results[server.name].push(await measure(server, round));
    log(`${label} round ${round + 1}/${rounds}: ${servers.map((server) => `${server.name} ${shown(results[server.name].at(-1))}`).join('; ')}`);
  }
  return { rounds: results, warmUp };
}

/**
 * Runs `run` (one small-object run) again until the server's CPU per request stops falling: until
 * SETTLED_AFTER runs in a row do not beat the lowest so far by STEADY_DROP (one run alone can be
 * a blip on a noisy machine), for at most --settle seconds. Resolves to the CPU per request of
 * each run. On a busy 2-core machine V8 can take two or three times the timed warm-up to finish
 * compiling the mock's request path, and rounds counted before it has measure the compiler
 * rather than the server.
 */
async function untilSteady(run) {
  const deadline = performance.now() + settleSeconds * 1000;
  const cpuPerRequest = [];
  let lowest = Infinity;
  let runsWithoutNewLow = 0;
  while (runsWithoutNewLow < SETTLED_AFTER && performance.now() < deadline) {
    const { cpuMsPerOp } = await run();
    cpuPerRequest.push(cpuMsPerOp);
    runsWithoutNewLow = cpuMsPerOp < lowest * (1 - STEADY_DROP) ? 0 : runsWithoutNewLow + 1;
    lowest = Math.min(lowest, cpuMsPerOp);
  }
  return cpuPerRequest;
}

/** A table row's numbers: each server's median over the rounds, and its value in each round. */
const summary = (results, pick = (value) => value) => ({
  values: Object.fromEntries(Object.entries(results).map(([name, values]) => [name, median(values.map(pick))])),
  rounds: Object.fromEntries(Object.entries(results).map(([name, values]) => [name, values.map(pick)])),
});

try {
  log(`starting s3rver, bare node:http + Map and the standin S3 mock on Node ${process.versions.node} (rounds ${rounds} after a warm-up of ${warmUpSeconds} s for small objects and at most ${settleSeconds} s more until the server's CPU per request settles, ${seconds} s runs, ${bigMiB} MiB big object, ${listKeys} listed keys, ${IN_FLIGHT} in flight from ${clients} client threads)`);
  servers.push(
    // Each server with the key pair it accepts by default.
    { name: 's3rver', credentials: ['S3RVER', 'S3RVER'], ...(await startChild('s3rver-server.mjs', { S3RVER_DATA_DIR: path.join(root, 's3rver') }, ['--openssl-legacy-provider'])) },
    { name: 'bare', credentials: ['any', 'any'], ...(await startChild('peer-server.mjs', {})) },
    { name: 'standin', credentials: ['test-key', 'test-secret'], ...(await startChild('s3-mock-server.mjs', { MOCK_DATA_DIR: path.join(root, 'standin') })) },
  );
  for (const server of servers) {
    server.client = clientFor(server.url, server.credentials);
    server.pool = await clientPool(server.url, server.credentials, clients);
    await createBucket(server.client, BUCKET);
    await createBucket(server.client, 'listed');
  }

  const rows = [];
  const keysEach = {};
  for (const op of ['PUT', 'GET', 'HEAD']) {
    const smallRun = async (server, runSeconds) => {
      const serverBefore = cpuMsOf(server.pid);
      const clientBefore = cpuMsOf(process.pid);
      const run = await server.pool.smallOps({ bucket: BUCKET, op, seconds: runSeconds, inFlight: IN_FLIGHT, bodySize: 4096, keys: keysEach[server.name] });
      if (op === 'PUT') keysEach[server.name] = Math.max(keysEach[server.name] ?? 0, run.keysEach);
      return { opsPerSecond: run.perSecond, cpuMsPerOp: (cpuMsOf(server.pid) - serverBefore) / run.done, clientCpuMsPerOp: (cpuMsOf(process.pid) - clientBefore) / run.done };
    };
    const { rounds: results, warmUp } = await interleaved(`${op} 4 KiB ops/s, server CPU ms/op`, async (server, round) => {
      if (round >= 0) return smallRun(server, seconds);
      const cold = await smallRun(server, warmUpSeconds);
      const settling = await untilSteady(() => smallRun(server, seconds));
      if (settling.length > 0) log(`${op} ${server.name}: server CPU ms/op in the runs after the timed warm-up: ${settling.map((cpu) => cpu.toFixed(3)).join(', ')}`);
      return cold;
    });
    const cold = Object.fromEntries(Object.entries(warmUp).map(([name, value]) => [name, [value]]));
    rows.push(
      { metric: `${op} 4 KiB ops/s`, goal: 'ops', ...summary(results, (r) => r.opsPerSecond) },
      { metric: `${op} server CPU ms per request`, goal: 'cpu', ...summary(results, (r) => r.cpuMsPerOp) },
      { metric: `${op} client CPU ms per request (the load)`, goal: 'info', ...summary(results, (r) => r.clientCpuMsPerOp) },
      { metric: `${op} ops/s in the warm-up (cold, first ${warmUpSeconds} s)`, goal: 'info', ...summary(cold, (r) => r.opsPerSecond) },
    );
  }

  log(`seeding ${listKeys} keys into each server`);
  for (const server of servers) await seedKeys(server.client, 'listed', listKeys);
  const { rounds: listing } = await interleaved(`ListObjectsV2 over ${listKeys} keys, ms`, (server) => listWalk(server.client, 'listed', listKeys));
  rows.push({ metric: `ListObjectsV2 over ${listKeys} keys, ms`, goal: 'list', ...summary(listing) });

  const big = Buffer.allocUnsafe(bigMiB * MiB);
  for (let offset = 0; offset < big.length; offset += MiB) randomFillSync(big, offset, Math.min(MiB, big.length - offset));
  const { rounds: transfers } = await interleaved(`big PUT/GET + multipart (${bigMiB} MiB)`, async (server, round) => {
    // The warm-up round moves a smaller object: it warms the code, not the disk.
    const body = round < 0 ? big.subarray(0, Math.min(big.length, WARM_UP_MIB * MiB)) : big;
    const sampled = await withRssSampling(server.pid, async () => ({ ...(await bigTransfer(server.client, BUCKET, body)), multipartMBps: await multipartPut(server.client, BUCKET, body) }));
    return { ...sampled.result, peakRssMB: sampled.peakRss / 1e6 };
  });
  rows.push(
    { metric: `big PUT MB/s (${bigMiB} MiB)`, goal: 'bulk', ...summary(transfers, (t) => t.putMBps) },
    { metric: `big GET MB/s (${bigMiB} MiB)`, goal: 'bulk', ...summary(transfers, (t) => t.getMBps) },
    { metric: 'multipart PUT MB/s (16 MiB parts, 4 in flight)', goal: 'bulk', ...summary(transfers, (t) => t.multipartMBps) },
    { metric: `server peak RSS during the big transfers, MB`, goal: 'rss', ...summary(transfers, (t) => t.peakRssMB) },
  );

  const table = goalTable(rows);
  console.log(`\nS3: medians of ${rounds} interleaved round(s) after a warm-up; AWS SDK v3 on defaults, ${IN_FLIGHT} in flight from ${clients} client threads for 4 KiB objects; whole bench ${((performance.now() - began) / 1000).toFixed(0)} s`);
  console.table(table);
  const met = table.filter((row) => row.met === 'yes').length;
  const goals = table.filter((row) => row.met !== '–').length;
  console.log(JSON.stringify({ bench: 's3', node: process.versions.node, rounds, seconds, warm_up_seconds: warmUpSeconds, settle_seconds: settleSeconds, big_mib: bigMiB, list_keys: listKeys, clients, goals_met: `${met}/${goals}`, rows }));
} catch (error) {
  console.error(`bench-s3 failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  clearTimeout(overTime);
  await Promise.all(servers.map((server) => server.client?.destroy()));
  await Promise.all(servers.map((server) => server.pool?.close()));
  await cleanUp();
}
