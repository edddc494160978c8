#!/usr/bin/env node
// The S3 mock beside s3rver (the devDependency) and a bare node:http server with an in-memory Map
// (the ceiling), each in a child process of its own, driven by the same AWS SDK v3 client on its
// defaults from this process. Rounds are interleaved (each round runs every server, in an order
// that rotates) so background load meets all three alike; the table shows medians and the
// ratios the goals are judged by. Loopback only; bounded in time (stopped after 12 minutes).
//
//   node scripts/bench-s3.mjs [--quick] [--rounds N] [--seconds S] [--big-mib M] [--list-keys K]
//
// --rounds (3): rounds of every measurement; --seconds (2): length of each small-object run;
// --big-mib (1024): size of the big object (PutObject, GetObject, multipart in 16 MiB parts);
// --list-keys (10000): keys in the listed bucket. --quick: 1 round, 1 s, 256 MiB, 2000 keys.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startChild } from './bench-s3/child-servers.mjs';
import { goalTable, median } from './bench-s3/report.mjs';
import { withRssSampling } from './bench-s3/rss-sampler.mjs';
import { IN_FLIGHT, bigTransfer, clientFor, createBucket, listWalk, multipartPut, seedKeys, smallOps } from './bench-s3/workloads.mjs';

const TIME_LIMIT_MS = 12 * 60_000;
const BUCKET = 'bench';
const MiB = 1024 * 1024;

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean' }, rounds: { type: 'string' }, seconds: { type: 'string' }, 'big-mib': { type: 'string' }, 'list-keys': { type: 'string' } },
});
const quick = args.quick ?? false;
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const seconds = Number(args.seconds ?? (quick ? 1 : 2));
const bigMiB = Number(args['big-mib'] ?? (quick ? 256 : 1024));
const listKeys = Number(args['list-keys'] ?? (quick ? 2000 : 10_000));

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

/** Runs `measure(server)` for every server, `rounds` times interleaved; resolves to { name: [values] }. */
async function interleaved(label, measure) {
  const results = Object.fromEntries(servers.map((server) => [server.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const server of rotated(round)) results[server.name].push(await measure(server));
    const shown = (value) => (typeof value === 'number' ? value.toFixed(1) : Object.entries(value).map(([name, v]) => `${name} ${v.toFixed(1)}`).join(' '));
    log(`${label} round ${round + 1}/${rounds}: ${servers.map((server) => `${server.name} ${shown(results[server.name].at(-1))}`).join('; ')}`);
  }
  return results;
}

const medians = (results, pick = (value) => value) => Object.fromEntries(Object.entries(results).map(([name, values]) => [name, median(values.map(pick))]));

try {
  log(`starting s3rver, bare node:http + Map and the standin S3 mock (rounds ${rounds}, ${seconds} s runs, ${bigMiB} MiB big object, ${listKeys} listed keys, ${IN_FLIGHT} in flight)`);
  servers.push(
    // Each server with the key pair it accepts by default.
    { name: 's3rver', credentials: ['S3RVER', 'S3RVER'], ...(await startChild('s3rver-server.mjs', { S3RVER_DATA_DIR: path.join(root, 's3rver') }, ['--openssl-legacy-provider'])) },
    { name: 'bare', credentials: ['any', 'any'], ...(await startChild('peer-server.mjs', {})) },
    { name: 'standin', credentials: ['test-key', 'test-secret'], ...(await startChild('s3-mock-server.mjs', { MOCK_DATA_DIR: path.join(root, 'standin') })) },
  );
  for (const server of servers) {
    server.client = clientFor(server.url, server.credentials);
    await createBucket(server.client, BUCKET);
    await createBucket(server.client, 'listed');
  }

  const small = Buffer.alloc(4096, 'standin ');
  const rows = [];
  const keysPut = {};
  for (const op of ['PUT', 'GET', 'HEAD']) {
    const results = await interleaved(`${op} 4 KiB ops/s`, async (server) => {
      const perSecond = await smallOps(server.client, BUCKET, op, { seconds, body: small, keys: op === 'PUT' ? Infinity : keysPut[server.name] });
      if (op === 'PUT') keysPut[server.name] = Math.max(keysPut[server.name] ?? 0, Math.floor(perSecond * seconds * 0.9));
      return perSecond;
    });
    rows.push({ metric: `${op} 4 KiB ops/s`, goal: 'ops', values: medians(results) });
  }

  log(`seeding ${listKeys} keys into each server`);
  for (const server of servers) await seedKeys(server.client, 'listed', listKeys);
  const listing = await interleaved(`ListObjectsV2 over ${listKeys} keys, ms`, (server) => listWalk(server.client, 'listed', listKeys));
  rows.push({ metric: `ListObjectsV2 over ${listKeys} keys, ms`, goal: 'list', values: medians(listing) });

  const big = Buffer.allocUnsafe(bigMiB * MiB);
  for (let offset = 0; offset < big.length; offset += MiB) randomFillSync(big, offset, Math.min(MiB, big.length - offset));
  const transfers = await interleaved(`big PUT/GET + multipart (${bigMiB} MiB)`, async (server) => {
    const sampled = await withRssSampling(server.pid, async () => ({ ...(await bigTransfer(server.client, BUCKET, big)), multipartMBps: await multipartPut(server.client, BUCKET, big) }));
    return { ...sampled.result, peakRssMB: sampled.peakRss / 1e6 };
  });
  rows.push(
    { metric: `big PUT MB/s (${bigMiB} MiB)`, goal: 'bulk', values: medians(transfers, (t) => t.putMBps) },
    { metric: `big GET MB/s (${bigMiB} MiB)`, goal: 'bulk', values: medians(transfers, (t) => t.getMBps) },
    { metric: 'multipart PUT MB/s (16 MiB parts, 4 in flight)', goal: 'bulk', values: medians(transfers, (t) => t.multipartMBps) },
    { metric: `server peak RSS during the big transfers, MB`, goal: 'rss', values: { ...medians(transfers, (t) => t.peakRssMB) } },
  );

  const table = goalTable(rows);
  console.log(`\nS3: medians of ${rounds} interleaved round(s); AWS SDK v3 on defaults, ${IN_FLIGHT} in flight for 4 KiB objects; whole bench ${((performance.now() - began) / 1000).toFixed(0)} s`);
  console.table(table);
  const met = table.filter((row) => row.met === 'yes').length;
  console.log(JSON.stringify({ bench: 's3', rounds, seconds, big_mib: bigMiB, list_keys: listKeys, goals_met: `${met}/${table.length}`, rows }));
} catch (error) {
  console.error(`bench-s3 failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  clearTimeout(overTime);
  await Promise.all(servers.map((server) => server.client?.destroy()));
  await cleanUp();
}
