import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerApp } from './create-server';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

/**
 * Listens and owns graceful shutdown: stop accepting, let in-flight requests finish for up
 * to `graceMs`, end event streams at once (they never finish on their own), then close the
 * app's resources (databases, workers) so nothing acknowledged is lost.
 */
export async function listen(
  appOrFactory: ServerApp | ((url: string) => Promise<ServerApp>),
  options: { port: number; host?: string; graceMs?: number },
): Promise<RunningServer> {
  const server = http.createServer();
  server.keepAliveTimeout = 5000;
  const openResponses = new Set<http.ServerResponse>();
  server.on('request', (_req, res: http.ServerResponse) => {
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  // A factory learns the URL before it builds the app: a server started on port 0 can still
  // put its own address into links it hands out (presigned URLs, status URLs).
  let serverApp: ServerApp;
  try {
    serverApp = typeof appOrFactory === 'function' ? await appOrFactory(url) : appOrFactory;
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const { app, preRoute } = serverApp;
  server.on('request', preRoute ? (req, res) => { if (!preRoute(req, res)) app(req, res); } : app);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of openResponses) {
        if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) res.end();
      }
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 3000);
      await stopped;
      clearTimeout(timer);
      await serverApp.close();
    })();
    return closing;
  };
  return { url, port, server, close };
}
