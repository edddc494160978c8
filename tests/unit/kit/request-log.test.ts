import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { logRequest } from '../../../src/kit';
import { loggedOutboundUrl } from '../../../src/kit/request-log';
import { eventually } from '../../support/eventually';

/**
 * A server whose every request goes through logRequest into a logger writing JSON lines to
 * `lines`; `protocolId` gives a request an id of its protocol's own, as the S3 router does.
 */
async function serverLoggingAt(level: pino.LevelWithSilent, handle: (req: http.IncomingMessage, res: http.ServerResponse) => void, protocolId?: () => string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => { lines.push(JSON.parse(String(chunk))); done(); } });
  const logger = pino({ level }, sink);
  const server = http.createServer((req, res) => {
    logRequest(logger, req, res, protocolId?.());
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines, close: () => new Promise((resolve) => server.close(resolve)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('logRequest', () => {
  it('logs one line per answered request, at info for 2xx and warn for 4xx, with the request id it echoes', async () => {
    const server = await serverLoggingAt('info', (req, res) => res.writeHead(req.url === '/missing' ? 404 : 200).end());
    try {
      const ok = await fetch(`${server.url}/thing?x=1`, { headers: { 'x-request-id': 'trace-7' } });
      const missing = await fetch(`${server.url}/missing`);
      await settle();
      expect(ok.headers.get('x-request-id')).toBe('trace-7');
      expect(server.lines).toEqual([
        expect.objectContaining({ level: 30, msg: 'request completed', req: { id: 'trace-7', method: 'GET', url: '/thing?x=1' }, res: { status: 200 } }),
        expect.objectContaining({ level: 40, msg: 'request completed', req: expect.objectContaining({ id: missing.headers.get('x-request-id'), url: '/missing' }), res: { status: 404 } }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('logs the names of credential parameters a client put in the URL, never their values', async () => {
    const server = await serverLoggingAt('info', (_req, res) => res.writeHead(400).end());
    try {
      const query = [
        'grant_type=authorization_code', 'client_secret=s3cr3t', 'code=c0de', 'refresh_token=rt', 'access_token=at', 'id_token_hint=eyJ.x.y',
        'id_token=eyJ.i.d', 'token=tok', 'assertion=eyJ.a.b', 'subject_token=st', 'password=hunter2', 'code_verifier=v3r1f13r', '%63lient_secret=encoded', 'Client_Secret=cased',
        'scope=openid', 'token',
      ].join('&');
      await fetch(`${server.url}/default/token?${query}`);
      await eventually(() => server.lines.length > 0);
      expect(server.lines).toHaveLength(1);
      expect((server.lines[0].req as { url: string }).url).toBe(`/default/token?${[
        'grant_type=authorization_code', 'client_secret=[Redacted]', 'code=[Redacted]', 'refresh_token=[Redacted]', 'access_token=[Redacted]',
        'id_token_hint=[Redacted]', 'id_token=[Redacted]', 'token=[Redacted]', 'assertion=[Redacted]', 'subject_token=[Redacted]', 'password=[Redacted]',
        'code_verifier=[Redacted]', '%63lient_secret=[Redacted]', 'Client_Secret=[Redacted]', 'scope=openid', 'token',
      ].join('&')}`);
    } finally {
      await server.close();
    }
  });

  it('logs a presigned S3 URL without its signature or session token, which make it a credential until it expires', async () => {
    const server = await serverLoggingAt('info', (_req, res) => res.writeHead(200).end());
    try {
      const sigV4 = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test-key%2F20261203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261203T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host';
      await fetch(`${server.url}/bucket/key?${sigV4}&X-Amz-Security-Token=session&X-Amz-Signature=abc123`);
      await fetch(`${server.url}/bucket/key?AWSAccessKeyId=test-key&Expires=1796300000&Signature=xyz%3D`);
      await eventually(() => server.lines.length === 2);
      expect(server.lines.map((line) => (line.req as { url: string }).url).sort()).toEqual([
        '/bucket/key?AWSAccessKeyId=test-key&Expires=1796300000&Signature=[Redacted]',
        `/bucket/key?${sigV4}&X-Amz-Security-Token=[Redacted]&X-Amz-Signature=[Redacted]`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('logs the request target as it arrived, whatever a route makes of req.url', async () => {
    const server = await serverLoggingAt('info', (req, res) => {
      req.url = '/token';
      res.writeHead(200).end();
    });
    try {
      await fetch(`${server.url}/default/token?scope=openid`);
      await eventually(() => server.lines.length > 0);
      expect(server.lines).toEqual([expect.objectContaining({ req: expect.objectContaining({ url: '/default/token?scope=openid' }) })]);
    } finally {
      await server.close();
    }
  });

  it("logs under the id a request's protocol gives it, and then adds no x-request-id", async () => {
    const server = await serverLoggingAt('info', (req, res) => {
      req.log?.info('handled');
      res.writeHead(200).end();
    }, () => '0123456789ABCDEF');
    try {
      const answer = await fetch(`${server.url}/object`, { headers: { 'x-request-id': 'trace-7' } });
      await settle();
      expect(answer.headers.get('x-request-id')).toBeNull();
      expect(server.lines).toEqual([
        expect.objectContaining({ msg: 'handled', reqId: '0123456789ABCDEF' }),
        expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ id: '0123456789ABCDEF' }) }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('writes nothing for requests below the logger level, yet a handler can still log through req.log with the request id', async () => {
    const server = await serverLoggingAt('warn', (req, res) => {
      req.log?.error('handler failed');
      res.writeHead(200).end();
    });
    try {
      const answer = await fetch(server.url);
      await settle();
      expect(server.lines).toEqual([expect.objectContaining({ level: 50, msg: 'handler failed', reqId: answer.headers.get('x-request-id') })]);
    } finally {
      await server.close();
    }
  });

  it('logs a request the client abandoned before any answer as aborted, at warn (the client left; the server did not fail), with no status', async () => {
    const server = await serverLoggingAt('info', () => undefined);
    try {
      const request = http.get(server.url);
      request.on('error', () => undefined);
      await settle();
      request.destroy();
      await settle();
      expect(server.lines).toEqual([expect.objectContaining({ level: 40, msg: 'request aborted' })]);
      expect(server.lines[0]).not.toHaveProperty('res');
    } finally {
      await server.close();
    }
  });

  it('logs the status an abandoned answer had begun with: at warn for a 200, at error for a 500', async () => {
    const server = await serverLoggingAt('info', (req, res) => {
      res.writeHead(req.url === '/failing' ? 500 : 200, { 'content-length': '10' });
      res.write('half');
    });
    try {
      for (const path of ['/partial', '/failing']) {
        const request = http.get(`${server.url}${path}`, (response) => response.once('data', () => request.destroy()));
        request.on('error', () => undefined);
        await new Promise((resolve) => request.on('close', resolve));
      }
      await settle();
      expect(server.lines).toEqual([
        expect.objectContaining({ level: 40, msg: 'request aborted', res: { status: 200 } }),
        expect.objectContaining({ level: 50, msg: 'request aborted', res: { status: 500 } }),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('loggedOutboundUrl', () => {
  it('keeps scheme, host and path of a URL the server calls, never its query or userinfo, where a receiver may take its secret', () => {
    expect(loggedOutboundUrl('https://hooks.example.test:8443/in/c-1?key=s3cret&x=1#top')).toBe('https://hooks.example.test:8443/in/c-1?[Redacted]');
    expect(loggedOutboundUrl('http://user:s3cret@hooks.example.test/in')).toBe('http://hooks.example.test/in');
    expect(loggedOutboundUrl('http://127.0.0.1:4000/webhooks/c-1')).toBe('http://127.0.0.1:4000/webhooks/c-1');
    expect(loggedOutboundUrl('not a url s3cret')).toBe('[Redacted]');
  });
});
