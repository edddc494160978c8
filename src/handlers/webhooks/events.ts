import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import { jsonPieces } from '../../kit/json-pieces';
import type { StoredEvent } from '../../webhooks/event-record';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentEvent, presentForward, presentReplay } from './presenters';
import { eventFilter, integerParam, pathParam, queryParam } from './request-parameters';

type EventList = components['schemas']['EventList'];
type EventDetail = components['schemas']['EventDetail'];
type DeleteResult = components['schemas']['DeleteResult'];

const DEFAULT_LIMIT = 50;

/**
 * An EventList written an event at a time, each in pieces: res.json builds the page as one string,
 * and a page of up to 500 bodies of up to WEBHOOK_MAX_BODY each (escaped: a control byte takes six
 * characters; base64 when binary; again as `payload` when JSON) can pass the longest string V8
 * makes, about 2^29 characters: that page was a 500 (one event alone can pass it, json-pieces.ts).
 */
function* eventListJson(head: Omit<EventList, 'events'>, events: StoredEvent[]): Generator<string> {
  yield `${JSON.stringify(head).slice(0, -1)},"events":[`;
  for (const [index, event] of events.entries()) {
    if (index > 0) yield ',';
    yield* jsonPieces(presentEvent(event));
  }
  yield ']}';
}

/** JSON too long for res.json's one string, written piece by piece. */
async function sendJsonPieces(res: Response, pieces: Iterable<string>): Promise<void> {
  res.type('application/json');
  await pipeline(Readable.from(pieces), res);
}

/** The event log: list, one event, its raw body, NDJSON export, deletes. */
export function eventHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    listEvents: async (c: Context, _req: Request, res: Response) => {
      const limit = integerParam(c, 'limit', DEFAULT_LIMIT);
      const offset = integerParam(c, 'offset', 0);
      const page = receiver.events.list(eventFilter(c), { limit, offset, cursor: queryParam(c, 'cursor') });
      await sendJsonPieces(res, eventListJson({ total: page.total, limit, offset, next_cursor: page.nextCursor }, page.events));
    },

    getEvent: async (c: Context, _req: Request, res: Response) => {
      const eventId = pathParam(c, 'event_id');
      const event = receiver.events.get(eventId);
      const detail: EventDetail = {
        ...presentEvent(event),
        replays: receiver.events.replaysOf(eventId).map(presentReplay),
        forwards: receiver.forwards.ofEvent(eventId).map(presentForward),
      };
      await sendJsonPieces(res, jsonPieces(detail));
    },

    getEventBody: (c: Context, _req: Request, res: Response) => {
      const event = receiver.events.get(pathParam(c, 'event_id'));
      // Request content is never rendered on this origin: a download, sandboxed, not sniffed.
      res.setHeader('content-disposition', `attachment; filename="${event.eventId}.body"`);
      res.setHeader('content-security-policy', "sandbox; default-src 'none'");
      res.setHeader('x-content-type-options', 'nosniff');
      res.type('application/octet-stream').send(event.body);
    },

    exportEvents: async (c: Context, _req: Request, res: Response) => {
      const events = receiver.events.iterate(eventFilter(c));
      res.type('application/x-ndjson');
      await pipeline(Readable.from((function* lines() {
        for (const event of events) {
          yield* jsonPieces(presentEvent(event));
          yield '\n';
        }
      })()), res);
    },

    deleteEvent: (c: Context, _req: Request, res: Response) => {
      receiver.deleteEvent(pathParam(c, 'event_id'));
      res.status(204).end();
    },

    deleteEvents: (c: Context, _req: Request, res: Response) => {
      const clientId = queryParam(c, 'client_id');
      const deleted = receiver.deleteEvents(clientId);
      const result: DeleteResult = {
        message: clientId === undefined ? 'All events cleared' : `Events cleared for client ${clientId}`,
        events_deleted: deleted,
      };
      res.json(result);
    },
  };
}
