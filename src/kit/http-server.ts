import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProtocolAnswer, RequestHead, ServerApp } from './create-server';
import { lingerWhileBodyArrives } from './lingering-close';
import { HttpProblem, sendProblem } from './problem';
import { answerInProtocol } from './protocol-answer';
import { asksAboutServer, connectProblem, requestTargetProblem, toOriginForm } from './request-target';
import type { RunningServer } from './running-server';

const PARSER_ERROR_STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/** Node's statuses for what its parser refuses; any other failure is a 400. */
function unparsableProblem(error: Error & { code?: string }): HttpProblem {
  const status = PARSER_ERROR_STATUS[error.code ?? ''] ?? 400;
  return new HttpProblem(status, http.STATUS_CODES[status] ?? 'Bad Request', `The HTTP request could not be parsed: ${error.message}${error.code ? ` (${error.code})` : ''}`);
}

/** A problem+json answer, for the answers written before (or without) a parsed request. */
function problemAnswer(problem: HttpProblem): ProtocolAnswer {
  return {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail }),
  };
}

/**
 * What refused bytes tell of their request, where its method and target can be read (the target
 * may be cut short, as the bytes of a request line over the limit are): enough to say which of
 * a server's protocols it spoke.
 */
function partialRequest(rawPacket: Buffer | undefined): RequestHead | undefined {
  const text = rawPacket?.toString('latin1') ?? '';
  const line = /^([A-Z]+) (\S+)/.exec(text);
  if (!line) return undefined;
  const host = /\nhost:[ \t]*([^\r\n]*)/i.exec(text)?.[1]?.trim();
  return { method: line[1], url: line[2], headers: host === undefined ? {} : { host } };
}

/**
 * A request Node's HTTP parser refuses (a repeated Content-Length, a malformed header, a header
 * block over the limit) never reaches the app. Node would close with an empty 400; answer with an
 * error that says what was wrong, so the client's log shows why: in the server's protocol once
 * the app says how (ServerApp.protocolAnswer), else as a problem+json.
 */
function answerUnparsableRequest(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex, protocolAnswer: ServerApp['protocolAnswer'], exchanges: WeakMap<Duplex, Exchange>): void {
  const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  // The client ended its side before the body it announced: a request the app already answered
  // (an early refusal) gets no second answer; the connection ends once that answer is written.
  const last = exchanges.get(socket);
  if (error.code === 'HPE_INVALID_EOF_STATE' && last && !last.req.complete && last.res.headersSent) {
    if (last.res.writableFinished) socket.end();
    else last.res.once('finish', () => socket.end());
    return;
  }
  const problem = unparsableProblem(error);
  const answer = protocolAnswer?.(problem, partialRequest(error.rawPacket)) ?? problemAnswer(problem);
  // The answer to a HEAD has no body (RFC 9110 §9.3.2); a client would read one as the next response.
  writeRawAnswer(socket, answer, error.rawPacket?.subarray(0, 5).toString('latin1') !== 'HEAD ');
}

/**
 * Writes `answer` straight to the connection and closes it: for requests no response object carries.
 * It is dated as Node dates the answers it writes, since a server with a clock must date its 4xx
 * answers (RFC 9110 §6.6.1).
 */
