import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ImageApiUnreachableError } from '../../../src/client-app/errors';
import { ImageApiClient } from '../../../src/client-app/image-api-client';
import { multipartBody } from '../../../src/client-app/multipart-body';

/** A stand-in that refuses every upload at once, without reading the body, as a rate limiter does. */
async function refusingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '1800', 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1735689600', 'x-other': 'dropped' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, auth: req.headers.authorization }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/** A file that never ends: only an answer that does not wait for the whole body can arrive. */
function endlessFile(): Readable {
  const chunk = Buffer.alloc(64 * 1024, 1);
  return new Readable({ read() { this.push(chunk); } });
}

describe('ImageApiClient', () => {
  it('returns an early refusal with its status, problem and rate-limit headers, and stops sending', async () => {
    const server = await refusingServer();
    try {
      const content = endlessFile();
      const form = multipartBody([], { name: 'file', filename: 'big.jpg', contentType: 'image/jpeg', content }, Promise.resolve([]));
      const reply = await new ImageApiClient(server.url).upload('the-token', form);
      expect(reply.status).toBe(429);
      expect(reply.headers).toEqual({
        'content-type': 'application/problem+json', 'retry-after': '1800', 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1735689600',
      });
      expect(reply.body).toMatchObject({ title: 'Too Many Requests', auth: 'Bearer the-token' });
      content.destroy();
    } finally {
      await server.close();
    }
  });

  it('reports an image API that is not listening as unreachable', async () => {
    const server = await refusingServer();
    await server.close();
    const client = new ImageApiClient(server.url);
    await expect(client.getJob('job-1', 't')).rejects.toBeInstanceOf(ImageApiUnreachableError);
    const form = multipartBody([], { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', content: Readable.from([Buffer.from('x')]) }, Promise.resolve([]));
    await expect(client.upload('t', form)).rejects.toBeInstanceOf(ImageApiUnreachableError);
    expect(await client.health()).toMatchObject({ status: 'down', url: `${server.url}/health` });
  });
});
