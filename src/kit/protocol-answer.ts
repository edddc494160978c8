import type http from 'node:http';
import type { ServerApp } from './create-server';
import { sendProblem, type HttpProblem } from './problem';

/**
 * Answers a problem the kit finds on its own (a Host it does not serve, a request no server could
 * answer) in the server's own error format once the app says how (`ServerApp.protocolAnswer`: the
 * S3 mock's `<Error>` documents, which S3 clients parse), else as a problem+json.
 */
export function answerInProtocol(req: http.IncomingMessage, res: http.ServerResponse, problem: HttpProblem, protocolAnswer: ServerApp['protocolAnswer']): void {
  const answer = protocolAnswer?.(problem, req);
  if (!answer) {
    sendProblem(req, res, problem);
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}