function writeRawAnswer(socket: Duplex, answer: ProtocolAnswer, withBody: boolean): void {
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status] ?? 'Bad Request'}\r\n${headers}Date: ${new Date().toUTCString()}\r\nContent-Length: ${Buffer.byteLength(answer.body)}\r\nConnection: close\r\n\r\n${withBody ? answer.body : ''}`,
  );
}

/** CONNECT never reaches the app; Node would drop the connection without a word. */
function answerConnect(req: http.IncomingMessage, socket: Duplex, protocolAnswer: ServerApp['protocolAnswer']): void {
  const problem = connectProblem();
  writeRawAnswer(socket, protocolAnswer?.(problem, req) ?? problemAnswer(problem), true);
}

/** The last request on a connection and its answer. */
interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
}

/** `OPTIONS *`: every server here answers; what each resource allows, OPTIONS on it says. */
function answerServerOptions(res: http.ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/**
 * Node answers this itself, with no body; answer with a problem that says why: an Expect other
 * than 100-continue may be refused with 417 (RFC 9110 §10.1.1), and is by every server but S3.
 */
function answerExpectationFailed(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendProblem(req, res, new HttpProblem(417, 'Expectation Failed', 'The only expectation this server meets is "Expect: 100-continue".'));
}

/**
 * `Expect: 100-continue`: Node would send 100 Continue before any handler runs. Send it only
 * when a handler starts reading the body instead, so a request refused early (no such bucket,
 * bad signature, too large) gets its final answer without the client sending the body, as S3
 * and RFC 9110 §10.1.1 intend. Reading is what calls a stream's _read, whoever the reader is.
 * Node closes the connection after an answer sent without 100 Continue; a client that sent its
 * body anyway is read to the end of it first (lingering-close.ts).
 */
function continueWhenBodyIsRead(req: http.IncomingMessage, res: http.ServerResponse): void {
  const read = req._read;
  req._read = function readAfterContinue(size: number) {
    req._read = read;
    if (!res.headersSent) res.writeContinue();
    return read.call(this, size);
  };
}

/**
 * While the server stops, an answer still under way ends its connection: `Connection: close`
 * when its head is still to be sent (RFC 9112 §9.6), and the connection is closed once it is
 * idle. Node closes only the connections idle when the stop begins; one whose answer finishes
 * later would stay open for its keep-alive timeout, holding the stop for the whole grace period.
 */
function closeConnectionAfter(server: http.Server, res: http.ServerResponse): void {
  if (!res.headersSent) res.shouldKeepAlive = false;
  res.once('close', () => server.closeIdleConnections());
}

/** How long a request that arrives during start-up waits for the app before a 503. */
const STARTUP_WAIT_MS = 10_000;

/**
 * The port opens before the app exists (a server on port 0 learns its URL first), so a request
 * can arrive while the app is being built, as start-up polls do. It waits for the app; if the
 * app is not there in time, or never will be, it gets 503 with Retry-After: never silence.
 */
class StartupGate {
  private handler?: http.RequestListener;
  private failed = false;
  private readonly waiting = new Set<() => void>();

  open(handler: http.RequestListener): void {
    this.handler = handler;
    for (const release of this.waiting) release();
  }

  fail(): void {
    this.failed = true;
    for (const release of this.waiting) release();
  }

  readonly listener: http.RequestListener = (req, res) => {
    if (this.handler) {
      this.handler(req, res);
      return;
    }
    if (this.failed) {
      answerUnavailable(req, res);
      return;
    }
    const release = () => {
      clearTimeout(timer);
      this.waiting.delete(release);
      if (this.handler) this.handler(req, res);
      else answerUnavailable(req, res);
    };
    const timer = setTimeout(release, STARTUP_WAIT_MS);
    this.waiting.add(release);
  };
}

/**
 * Pipelined requests (sent on one connection before the first is answered) are served one after
 * another, as RFC 9112 §9.3.2 asks of a sequence that is not all safe methods. Node hands them to
 * the app at once and only orders the answers, so a GET pipelined behind a PUT would read the
 * object before the PUT stored it. A request waits until the response in progress on its
 * connection (the one Node's own timeout handler finds there) has closed; Node then makes the
 * next queued response the one in progress.
 */
function oneAtATime(listener: http.RequestListener): http.RequestListener {
  const serve: http.RequestListener = (req, res) => {
    const current = (req.socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage;
    if (!current || current === res || current.closed) listener(req, res);
    else current.once('close', () => serve(req, res));
  };
  return serve;
}

function answerUnavailable(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendProblem(req, res, new HttpProblem(503, 'Service Unavailable', 'The server is starting; try again shortly.', {}, { 'retry-after': '1', connection: 'close' }));
}

/**
 * How long a request may go without a byte of its body arriving before it is answered and its
 * connection closed (S3 answers RequestTimeout after about 20 s of silence). Node's own limit is
 * on the whole request (requestTimeout, 300 s): it would cut a big upload that is still moving,
 * and leave a stalled one unanswered for five minutes.
 */
export const STALLED_REQUEST_MS = 20_000;

function answerStalledRequest(req: http.IncomingMessage, res: http.ServerResponse, stalledMs: number): void {
  sendProblem(req, res, new HttpProblem(408, 'Request Timeout', `No byte of the request body arrived for ${stalledMs / 1000} s.`, {}, { connection: 'close' }));
}

/**
 * Watches every connection for silence (`stalledMs` without a byte either way): one between
 * requests is closed, as Node would; a request whose body stopped arriving before it was
 * answered gets the app's answer (`answerStalled`, else a 408 problem) and its connection is
 * closed; a request being worked on or streamed (body complete, or answer begun) is left alone.
 */
function closeStalledConnections(server: http.Server, stalledMs: number, answerStalled: () => ServerApp['answerStalledRequest']): void {
  server.requestTimeout = 0;
  server.setTimeout(stalledMs, (socket: Duplex) => {
    // The response in progress on the connection, as Node's own timeout handler finds it.
    const res = (socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage;
    if (!res) {
      socket.destroy();
      return;
    }
    const { req } = res;
    if (req.complete || res.headersSent) return;
    res.once('finish', () => {
      socket.destroy();
      // Node leaves a request alone once its response has finished: whatever still waits for
      // its body (a JSON parser, an upload being stored) is told it will never come, as Node
      // tells it when a client goes away ('aborted', and the error to its listeners if any).
      req.destroy(Object.assign(new Error('the request body stopped arriving'), { code: 'ECONNRESET' }));
    });
    if (!answerStalled()?.(req, res)) answerStalledRequest(req, res, stalledMs);
  });
}

/**
 * Listens and owns graceful shutdown: stop accepting, let in-flight requests finish for up
 * to `graceMs`, end event streams at once (they never finish on their own), then close the
 * app's resources (databases, workers) so nothing acknowledged is lost. A connection closed
 * while its request body is still arriving lingers (`lingerMs`, see lingering-close.ts).
 */
export async function listen(
  appOrFactory: ServerApp | ((url: string) => Promise<ServerApp>),
  options: { port: number; host?: string; graceMs?: number; stalledRequestMs?: number; lingerMs?: number },
): Promise<RunningServer> {
  const server = http.createServer({ requireHostHeader: false });
  server.keepAliveTimeout = 5000;
  // A client that ends its side after sending its request (a raw socket shut for writing, as
  // `nc -N` does) still reads the answer: by default Node would drop every answer not yet written.
  // The switch is Node's own (undocumented; the tests fail if a later Node ignores it).
  (server as http.Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const exchanges = new WeakMap<Duplex, Exchange>();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => exchanges.set(req.socket, { req, res }));
  const lingering = lingerWhileBodyArrives(server, (socket) => exchanges.get(socket)?.req, options.lingerMs);
  // The app says how to word the kit's own answers once it is built.
  const hooks: Pick<ServerApp, 'answerStalledRequest' | 'protocolAnswer'> = {};
  server.on('clientError', (error: Error, socket: Duplex) => answerUnparsableRequest(error, socket, hooks.protocolAnswer, exchanges));
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => answerConnect(req, socket, hooks.protocolAnswer));
  closeStalledConnections(server, options.stalledRequestMs ?? STALLED_REQUEST_MS, () => hooks.answerStalledRequest);
  // Whether to refuse it is the app's to say, and the app may not be built yet.
  const unknownExpectation = new WeakSet<http.IncomingMessage>();
  server.on('checkExpectation', (req, res) => {
    unknownExpectation.add(req);
    server.emit('request', req, res);
  });
  server.on('checkContinue', (req, res) => {
    continueWhenBodyIsRead(req, res);
    server.emit('request', req, res);
  });
  const openResponses = new Set<http.ServerResponse>();
  let stopping = false;
  server.on('request', (_req, res: http.ServerResponse) => {
    openResponses.add(res);
    res.on('close', () => openResponses.delete(res));
    if (stopping) closeConnectionAfter(server, res);
  });
  const gate = new StartupGate();
  server.on('request', oneAtATime((req, res) => {
    toOriginForm(req);
    const problem = requestTargetProblem(req);
    // Node would answer these with an empty 400, or not at all.
    if (problem) answerInProtocol(req, res, problem, hooks.protocolAnswer);
    else if (asksAboutServer(req)) answerServerOptions(res);
    else gate.listener(req, res);
  }));

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
    gate.fail();
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  hooks.answerStalledRequest = serverApp.answerStalledRequest;
  hooks.protocolAnswer = serverApp.protocolAnswer;
  const { app, preRoute, ignoreUnknownExpectations } = serverApp;
  const serve: http.RequestListener = preRoute ? (req, res) => { if (!preRoute(req, res)) app(req, res); } : app;
  gate.open(ignoreUnknownExpectations ? serve : (req, res) => (unknownExpectation.has(req) ? answerExpectationFailed(req, res) : serve(req, res)));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopping = true;
      lingering.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of openResponses) {
        if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) res.end();
        else closeConnectionAfter(server, res);
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
