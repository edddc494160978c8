/**
 * The upload rate limit across a restart of the image API on the same DATA_DIR: the hour's
 * accepted uploads still hold their slots, whether the server was stopped or killed with SIGKILL,
 * so the next upload is refused until the oldest slot frees up, as the first run announced. With
 * STORAGE=memory nothing survives a restart, the limit included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { startServer } from '../../support/standin-harness';
import { imageForm, smallPng, tokenFor, upload } from './image-api-requests';

const LIMIT = 3;
/** Jobs wait instead of reaching for an S3 that is not there. */
const SETTINGS = { RATE_LIMIT_PER_HOUR: String(LIMIT), PROCESSING_DELAY_MS: '600000', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
/** Longer than a second, so the first upload's job is created in a later second than its request took its slot. */
const SLOW_BODY_PAUSE_MS = 1200;

const tinyPngForm = async () => imageForm(await smallPng(), {}, 'tiny.png');

/** An upload whose body arrives in two halves, `SLOW_BODY_PAUSE_MS` apart. */
async function slowUpload(baseUrl: string, token: string): Promise<Response> {
  const form = new Response(await tinyPngForm());
  const bytes = new Uint8Array(await form.arrayBuffer());
  const half = bytes.length >> 1;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(bytes.subarray(0, half));
      await delay(SLOW_BODY_PAUSE_MS);
      controller.enqueue(bytes.subarray(half));
      controller.close();
    },
  });
  return fetch(`${baseUrl}/api/v1/images/upload`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${token}`, 'content-type': form.headers.get('content-type')! },
    body,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Takes all LIMIT uploads of the hour, the first a slow one, and returns the X-RateLimit-Reset
 * they announced: when the first one's slot, taken as its request arrived, frees up.
 */
async function useTheHour(baseUrl: string, token: string): Promise<number> {
  const answers = [await slowUpload(baseUrl, token)];
  for (let taken = 1; taken < LIMIT; taken += 1) answers.push(await upload(baseUrl, await tinyPngForm(), token));
  expect(answers.map((answer) => [answer.status, answer.headers.get('x-ratelimit-remaining')]))
    .toEqual(answers.map((_answer, taken) => [202, String(LIMIT - 1 - taken)]));
  const resets = new Set(answers.map((answer) => Number(answer.headers.get('x-ratelimit-reset'))));
  expect(resets.size).toBe(1);
  return [...resets][0];
}

/** The next upload is a 429 until `reset`, and the dashboard shows `user` at the limit until then. */
async function expectHourUsed(baseUrl: string, user: string, reset: number): Promise<void> {
  const sentAt = Date.now();
  const refused = await upload(baseUrl, await tinyPngForm(), tokenFor(user));
  const answeredAt = Date.now();
  expect(refused.status).toBe(429);
  expect(['limit', 'remaining', 'reset'].map((name) => refused.headers.get(`x-ratelimit-${name}`))).toEqual([String(LIMIT), '0', String(reset)]);
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(reset - 1 - answeredAt / 1000);
  expect(retryAfter).toBeLessThan(reset + 1 - sentAt / 1000);
  expect((await refused.json()).retry_after_s).toBe(retryAfter);

  const { rate_limits: usage } = await (await fetch(`${baseUrl}/api/v1/dashboard`)).json();
  expect(usage).toEqual([{ user, used: LIMIT, limit: LIMIT, reset_at: expect.any(String) }]);
  expect(Math.ceil(Date.parse(usage[0].reset_at) / 1000)).toBe(reset);
}

describe('the upload rate limit across a restart of the image API', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-api-rate-limit-')); });
  afterEach(async () => {
    await killChildServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds the hour's slots again after a stop: the next upload is refused until the oldest frees up", async () => {
    const onDisk = () => startServer('image-api', { dataDir, env: SETTINGS });
    const first = await onDisk();
    let reset: number;
    try {
      reset = await useTheHour(first.url, tokenFor('steady-user'));
    } finally {
      await first.close();
    }
    const second = await onDisk();
    try {
      await expectHourUsed(second.url, 'steady-user', reset);
    } finally {
      await second.close();
    }
  }, RESTART_SCENARIO_TIMEOUT_MS);

  it("holds the hour's slots again after kill -9", async () => {
    const onDisk = () => startChildServer('image-api', { ...SETTINGS, STORAGE: 'fs', DATA_DIR: dataDir });
    const first = await onDisk();
    const reset = await useTheHour(first.url, tokenFor('crashing-user'));
    await first.kill();
    await expectHourUsed((await onDisk()).url, 'crashing-user', reset);
  }, RESTART_SCENARIO_TIMEOUT_MS);

  it('keeps nothing with STORAGE=memory: after a restart the hour starts afresh', async () => {
    const first = await startServer('image-api', { env: SETTINGS });
    try {
      await useTheHour(first.url, tokenFor('forgotten-user'));
    } finally {
      await first.close();
    }
    const second = await startServer('image-api', { env: SETTINGS });
    try {
      const accepted = await upload(second.url, await tinyPngForm(), tokenFor('forgotten-user'));
      expect([accepted.status, accepted.headers.get('x-ratelimit-remaining')]).toEqual([202, String(LIMIT - 1)]);
      const { rate_limits: usage } = await (await fetch(`${second.url}/api/v1/dashboard`)).json();
      expect(usage).toEqual([expect.objectContaining({ user: 'forgotten-user', used: 1 })]);
    } finally {
      await second.close();
    }
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
