#!/usr/bin/env node
// The S3 mock's benchmark (`npm run bench` builds first; this imports the build through
// bench-s3/s3-mock-server.mjs). Loopback only, bounded in count and time (~1-2 min on 2 cores,
// stopped at 170 s whatever happens):
//   (a) PUT/GET throughput, 1 MiB x 200 and 64 MiB x 4, unsigned (fetch) and signed (AWS SDK v3),
//       through the mock and through a bare node:http file server (the peer) -> mock/peer ratios;
//   (b) one 1 GiB PUT and GET through the mock, with the mock's peak RSS growth (target: flat);
//   (c) ListObjectsV2 page latency over 100k keys (median, p99).
// Prints a table, then one JSON line {"bench":"s3", ...}.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startChild } from './bench-s3/child-servers.mjs';
import { measureListing } from './bench-s3/listing-latency.mjs';
import { measureOneGib } from './bench-s3/one-gib-transfer.mjs';
import { SEEDED_KEY_COUNT } from './bench-s3/store-seeding.mjs';
import { measureThroughput } from './bench-s3/throughput.mjs';

const TIME_LIMIT_MS = 170_000;
const RSS_GROWTH_TARGET_MB = 200;
const BUCKET = 'bench';

const began = performance.now();
const root = await mkdtemp(path.join(tmpdir(), 'standin-bench-s3-'));
const children = [];
const cleanUp = async () => {
  await Promise.all(children.map((child) => child.stop()));
  await rm(root, { recursive: true, force: true });
};
const overTime = setTimeout(() => {
  console.error(`bench-s3: still running after ${TIME_LIMIT_MS / 1000} s, stopping`);
  cleanUp().finally(() => process.exit(1));
}, TIME_LIMIT_MS);

const fixed = (n, digits = 1) => n.toFixed(digits);
const seconds = () => (performance.now() - began) / 1000;

try {
  const mock = { name: 'mock', bucket: BUCKET, ...(await startChild('s3-mock-server.mjs', { MOCK_DATA_DIR: path.join(root, 'mock') })) };
  children.push(mock);
  const peer = { name: 'peer', bucket: BUCKET, ...(await startChild('peer-server.mjs', { PEER_DATA_DIR: path.join(root, 'peer') })) };
  children.push(peer);
  const created = await fetch(`${mock.url}/${BUCKET}`, { method: 'PUT' });
  if (created.status !== 200) throw new Error(`CreateBucket ${BUCKET}: HTTP ${created.status}`);

  console.log(`[${fixed(seconds())} s] (a) throughput, MiB/s (ratio = mock / peer, the peer a bare node:http file server)`);
  const throughput = await measureThroughput(mock, peer);
  console.table(throughput.map((row) => ({ client: row.client, case: row.case, op: row.op, mock: fixed(row.mock), peer: fixed(row.peer), ratio: fixed(row.ratio, 2) })));

  console.log(`[${fixed(seconds())} s] (b) one 1 GiB object through the mock, streamed both ways`);
  const gib = await measureOneGib(mock);
  console.table([
    {
      'PUT MiB/s': fixed(gib.putMiBps),
      'GET MiB/s': fixed(gib.getMiBps),
      'RSS before MB': fixed(gib.baselineRssMB),
      'RSS peak MB': fixed(gib.peakRssMB),
      'growth MB': fixed(gib.growthMB),
      [`flat (< ${RSS_GROWTH_TARGET_MB} MB)`]: gib.growthMB < RSS_GROWTH_TARGET_MB ? 'yes' : 'NO',
    },
  ]);

  console.log(`[${fixed(seconds())} s] (c) ListObjectsV2 with ${SEEDED_KEY_COUNT} keys, in a mock of its own seeded through its store`);
  await Promise.all([mock.stop(), peer.stop()]);
  const listed = await startChild('s3-mock-server.mjs', { MOCK_DATA_DIR: path.join(root, 'listing'), MOCK_SEED: '1' });
  children.push(listed);
  const listing = await measureListing(listed);
  console.table([
    { listing: `full walks, ${listing.pages} pages of 1000`, 'median ms': fixed(listing.medianMs, 2), 'p99 ms': fixed(listing.p99Ms, 2) },
    { listing: `prefix + delimiter, ${listing.delimiterPages} pages of 10`, 'median ms': fixed(listing.delimiterMedianMs, 2), 'p99 ms': fixed(listing.delimiterP99Ms, 2) },
  ]);
  console.log(`(seeded ${SEEDED_KEY_COUNT} keys in ${fixed(listed.seedSeconds)} s; whole bench ${fixed(seconds())} s)`);

  const ratios = Object.fromEntries(throughput.map((row) => [`${row.client.split(' ')[0]} ${row.op} ${row.case}`, Number(fixed(row.ratio, 3))]));
  console.log(
    JSON.stringify({
      bench: 's3',
      ratio_vs_peer: ratios,
      min_ratio: Number(fixed(Math.min(...throughput.map((row) => row.ratio)), 3)),
      one_gib: { put_mib_s: Number(fixed(gib.putMiBps)), get_mib_s: Number(fixed(gib.getMiBps)), rss_growth_mb: Number(fixed(gib.growthMB)), flat: gib.growthMB < RSS_GROWTH_TARGET_MB },
      list_100k: { keys: SEEDED_KEY_COUNT, page_median_ms: Number(fixed(listing.medianMs, 2)), page_p99_ms: Number(fixed(listing.p99Ms, 2)), delimiter_page_median_ms: Number(fixed(listing.delimiterMedianMs, 2)) },
      seconds: Number(fixed(seconds())),
    }),
  );
} catch (error) {
  console.error(`bench-s3 failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  clearTimeout(overTime);
  await cleanUp();
}
