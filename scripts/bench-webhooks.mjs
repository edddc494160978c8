#!/usr/bin/env node
// Benchmark of the webhook receiver: signed deliveries per second into the durable log (SQLite
// on disk, committed before each answer) and their latency, against a bare node:http server that
// only checks the same HMAC, run side by side in alternating rounds on loopback. Each server runs
// in a child process of its own (this file, forked with a role), the load comes from this one.
// Bounded: --rounds (3; --quick 1) rounds of BENCH_ROUND_MS (2500; --quick 1000) per server, at
// most BENCH_MAX_REQUESTS each, after a warm-up round per server that is not counted (as in the
// S3 bench: a cold server, its JIT above all, makes the first round much slower); the table shows
// medians over the rounds. Goal (README, "Speed"): the receiver at least 0.7x the bare server. Beside the
// rates, each server's own CPU per delivery (from /proc): the load comes from one process, which
// on a small machine can set the bare server's pace.
// Each delivery is the image API's own image.processed callback (its example in
// openapi/image-api.yaml, with ids of its own), as the receiver gets them from the image API.
// Prints a table, then a JSON summary.
import { spawnSync, fork } from 'node:child_process';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMsOf } from './bench-s3/process-cpu.mjs';
import { median } from './bench-s3/report.mjs';

const SECRET = 'webhook-secret-123';
const TARGET_RATIO = 0.7;
const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, rounds: { type: 'string' } }, strict: false, allowPositionals: true });
const ROUNDS = Number(args.rounds ?? process.env.BENCH_ROUNDS ?? (args.quick ? 1 : 3));
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? (args.quick ? 1000 : 2500));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 200_000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const role = process.argv[2];

if (role === 'receiver') await serveReceiver();
else if (role === 'bare') serveBare();
else await main();

/** The receiver as users run it: the build, file storage, no request logs. */
async function serveReceiver() {
  const { createWebhookApp } = await import(path.join(root, 'dist/src/handlers/webhooks/app.js'));
  const { readWebhookConfig } = await import(path.join(root, 'dist/src/webhooks/config.js'));
  const { listen } = await import(path.join(root, 'dist/src/kit/index.js'));
  const config = readWebhookConfig({ STORAGE: 'fs', DATA_DIR: process.env.BENCH_DATA_DIR, LOG_LEVEL: 'silent' });
  const running = await listen(await createWebhookApp(config), { port: 0 });
  process.on('disconnect', () => running.close().then(() => process.exit(0)));
  process.send({ url: running.url });
}

/** The peer: reads the body, checks the seed's hex HMAC-SHA256 in constant time, answers 200 JSON. */
function serveBare() {
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const expected = createHmac('sha256', SECRET).update(Buffer.concat(chunks)).digest();
      const given = Buffer.from(String(req.headers['x-webhook-signature'] ?? ''), 'hex');
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      received += 1;
      res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'received', event_id: `evt_${received}`, signature_verified: valid }));
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

