// One of the bench's load generators: a worker thread with an AWS SDK v3 client of its own,
// driving one server. Several of them (client-pool.mjs) spread the client's own CPU work over
// the cores, so the client does not cap every server at the same rate.
import { parentPort, workerData } from 'node:worker_threads';
import { clientFor, smallOps } from './workloads.mjs';

const { url, credentials } = workerData;
const client = clientFor(url, credentials);

parentPort.on('message', async ({ bucket, op, seconds, inFlight, bodySize, keyPrefix, keys }) => {
  try {
    const body = Buffer.alloc(bodySize, 'standin ');
    parentPort.postMessage(await smallOps(client, bucket, op, { seconds, body, keyPrefix, keys, inFlight }));
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
