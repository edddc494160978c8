import { setTimeout as sleep } from 'node:timers/promises';
import type { components } from '../../generated/webhook-receiver';
import { ownPortSetting } from '../servers';
import { start, type Standin } from '../start';
import { readWebhookConfig } from '../webhooks/config';
import { WebhookError } from '../webhooks/errors';
import { ReplayTargetPolicy } from '../webhooks/replay-target-policy';
import { whereDataGoes } from './data-location';
import { UsageError, parseCommandLine } from './usage-error';

type Schemas = components['schemas'];

const RECONNECT_MS = 1000;

/** Control characters (Unicode Cc: C0, DEL, C1): escape sequences a terminal would obey. */
const CONTROL_CHARACTER = /\p{Cc}/gu;

/**
 * A line as the terminal should show it: what senders chose (an event type is any JSON string,
 * "\u001b]0;..." included) with its control characters written as \x1b, never obeyed.
 */
function printable(line: string): string {
  return line.replace(CONTROL_CHARACTER, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The receiver already answering on this port, if any. */
async function runningReceiver(port: number): Promise<string | undefined> {
  const url = `http://127.0.0.1:${port}`;
  try {
    const health = await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).json() as { service?: string };
    return health.service === 'webhook-receiver' ? url : undefined;
  } catch {
    return undefined;
  }
}

async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * The settings as PUT takes them back: a registered schema goes back as the JSON Schema it
 * resolved to, and no secret, which the receiver never shows and keeps when left out.
 */
function asInput(settings: Schemas['ClientSettings'], forwardUrl: string | null): Schemas['ClientSettingsInput'] {
  return {
    scheme: settings.scheme,
    require_signature: settings.require_signature,
    response: settings.response,
    forward_url: forwardUrl,
    payload_schema: settings.payload_schema && { json_schema: settings.payload_schema.schema },
  };
}

/** One client's forward URL, set now and put back as it was by the function returned. */
async function forwardClient(receiverUrl: string, clientId: string, forwardTo: string): Promise<() => Promise<void>> {
  const settingsUrl = `${receiverUrl}/webhooks/clients/${encodeURIComponent(clientId)}`;
  const before = await requestJson<Schemas['ClientSettings']>(settingsUrl);
  await requestJson(settingsUrl, { method: 'PUT', body: JSON.stringify(asInput(before, forwardTo)) });
  return async () => {
    const now = await requestJson<Schemas['ClientSettings']>(settingsUrl);
    await requestJson(settingsUrl, { method: before.configured ? 'PUT' : 'DELETE', body: before.configured ? JSON.stringify(asInput(now, before.forward_url)) : undefined });
  };
}

/**
 * The receiver-wide forward target (for clients without their own forward_url), set now and put
 * back as it was by the function returned.
 */
async function forwardEveryClient(receiverUrl: string, forwardTo: string): Promise<() => Promise<void>> {
  const defaultUrl = `${receiverUrl}/webhooks/forwards/default`;
  const before = await requestJson<Schemas['DefaultForward']>(defaultUrl);
  await requestJson(defaultUrl, { method: 'PUT', body: JSON.stringify({ forward_to: forwardTo }) });
  return async () => {
    await requestJson(defaultUrl, { method: 'PUT', body: JSON.stringify(before) });
  };
}

function describeForward(forward: Schemas['Forward']): string {
  if (forward.response) {
    const retry = forward.state === 'pending' ? `, retrying at ${forward.next_attempt_at}` : forward.state === 'failed' ? ', gave up' : '';
    return `<-- ${forward.response.status} from the app in ${forward.response.latency_ms} ms (${forward.event_id}, attempt ${forward.attempts}${retry})`;
  }
  const next = forward.state === 'pending' ? `; retrying at ${forward.next_attempt_at}` : '; gave up';
  return `<-- no answer from the app: ${forward.error} (${forward.event_id}, attempt ${forward.attempts}${next})`;
}

/**
 * Prints what the receiver's event stream says about deliveries and their forwards to `target`,
 * reconnecting whenever the stream ends, until `signal` aborts. `onFollowing` runs once, when the
 * stream first answers: the receiver then has this reader, and tells it of every later delivery.
 */
async function follow(receiverUrl: string, target: string, clientId: string | undefined, signal: AbortSignal, onFollowing: () => void): Promise<void> {
  let following = false;
  while (!signal.aborted) {
    try {
      const response = await fetch(`${receiverUrl}/webhooks/stream`, { signal });
      if (!following) {
        following = true;
        onFollowing();
      }
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type === 'webhook' && data) {
            const event = JSON.parse(data) as Schemas['Event'];
            if (clientId === undefined || event.client_id === clientId) {
              console.log(printable(`--> ${event.event_id} ${event.client_id} ${event.event_type}, signature ${event.signature.status}${event.signature.scheme ? ` (${event.signature.scheme})` : ''}`));
            }
          } else if (type === 'forward' && data) {
            const forward = JSON.parse(data) as Schemas['Forward'];
            if (forward.target_url === target) console.log(printable(describeForward(forward)));
          }
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      console.error(`standin: lost the receiver's event stream (${(error as Error).message}); reconnecting`);
    }
    await sleep(RECONNECT_MS).catch(() => undefined);
  }
}

