/**
 * An upload whose sender goes away mid-file (a page closed, a cancelled fetch, curl stopped):
 * the client app drops it and keeps answering. The client app runs in a child process, so an
 * error nothing catches shows as that process gone, as it would be for a user.
 */
import http from 'node:http';
import type { RunningServer } from '../../../src/kit';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer, type ChildServer } from '../../support/child-server';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { IMAGE_API_ALONE } from './image-api-alone';
import { gradientJpeg } from './sample-files';

let imageApi: RunningServer;
let client: ChildServer;
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await gradientJpeg(64, 48);
  imageApi = await startServer('image-api', { env: { ...IMAGE_API_ALONE, PROCESSING_DELAY_MS: '600000' } });
  client = await startChildServer('client', { STORAGE: 'memory', LOG_LEVEL: 'silent', IMAGE_API_URL: imageApi.url });
}, RESTART_SCENARIO_TIMEOUT_MS);
afterAll(async () => {
  await killChildServers();
  await imageApi.close();
});

/** The image API's count of `user`'s uploads this hour, from its dashboard. */
async function slotsUsed(user: string): Promise<number> {
  const { rate_limits: rateLimits } = await (await fetch(`${imageApi.url}/api/v1/dashboard`)).json();
  return rateLimits.find((entry: { user: string }) => entry.user === user)?.used ?? 0;
}

/** Starts the page's form (user_id, then a 1 MB file) and sends only the file's first bytes. */
function startUpload(user: string): http.ClientRequest {
  const head = `--form\r\nContent-Disposition: form-data; name="user_id"\r\n\r\n${user}\r\n` +
    '--form\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
  const req = http.request(`${client.url}/api/upload`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'multipart/form-data; boundary=form', 'content-length': String(1024 * 1024) },
  });
  req.on('error', () => undefined); // destroyed by the test
  req.write(Buffer.concat([Buffer.from(head), jpeg]));
  return req;
}

describe('an upload whose sender goes away mid-file', () => {
  it('is dropped, and the client app keeps answering', async () => {
    const req = startUpload('leaving-user');
    await eventually(async () => (await slotsUsed('leaving-user')) === 1, { what: 'the upload to reach the image API' });
    req.destroy();
    await eventually(async () => (await slotsUsed('leaving-user')) === 0, { what: 'the image API to see the upload cut off' });

    const health = await fetch(`${client.url}/health`);
    expect(health.status).toBe(200);
    expect(client.child.exitCode).toBeNull();
    const history = await (await fetch(`${client.url}/api/history?user_id=leaving-user`)).json();
    expect(history.items.filter((entry: { status: string }) => entry.status !== 'rejected')).toEqual([]);
  }, RESTART_SCENARIO_TIMEOUT_MS);
});

describe('a form that ends inside a file sent before its user_id', () => {
  it('is a 400, and the client app keeps answering', async () => {
    // The whole body in one write: the form's end comes while the file part is being put on disk.
    const body = '--form\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
    const response = await fetch(`${client.url}/api/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=form' },
      body: Buffer.concat([Buffer.from(body), jpeg.subarray(0, 64)]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ title: 'Invalid form', errors: [{ field: 'body' }] });

    expect((await fetch(`${client.url}/health`)).status).toBe(200);
    expect(client.child.exitCode).toBeNull();
  }, RESTART_SCENARIO_TIMEOUT_MS);
});

describe('a form that ends right after the headers of a file sent after its user_id', () => {
  it('is a 400, and the client app keeps answering', async () => {
    // The file part fails before the app has started sending it on to the image API.
    const body = '--form\r\nContent-Disposition: form-data; name="user_id"\r\n\r\nheaders-only-user\r\n' +
      '--form\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
    const response = await fetch(`${client.url}/api/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=form' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ title: 'Invalid form', errors: [{ field: 'body' }] });

    expect((await fetch(`${client.url}/health`)).status).toBe(200);
    expect(client.child.exitCode).toBeNull();
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
