// (a) PUT and GET throughput through the S3 mock and through the peer, same client code, same
// bytes, measured back to back; the ratio is mock / peer (1.0 = as fast as a bare file server).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signedClient, unsigned } from './transfer-clients.mjs';

const MiB = 1024 * 1024;
export const CASES = [
  { name: '1 MiB x 200', size: MiB, count: 200, concurrency: 4 },
  { name: '64 MiB x 4', size: 64 * MiB, count: 4, concurrency: 1 },
];
const BODY = randomBytes(64 * MiB);

/** Runs `count` tasks, at most `concurrency` at a time. */
async function pool(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function mibPerSecond(bytes, work) {
  const started = performance.now();
  await work();
  return bytes / MiB / ((performance.now() - started) / 1000);
}

/** PUT then GET of one case against one target; returns { put, get } in MiB/s. */
async function measureCase(client, target, testCase, prefix) {
  const body = BODY.subarray(0, testCase.size);
  const key = (i) => `${prefix}/${testCase.size}/${i}`;
  const bytes = testCase.size * testCase.count;
  const put = await mibPerSecond(bytes, () => pool(testCase.count, testCase.concurrency, (i) => client.put(target.url, target.bucket, key(i), body)));
  const get = await mibPerSecond(bytes, () =>
    pool(testCase.count, testCase.concurrency, async (i) => {
      const received = await client.get(target.url, target.bucket, key(i));
      if (received !== testCase.size) throw new Error(`GET ${key(i)} from ${target.name}: ${received} bytes, expected ${testCase.size}`);
    }),
  );
  return { put, get };
}

/** Every case, for the unsigned and the signed client, mock and peer side by side. */
export async function measureThroughput(mock, peer) {
  const rows = [];
  const clients = [
    { name: 'unsigned (fetch)', for: () => unsigned },
    { name: 'signed (AWS SDK v3)', for: (target) => signedClient(target.url) },
  ];
  for (const clientKind of clients) {
    const mockClient = clientKind.for(mock);
    const peerClient = clientKind.for(peer);
    // Warm-up: connections, JIT, the SDK's lazy loading; not measured.
    await measureCase(mockClient, mock, { size: MiB, count: 8, concurrency: 4 }, 'warmup');
    await measureCase(peerClient, peer, { size: MiB, count: 8, concurrency: 4 }, 'warmup');
    for (const testCase of CASES) {
      const prefix = clientKind.name.split(' ')[0];
      const onMock = await measureCase(mockClient, mock, testCase, prefix);
      const onPeer = await measureCase(peerClient, peer, testCase, prefix);
      for (const op of ['put', 'get']) {
        rows.push({ client: clientKind.name, case: testCase.name, op: op.toUpperCase(), mock: onMock[op], peer: onPeer[op], ratio: onMock[op] / onPeer[op] });
      }
    }
    mockClient.destroy?.();
    peerClient.destroy?.();
  }
  return rows;
}
