import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../../../src/kit';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { activityOf, readEvents } from './event-stream';

// An image API that holds the first upload until the test lets it go and takes every later one
// at once: a run whose caller is still there would send them all.
const COUNT = 100;
let uploads = 0;
let heldFirst: http.ServerResponse | undefined;
let imageApi: http.Server;
let client: RunningServer;

function accept(res: http.ServerResponse): void {
  res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ job_id: `job-${uploads}`, status: 'pending' }));
}

beforeAll(async () => {
  imageApi = http.createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      uploads += 1;
      if (uploads === 1) heldFirst = res;
      else accept(res);
    });
  });
  await new Promise<void>((resolve) => imageApi.listen(0, '127.0.0.1', resolve));
  client = await startServer('client', { env: { IMAGE_API_URL: `http://127.0.0.1:${(imageApi.address() as AddressInfo).port}` } });
});
afterAll(async () => {
  await client.close();
  imageApi.closeAllConnections();
  await new Promise((resolve) => imageApi.close(resolve));
});

describe('a stress test whose caller goes away', () => {
  it('sends no more uploads, and says so in the live log', async () => {
    const caller = http.request(`${client.url}/api/stress-test`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
    caller.on('error', () => undefined); // destroyed by the test
    caller.end(JSON.stringify({ user_id: 'leaving-stress-user', count: COUNT, concurrency: 1 }));
    await eventually(() => heldFirst !== undefined, { what: 'the first upload to reach the image API' });
    caller.destroy();
    accept(heldFirst!);

    const { events } = await readEvents(`${client.url}/api/logs/stream`, (seen) => activityOf(seen).some((entry) => entry.kind === 'stress.finished'));
    const finished = activityOf(events).find((entry) => entry.kind === 'stress.finished');
    expect(finished?.message).toMatch(/uploads not sent, as its caller went away$/);
    expect(uploads).toBeLessThan(COUNT);
    expect(finished?.data).toMatchObject({ user_id: 'leaving-stress-user', total: COUNT, accepted: uploads, not_sent: COUNT - uploads });
  });
});