function startServer(serverRole, env) {
  const child = fork(fileURLToPath(import.meta.url), [serverRole], { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${serverRole} server exited with ${code} before it was ready`)));
    child.once('message', ({ url }) => resolve({
      url,
      pid: child.pid,
      stop: () => new Promise((done) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => { clearTimeout(timer); done(); });
        child.disconnect();
      }),
    }));
  });
}

/** The image API's image.processed callback as its contract shows it; each delivery gets ids of its own. */
async function deliveryExample() {
  const { imageApiCallbacks } = await import(path.join(root, 'dist/src/webhooks/callback-contracts.js'));
  return (await imageApiCallbacks()).find((callback) => callback.eventType === 'image.processed').example;
}

/** POSTs signed deliveries from CONCURRENCY keep-alive connections for `durationMs`; with the server's CPU ms per delivery. */
async function load({ url, pid }, durationMs, maxRequests, example) {
  const cpuBefore = cpuMsOf(pid);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL('/webhooks/bench-client', url);
  const latencies = [];
  let sent = 0;
  let failed = 0;
  const deadline = performance.now() + durationMs;
  const post = (body) => new Promise((resolve) => {
    const request = http.request(target, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-webhook-signature': createHmac('sha256', SECRET).update(body).digest('hex') },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });
  const worker = async () => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent += 1;
      const body = JSON.stringify({ ...example, event_id: `msg_${randomUUID().replaceAll('-', '')}`, job_id: randomUUID(), image_id: randomUUID() });
      const started = performance.now();
      const status = await post(body);
      if (status === 200) latencies.push(performance.now() - started);
      else failed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok: latencies.length, failed, seconds: elapsed, latencies, serverCpuMs: cpuMsOf(pid) - cpuBefore };
}

/** Deliveries acknowledged per second in one round. */
function rateOf(run) {
  return run.ok / run.seconds;
}

/** Medians over the rounds; latency percentiles over every counted delivery. */
function summarise(runs) {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const at = (quantile) => Number((latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0).toFixed(2));
  return {
    per_second: Math.round(median(runs.map(rateOf))),
    requests: runs.reduce((sum, run) => sum + run.ok, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    server_cpu_ms_per_delivery: Number(median(runs.map((run) => run.serverCpuMs / run.ok)).toFixed(3)),
  };
}

function ensureBuild() {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(path.join(root, 'dist/src/handlers/webhooks/app.js'))) {
    throw new Error(`the build failed (exit ${build.status}); run \`npm run build\``);
  }
}

async function main() {
  ensureBuild();
  const example = await deliveryExample();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-webhooks-'));
  const receiver = await startServer('receiver', { BENCH_DATA_DIR: dataDir });
  const bare = await startServer('bare', {});
  try {
    const warmup = await load(receiver, ROUND_MS, MAX_REQUESTS / ROUNDS, example);
    await load(bare, ROUND_MS, MAX_REQUESTS / ROUNDS, example);
    const runs = { receiver: [], bare: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // alternate, so both meet the same background load
      runs.bare.push(await load(bare, ROUND_MS, MAX_REQUESTS / ROUNDS, example));
      runs.receiver.push(await load(receiver, ROUND_MS, MAX_REQUESTS / ROUNDS, example));
      console.log(`round ${round + 1}/${ROUNDS}: receiver ${Math.round(rateOf(runs.receiver[round]))}/s, bare ${Math.round(rateOf(runs.bare[round]))}/s`);
    }
    const stats = await (await fetch(`${receiver.url}/webhooks/stats`)).json();
    const durable = summarise(runs.receiver);
    const peer = summarise(runs.bare);
    // The median of each round's ratio, as the S3 bench judges (scripts/bench-s3/report.mjs).
    const ratio = Number(median(runs.receiver.map((run, round) => rateOf(run) / rateOf(runs.bare[round]))).toFixed(2));
    const summary = {
      bench: 'webhooks',
      what: 'signed POST /webhooks/{client_id}, committed to SQLite (WAL) before the answer, vs a bare node:http HMAC check',
      concurrency: CONCURRENCY,
      receiver: durable,
      bare: peer,
      ratio,
      acknowledged: warmup.ok + durable.requests,
      stored_events: stats.total_events,
      target_ratio: TARGET_RATIO,
      met: ratio >= TARGET_RATIO && durable.failed === 0 && stats.total_events === warmup.ok + durable.requests,
    };
    console.log(`\nWebhook ingest: signed deliveries, ${CONCURRENCY} in flight, medians of ${ROUNDS} alternating round(s) after a warm-up round`);
    console.table([{
      'bare node:http HMAC /s': peer.per_second,
      'receiver (durable) /s': durable.per_second,
      'p50 / p99 ms': `${durable.p50_ms} / ${durable.p99_ms}`,
      'server CPU ms/delivery, bare / receiver': `${peer.server_cpu_ms_per_delivery} / ${durable.server_cpu_ms_per_delivery}`,
      ratio,
      goal: `≥ ${TARGET_RATIO}×`,
      'all stored': stats.total_events === warmup.ok + durable.requests ? 'yes' : 'NO',
      met: summary.met ? 'yes' : 'NO',
    }]);
    console.log(JSON.stringify(summary));
  } finally {
    await receiver.stop();
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
