import type { ClientSettingsStore } from '../client-settings';
import { SecretNotAvailableError, TargetUnreachableError, UnknownTemplateError, UnusableSecretError } from '../errors';
import { OutboundFailure, postExactly, type HeaderPairs, type OutboundAnswer } from '../outbound-request';
import type { ReplayTargetPolicy } from '../replay-target-policy';
import { secretProblemFor, type SchemeName } from '../signature-schemes';
import { prepareRequest, type Signing } from '../signed-request';
import { testEventTemplates, type TestEventTemplate } from './templates';

export type SigningMode = Signing['mode'];

export interface TriggerRequest {
  template: string;
  targetUrl: string;
  signing: SigningMode;
  /** Default: the named client's pinned scheme, else the template's. */
  scheme?: SchemeName;
  /** Default: the named client's own secret. */
  secret?: string;
  clientId?: string;
  /** The edited body (default: the template's). */
  body?: string;
  /** The edited headers besides the signature (default: the template's, with its Content-Type). */
  headers?: HeaderPairs;
  /** The Via field lines of the request that asked for the test event, passed on (outbound-request.ts, passedOnVia). */
  via?: HeaderPairs;
}

export interface TriggerResult {
  template: string;
  /** Where it went (a Twilio-signed JSON body adds bodySHA256 to the URL). */
  targetUrl: string;
  scheme: SchemeName | null;
  signing: SigningMode;
  answer: OutboundAnswer;
}

export function templateHeaders(template: TestEventTemplate): HeaderPairs {
  return [['Content-Type', template.contentType], ...Object.entries(template.headers)];
}

/** The template of that name; UnknownTemplateError lists the names there are. */
export async function templateNamed(name: string): Promise<TestEventTemplate> {
  const templates = await testEventTemplates();
  const template = templates.find((candidate) => candidate.name === name);
  if (!template) throw new UnknownTemplateError(name, templates.map((candidate) => candidate.name));
  return template;
}

export interface TestEventOptions {
  /** The edited body (default: the template's). */
  body?: string;
  /** The edited headers (default: the template's). */
  headers?: HeaderPairs;
  /** The Via field lines of the request that asked for the test event, passed on (outbound-request.ts, passedOnVia). */
  via?: HeaderPairs;
  timeoutMs: number;
  now: number;
}

/**
 * Signs a template's event as `signing` says and POSTs it to `target` (already checked against
 * the target policy): what the API's trigger and `standin trigger` both do.
 */
export async function sendTestEvent(template: TestEventTemplate, target: URL, signing: Signing, options: TestEventOptions): Promise<TriggerResult> {
  const body = Buffer.from(options.body ?? template.body, 'utf8');
  const prepared = prepareRequest(signing, body, options.headers ?? templateHeaders(template), target, options.now);
  try {
    const answer = await postExactly(prepared.target, [...prepared.headers, ...(options.via ?? [])], body, options.timeoutMs);
    return { template: template.name, targetUrl: prepared.target.href, scheme: signing.mode === 'unsigned' ? null : signing.scheme, signing: signing.mode, answer };
  } catch (error) {
    if (error instanceof OutboundFailure) throw new TargetUnreachableError(error.timedOut, error.message);
    throw error;
  }
}

/**
 * Sends a signed test event built from a template (edited or not) to an allowed target: the
 * "send test webhooks" use case. The answer holds the target's reply, never the headers sent,
 * so no signature the receiver computed is ever shown.
 */
export class TestEventSender {
  constructor(
    private readonly clients: ClientSettingsStore,
    private readonly policy: ReplayTargetPolicy,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async send(request: TriggerRequest): Promise<TriggerResult> {
    const template = await templateNamed(request.template);
    const target = this.policy.check(request.targetUrl);
    const client = request.clientId === undefined ? undefined : this.clients.get(request.clientId);
    const scheme = request.scheme ?? (client && client.scheme !== 'auto' ? client.scheme : template.scheme);
    return sendTestEvent(template, target, this.signing(request, scheme), { body: request.body, headers: request.headers, via: request.via, timeoutMs: this.timeoutMs, now: this.now() });
  }

  private signing(request: TriggerRequest, scheme: SchemeName): Signing {
    if (request.signing !== 'signed') return request.signing === 'unsigned' ? { mode: 'unsigned' } : { mode: 'wrong', scheme };
    const secret = request.secret ?? (request.clientId === undefined ? null : this.clients.get(request.clientId).secret);
    if (secret === null) {
      throw new SecretNotAvailableError('give a secret, or a client_id whose settings have their own secret: test events are never signed with WEBHOOK_SECRET, or the receiver would sign any body for anyone');
    }
    const problem = secretProblemFor(scheme, secret);
    if (problem !== undefined) throw new UnusableSecretError(problem);
    return { mode: 'signed', scheme, secret };
  }
}
