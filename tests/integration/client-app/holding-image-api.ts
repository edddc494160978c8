import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingImageApi {
  readonly url: string;
  /** Uploads received in full so far. */
  readonly uploads: number;
  /** Uploads received and not yet answered. */
  readonly held: number;
  /** Accepts every held upload. */
  release(): void;
  close(): Promise<void>;
}

/**
 * An image API on a loopback port that accepts uploads at once, except those `hold` picks (by
 * their number, from 1), which it answers only when the test releases them: a stress test run
 * stays under way, at a known upload, for as long as the test needs.
 */
export async function startHoldingImageApi(hold: (upload: number) => boolean): Promise<HoldingImageApi> {
  const held: http.ServerResponse[] = [];
  let uploads = 0;
  const accept = (res: http.ServerResponse, upload: number) =>
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ job_id: `job-${upload}`, status: 'pending' }));
  const server = http.createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      uploads += 1;
      if (hold(uploads)) held.push(res);
      else accept(res, uploads);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get uploads() { return uploads; },
    get held() { return held.length; },
    release: () => held.splice(0).forEach((res) => accept(res, uploads)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
