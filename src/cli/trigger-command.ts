import { readWebhookConfig } from '../webhooks/config';
import { ReplayTargetPolicy } from '../webhooks/replay-target-policy';
import { SCHEME_NAMES, type SchemeName } from '../webhooks/signature-schemes';
import type { Signing } from '../webhooks/signed-request';
import { testEventTemplates } from '../webhooks/test-events/templates';
import { sendTestEvent, templateNamed } from '../webhooks/test-events/test-event-sender';
import { UsageError, parseCommandLine } from './usage-error';

function isSchemeName(value: string): value is SchemeName {
  return (SCHEME_NAMES as readonly string[]).includes(value);
}

/** `standin trigger`: signs on this machine and sends; exit status 0 when the target answered 2xx. */
export async function triggerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      secret: { type: 'string' },
      scheme: { type: 'string' },
      unsigned: { type: 'boolean' },
      'wrong-signature': { type: 'boolean' },
      body: { type: 'string' },
      list: { type: 'boolean' },
    },
  });
  if (values.list) {
    for (const template of await testEventTemplates()) console.log(`${template.name.padEnd(34)} ${template.scheme.padEnd(20)} ${template.sender}`);
    return 0;
  }
  const [name] = positionals;
  if (name === undefined || positionals.length > 1) throw new UsageError('name one template (standin trigger --list)');
  if (values.to === undefined) throw new UsageError('--to URL is required');
  if (values.scheme !== undefined && !isSchemeName(values.scheme)) throw new UsageError(`--scheme must be one of ${SCHEME_NAMES.join(', ')}`);
  if (values.unsigned && values['wrong-signature']) throw new UsageError('--unsigned and --wrong-signature exclude each other');

  const config = readWebhookConfig();
  const template = await templateNamed(name);
  const target = new ReplayTargetPolicy(config.replayAllow).check(values.to);
  const scheme = values.scheme ?? template.scheme;
  const signing: Signing = values.unsigned ? { mode: 'unsigned' } : values['wrong-signature'] ? { mode: 'wrong', scheme } : { mode: 'signed', scheme, secret: values.secret ?? config.secret };
  const result = await sendTestEvent(template, target, signing, { body: values.body, timeoutMs: config.replayTimeoutMs, now: Date.now() });
  const { answer } = result;
  console.log(`standin: ${template.name} -> ${result.targetUrl} (${result.scheme ?? 'unsigned'}${signing.mode === 'wrong' ? ', wrong signature' : ''})`);
  console.log(`standin: answered ${answer.status} in ${answer.latencyMs} ms`);
  const text = answer.body.toString('utf8').trim();
  if (text) console.log(text.slice(0, 2000));
  return answer.status >= 200 && answer.status < 300 ? 0 : 1;
}
