// The bench's load for small objects: `size` worker threads (load-worker.mjs), each with its own
// SDK client and an equal share of the requests in flight, started together on one server. One
// client process spends more CPU per request than a bare server does, so a single one would cap
// every server near the same rate on a small machine; the pool is the same for every server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The worker's next message; each call's listeners go once it settles (a pool answers many calls). */
const answerOf = (worker) => new Promise((resolve, reject) => {
  const onMessage = (message) => {
    worker.off('error', onError);
    if (message.error) reject(new Error(message.error));
    else resolve(message);
  };
  const onError = (error) => {
    worker.off('message', onMessage);
    reject(error);
  };
  worker.once('message', onMessage);
  worker.once('error', onError);
});

/** Starts `size` load workers for the server at `url`; resolves once every one is ready. */
export async function clientPool(url, credentials, size) {
  const workers = Array.from({ length: size }, () => new Worker(path.join(here, 'load-worker.mjs'), { workerData: { url, credentials } }));
  await Promise.all(workers.map(answerOf));
  return {
    /**
     * Runs smallOps in every worker at once, `inFlight` split between them, each worker on keys
     * of its own (`small/<worker>/<i>`); resolves to { perSecond, done, keysEach } summed or, for
     * keysEach, the fewest keys any one worker wrote.
     */
    async smallOps({ bucket, op, seconds, inFlight, bodySize, keys }) {
      const results = await Promise.all(workers.map((worker, index) => {
        const answer = answerOf(worker);
        worker.postMessage({ bucket, op, seconds, inFlight: Math.ceil(inFlight / size), bodySize, keyPrefix: `small/${index}/`, keys });
        return answer;
      }));
      const done = results.reduce((sum, result) => sum + result.done, 0);
      const elapsed = Math.max(...results.map((result) => result.seconds));
      return { perSecond: done / elapsed, done, keysEach: Math.min(...results.map((result) => result.done)) };
    },
    close: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}
