import type { Request, Response } from 'express';
import type { FeedMessage } from '../../webhooks/event-feed';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentEventSummary, presentForward, presentReplay } from './presenters';

const HEARTBEAT_MS = 15_000;
/** A dashboard that stops reading is dropped past this much unsent data; EventSource reconnects. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The SSE message for a feed message: the `event:` name and its JSON data. */
function toServerSentEvent(message: FeedMessage): string {
  switch (message.type) {
    case 'event':
      return `event: webhook\ndata: ${JSON.stringify(presentEventSummary(message.event))}\n\n`;
    case 'duplicate':
      return `event: duplicate\ndata: ${JSON.stringify(presentEventSummary(message.event))}\n\n`;
    case 'deleted':
      return `event: deleted\ndata: ${JSON.stringify({ client_id: message.clientId, event_id: message.eventId, count: message.count })}\n\n`;
    case 'replay':
      return `event: replay\ndata: ${JSON.stringify({ event_id: message.replay.eventId, ...presentReplay(message.replay) })}\n\n`;
    case 'forward':
      return `event: forward\ndata: ${JSON.stringify(presentForward(message.forward))}\n\n`;
  }
}

/** GET /webhooks/stream (operationId streamEvents): server-sent events, so the dashboard never polls. */
export function eventStream(receiver: WebhookReceiver) {
  return (req: Request, res: Response) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = receiver.feed.subscribe((message) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.end();
        return;
      }
      res.write(toServerSentEvent(message));
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    req.on('close', stop);
    res.on('close', stop);
  };
}
