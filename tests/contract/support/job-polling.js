// Waits for a job to end, asking the way a client does: GET the job until it is completed or failed.
const { setTimeout: sleep } = require('node:timers/promises');

const ENDED = new Set(['completed', 'failed']);

/**
 * `readStatus()` answers the job's status; polls every 50 ms for at most `timeoutMs`, and
 * throws unless the job ended as `wanted`.
 */
async function waitForJob(readStatus, wanted, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let status = await readStatus();
  while (!ENDED.has(status) && Date.now() < deadline) {
    await sleep(50);
    status = await readStatus();
  }
  if (status !== wanted) throw new Error(`the job ended ${status}, not ${wanted} (waited ${timeoutMs} ms)`);
}

module.exports = { waitForJob };
