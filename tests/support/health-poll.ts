/** What a start-up poll sees (a CI job, a compose healthcheck, a test harness waiting for a server). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export type PollResult = number | 'refused' | 'no answer';

/** GET /health on 127.0.0.1: the status, a refused connection, or 'no answer' when none comes within the limit. */
export function pollHealth(port: number, limitMs: number): Promise<PollResult> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(limitMs, () => { req.destroy(); resolve('no answer'); });
    req.on('error', () => resolve('refused'));
  });
}
