/**
 * Where S3 event notifications go: webhook destinations configured for the mock, named by the ARNs
 * of notification configurations (docs/ARCHITECTURE.md, "S3 event notifications").
 * - `S3_NOTIFY_WEBHOOK_<ID>=<url>` configures destination <ID>; `S3_NOTIFY_WEBHOOK_<ID>_FORMAT`
 *   is `records` (AWS's `Records` body, the default) or `eventbridge`.
 * - Destination `standin` always exists: the webhook receiver's `/webhooks/s3` unless
 *   S3_NOTIFY_WEBHOOK_STANDIN says otherwise.
 * - An ARN names a destination by its last part: MinIO's `arn:minio:sqs::<ID>:webhook`, or an
 *   AWS queue, topic or function ARN `arn:aws:sqs|sns|lambda:<region>:<account>:<ID>` (a
 *   function's `function:<ID>`), so configurations written for AWS work unchanged. IDs compare
 *   case-insensitively, with `-` and `_` alike (`image-events` is S3_NOTIFY_WEBHOOK_IMAGE_EVENTS).
 */
import { S3Error } from '../errors';

export type MessageFormat = 'records' | 'eventbridge';
export const MESSAGE_FORMATS: readonly MessageFormat[] = ['records', 'eventbridge'];
/** The format of a destination whose `_FORMAT` variable is unset. */
export const DEFAULT_MESSAGE_FORMAT: MessageFormat = 'records';

export interface WebhookDestination {
  /** As in the variable name, upper case: `STANDIN`, `IMAGE_EVENTS`. */
  id: string;
  url: string;
  format: MessageFormat;
}

export const DEFAULT_DESTINATION_ID = 'STANDIN';
export const DESTINATION_VARIABLE_PREFIX = 'S3_NOTIFY_WEBHOOK_';

/** An ARN's destination id in its normal form, or undefined when the ARN is not one of the shapes above. */
export function destinationIdOf(arn: string): string | undefined {
  const minio = /^arn:minio:sqs:[^:]*:([^:]+):webhook$/.exec(arn);
  const aws = /^arn:aws[a-z-]*:(?:sqs|sns|lambda):[^:]*:[^:]*:(?:function:)?([^:]+)(?::[^:]+)?$/.exec(arn);
  const id = minio?.[1] ?? aws?.[1];
  return id === undefined ? undefined : normalId(id);
}

function normalId(id: string): string {
  return id.toUpperCase().replace(/-/g, '_');
}

/**
 * Reads the destinations from the environment. `defaultUrl` is the receiver's `/webhooks/s3`.
 * Throws a list of problems (bad URL, bad format) for the caller's ConfigError.
 */
export function readDestinations(source: Record<string, string | undefined>, defaultUrl: string): Map<string, WebhookDestination> | string[] {
  const problems: string[] = [];
  const destinations = new Map<string, WebhookDestination>([[DEFAULT_DESTINATION_ID, { id: DEFAULT_DESTINATION_ID, url: defaultUrl, format: DEFAULT_MESSAGE_FORMAT }]]);
  for (const [name, value] of Object.entries(source)) {
    if (!name.startsWith(DESTINATION_VARIABLE_PREFIX) || name.endsWith('_FORMAT') || !value) continue;
    const id = normalId(name.slice(DESTINATION_VARIABLE_PREFIX.length));
    if (!/^[A-Z0-9_]+$/.test(id)) {
      problems.push(`${name}: the destination id may hold letters, digits, - and _ only`);
      continue;
    }
    if (!isHttpUrl(value)) problems.push(`${name}: expected an http(s) URL, got "${value}"`);
    destinations.set(id, { id, url: value, format: DEFAULT_MESSAGE_FORMAT });
  }
  for (const [name, value] of Object.entries(source)) {
    if (!name.startsWith(DESTINATION_VARIABLE_PREFIX) || !name.endsWith('_FORMAT') || !value) continue;
    const destination = destinations.get(normalId(name.slice(DESTINATION_VARIABLE_PREFIX.length, -'_FORMAT'.length)));
    if (!destination) problems.push(`${name}: no destination ${name.slice(0, -'_FORMAT'.length)} is configured`);
    else if (!(MESSAGE_FORMATS as readonly string[]).includes(value)) problems.push(`${name}: expected one of ${MESSAGE_FORMATS.join(', ')}, got "${value}"`);
    else destination.format = value as MessageFormat;
  }
  return problems.length > 0 ? problems : destinations;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * S3 checks each destination when a configuration is saved (an ARN it cannot parse is refused
 * before, notification-configuration.ts): one of no known shape, or naming no configured
 * destination, "cannot be validated" (InvalidArgument, as S3 answers a queue it cannot publish to).
 */
export function assertDestinationsExist(arns: readonly string[], destinations: ReadonlyMap<string, WebhookDestination>): void {
  for (const arn of arns) {
    const id = destinationIdOf(arn);
    if (id === undefined || !destinations.has(id)) {
      throw new S3Error('InvalidArgument', 'Unable to validate the following destination configurations', {
        ArgumentName1: arn,
        ArgumentValue1:
          id === undefined
            ? 'Not a queue, topic or function ARN of a webhook destination (arn:aws:sqs:<region>:<account>:<ID>, arn:minio:sqs::<ID>:webhook)'
            : `No webhook destination ${id} is configured (set S3_NOTIFY_WEBHOOK_${id}=<url>)`,
      });
    }
  }
}
