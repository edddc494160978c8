import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { activityOf, readEvents } from './event-stream';
import { stressTestReport } from './stress-test-run';
import { gradientJpeg } from './sample-files';

// IMAGE_API_URL naming another server (the S3 mock's port 9000 for the image API's 8002, as is
// easily done): its answers (S3's XML here; a proxy's HTML page elsewhere) are no image API answers.
let s3: RunningServer;
let client: RunningServer;
let jpeg: Buffer;

beforeAll(async () => {
  s3 = await startServer('s3', { env: { STORAGE: 'memory' } });
  client = await startServer('client', { env: { IMAGE_API_URL: s3.url } });
  jpeg = await gradientJpeg(64, 48);
});
afterAll(async () => {
  await client.close();
  await s3.close();
});

describe('a client app whose IMAGE_API_URL is not the image API', () => {
  it('answers an upload with a 502 problem saying so, not with the other server\'s answer', async () => {
    const form = new FormData();
    form.append('user_id', 'misdirected');
    form.append('file', new Blob([new Uint8Array(jpeg)]), 'photo.jpg');
    const res = await fetch(`${client.url}/api/upload`, { method: 'POST', body: form });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem.title).toBe('Image API Unreachable');
    expect(problem.detail).toMatch(/it answered 405 with application\/xml[^ ]* that is no JSON answer of the image API \(is IMAGE_API_URL the image API\?\)$/);
  });

  it('stops a stress test at the first such answer', async () => {
    const report = await stressTestReport(client.url, { user_id: 'misdirected', count: 40, concurrency: 1 });
    expect(report).toMatchObject({ total: 40, accepted: 0, rate_limited: 0, errors: 40 });
    const { events } = await readEvents(`${client.url}/api/logs/stream`, (seen) => activityOf(seen).some((entry) => entry.kind === 'stress.finished'));
    const finished = activityOf(events).find((entry) => entry.kind === 'stress.finished');
    expect(finished?.data).toMatchObject({ total: 40, not_sent: 39 });
    expect(finished?.message).toMatch(/as the image API did not answer \(.*is IMAGE_API_URL the image API\?\)\)$/);
  });
});

/**
 * A server at IMAGE_API_URL that accepts an upload as the image API does, then answers the job's
 * status with JSON text under a type that only mentions json: an HTML page, were it passed on.
 */
async function startHtmlAnsweringApi(jobId: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      if (req.method === 'POST') res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ job_id: jobId, image_id: 'img-1', status: 'pending' }));
      else res.writeHead(200, { 'content-type': 'text/html; x=json' }).end(JSON.stringify('<img src=x onerror=alert(1)>'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('a client app whose image API answers JSON text as another type', () => {
  it('refuses it with a 502 problem, never serving it from its own origin under that type', async () => {
    const jobId = '0b8f8a6e-3c1d-4b7e-9f2a-5d6c7e8f9a0b';
    const api = await startHtmlAnsweringApi(jobId);
    const app = await startServer('client', { env: { IMAGE_API_URL: api.url } });
    try {
      const form = new FormData();
      form.append('user_id', 'victim');
      form.append('file', new Blob([new Uint8Array(jpeg)]), 'photo.jpg');
      expect((await fetch(`${app.url}/api/upload`, { method: 'POST', body: form })).status).toBe(202);
      const res = await fetch(`${app.url}/api/status/${jobId}`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await res.json()).detail).toMatch(/it answered 200 with text\/html; x=json that is no JSON answer of the image API/);
    } finally {
      await app.close();
      await api.close();
    }
  });
});