/** Where --forward-to points, if forwards may go there (loopback or WEBHOOK_REPLAY_ALLOW): a bad one is a usage error naming the option. */
function forwardTarget(forwardTo: string): string {
  try {
    return new ReplayTargetPolicy(readWebhookConfig().replayAllow).check(forwardTo).href;
  } catch (error) {
    if (error instanceof WebhookError) throw new UsageError(`--forward-to: ${error.message}`);
    throw error;
  }
}

/** `standin listen`: runs until SIGINT or SIGTERM, then puts back what it changed. */
export async function listenCommand(args: string[]): Promise<void> {
  const { values } = parseCommandLine({ args, options: { 'forward-to': { type: 'string' }, client: { type: 'string' } } });
  const forwardTo = values['forward-to'];
  const clientId = values.client;
  if (forwardTo === undefined) throw new UsageError('--forward-to URL is required');
  const target = forwardTarget(forwardTo);

  // The port `standin start webhooks` would take: the receiver's own variable, else the seed's PORT.
  const port = Number(ownPortSetting('webhooks', process.env));
  const existing = port === 0 ? undefined : await runningReceiver(port);
  // The receiver started here logs only what goes wrong, unless LOG_LEVEL says otherwise: its
  // request log would bury the deliveries this command prints.
  const logLevel = process.env.LOG_LEVEL || 'warn';
  const standin: Standin | undefined = existing ? undefined : await start({ servers: ['webhooks'], host: '127.0.0.1', graceMs: 5000, logLevel });
  const receiverUrl = existing ?? (standin?.urls.webhooks as string);
  const restore = clientId === undefined ? await forwardEveryClient(receiverUrl, target) : await forwardClient(receiverUrl, clientId, target);
  const deliveries = clientId === undefined ? `${receiverUrl}/webhooks/<client_id>` : `${receiverUrl}/webhooks/${encodeURIComponent(clientId)}`;

  const stop = new AbortController();
  // Said once the event stream is open, not before: a delivery sent on seeing these lines would
  // otherwise reach the receiver before this reader does, and never be printed.
  const following = follow(receiverUrl, target, clientId, stop.signal, () => {
    console.log(`standin: webhook receiver ${receiverUrl}${existing ? ' (already running)' : ''}`);
    if (!existing) console.log(`standin: ${whereDataGoes()}`);
    console.log(`standin: forwarding deliveries to ${deliveries} -> ${target}  (Ctrl-C to stop)`);
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  stop.abort();
  await following;
  await restore().catch((error: Error) => console.error(`standin: could not put back the forwarding of ${clientId ?? 'every client'}: ${error.message}`));
  await standin?.close();
}
