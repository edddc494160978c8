import type { Request, Response } from 'express';
import { serveEventStream, type EventStream } from '../../kit';
import type { FeedMessage } from '../../webhooks/event-feed';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentEventSummary, presentForward, presentReplay } from './presenters';

/** The SSE message for a feed message: the `event:` name and its JSON data. */
function sendMessage(stream: EventStream, message: FeedMessage): void {
  switch (message.type) {
    case 'event':
      return stream.send('webhook', presentEventSummary(message.event));
    case 'duplicate':
      return stream.send('duplicate', presentEventSummary(message.event));
    case 'deleted':
      return stream.send('deleted', { client_id: message.clientId, event_id: message.eventId, count: message.count });
    case 'replay':
      return stream.send('replay', { event_id: message.replay.eventId, ...presentReplay(message.replay) });
    case 'forward':
      return stream.send('forward', presentForward(message.forward));
  }
}

/** GET /webhooks/stream (operationId streamEvents): server-sent events, so the dashboard never polls. */
export function eventStream(receiver: WebhookReceiver) {
  return (req: Request, res: Response) => {
    serveEventStream(req, res, (stream) => receiver.feed.subscribe((message) => sendMessage(stream, message)));
  };
}
