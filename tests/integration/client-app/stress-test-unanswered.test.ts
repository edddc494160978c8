import net from 'node:net';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { stressTestReport } from './stress-test-run';

// An image API address where something accepts connections and drops them unanswered: a run
// stops at the first upload that gets no answer, rather than sending every one into the void
// (each waiting out the client's timeout, for a server that hangs instead of dropping).
let dropper: net.Server;
let connections = 0;
let client: RunningServer;

beforeAll(async () => {
  dropper = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
  const { port } = dropper.address() as net.AddressInfo;
  client = await startServer('client', { env: { IMAGE_API_URL: `http://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => dropper.close(resolve));
});

describe('a stress test whose uploads the image API does not answer', () => {
  it('stops at the first one and counts the uploads it did not send as errors', async () => {
    const report = await stressTestReport(client.url, { user_id: 'into-the-void', count: 200, concurrency: 1 });
    expect(report).toMatchObject({ user_id: 'into-the-void', total: 200, accepted: 0, rate_limited: 0, errors: 200 });
    expect(connections).toBe(1);
  });
});
