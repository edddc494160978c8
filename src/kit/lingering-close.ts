import type http from 'node:http';
import type { Socket } from 'node:net';

/** How long a closing connection goes on reading a body still arriving, in all (see `lingerWhileBodyArrives`). */
export const LINGER_MS = 5000;

/** How long a lingering connection waits for the client's next byte before it closes. */
const LINGER_SILENCE_MS = 2000;

/**
 * Node closes a connection as soon as the last answer on it is written (`Connection: close`: an
 * early refusal of `Expect: 100-continue`, a client's own close, a stopping server), even while
 * the request body is still arriving: the bytes that arrive on a closed socket make the kernel
 * send a reset, and the client's kernel drops the answer it has not read yet, so the client sees
 * EPIPE or ECONNRESET instead of, say, S3's 412 or 404. RFC 9112 §9.6 asks for a lingering close
 * instead: half-close (the answer and a FIN), read and discard what the client still sends, and
 * close once the body has all arrived, the client closes its side, `LINGER_SILENCE_MS` pass
 * without a byte or `lingerMs` in all. `stop` ends every lingering connection at once, so a
 * stopping server does not wait on a client's upload.
 */
export function lingerWhileBodyArrives(server: http.Server, requestOn: (socket: Socket) => http.IncomingMessage | undefined, lingerMs = LINGER_MS): { stop(): void } {
  const lingering = new Set<Socket>();
  let stopped = false;
  // Node ends the connection after its last answer with destroySoon (end, then destroy).
  server.on('connection', (socket: Socket) => {
    const destroySoon = socket.destroySoon.bind(socket);
    socket.destroySoon = () => {
      // The request whose body the connection is reading: the last one to arrive on it.
      const req = requestOn(socket);
      if (stopped || !req || req.complete || socket.destroyed) {
        destroySoon();
        return;
      }
      lingering.add(socket);
      socket.end();
      // Discarded, whoever stopped reading it; its end is the end of what the client sends.
      if (req.readableFlowing !== true) req.resume();
      req.once('end', () => socket.destroy());
      socket.setTimeout(LINGER_SILENCE_MS, () => socket.destroy());
      const budget = setTimeout(() => socket.destroy(), lingerMs);
      socket.once('close', () => {
        clearTimeout(budget);
        lingering.delete(socket);
      });
    };
  });
  return {
    stop() {
      stopped = true;
      for (const socket of lingering) socket.destroy();
    },
  };
}
