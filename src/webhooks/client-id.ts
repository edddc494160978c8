import { InvalidClientIdError } from './errors';

/**
 * A client id is the `{client_id}` of POST /webhooks/{client_id}. The receiver's own resources
 * sit beside the clients under /webhooks/ (openapi/webhook-receiver.yaml), so their names are
 * not client ids: a POST to /webhooks/events is never a delivery for a client named "events".
 */
export const RESERVED_CLIENT_IDS = ['events', 'stats', 'clients', 'stream', 'replay', 'trigger', 'forwards'] as const;
export type ReservedClientId = (typeof RESERVED_CLIENT_IDS)[number];

/** The dot segments, which URLs resolve away (RFC 3986 §5.2.4): no client could reach their settings. */
export const DOT_SEGMENTS = ['.', '..'];

/** The spec's maxLength for a client id. */
export const MAX_CLIENT_ID_LENGTH = 200;

/** Control characters (Unicode Cc: C0, DEL, C1): a client id is shown in logs and on the dashboard. */
const CONTROL_CHARACTER = /\p{Cc}/u;

export function isReservedClientId(clientId: string): clientId is ReservedClientId {
  return (RESERVED_CLIENT_IDS as readonly string[]).includes(clientId);
}

/** Throws InvalidClientIdError saying why `clientId` cannot name a client. */
export function checkClientId(clientId: string): void {
  if (clientId.length === 0) throw new InvalidClientIdError('must not be empty');
  if (clientId.length > MAX_CLIENT_ID_LENGTH) throw new InvalidClientIdError(`must NOT have more than ${MAX_CLIENT_ID_LENGTH} characters`);
  if (CONTROL_CHARACTER.test(clientId)) throw new InvalidClientIdError('must not contain control characters');
  if (DOT_SEGMENTS.includes(clientId)) throw new InvalidClientIdError('must not be a dot segment (. or ..), which URLs resolve away (RFC 3986 §5.2.4)');
  if (isReservedClientId(clientId)) throw new InvalidClientIdError(`must not be one of the reserved names ${RESERVED_CLIENT_IDS.join(', ')}`);
}
