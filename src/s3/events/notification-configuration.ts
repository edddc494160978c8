/**
 * A bucket's NotificationConfiguration: parsed and checked as S3 checks it, rendered back as S3
 * answers GetBucketNotificationConfiguration, and matched against events.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
 */
import { randomUUID } from 'node:crypto';
import { S3Error } from '../errors';
import { parseXml, type XmlTree } from '../xml';
import { eventTypeCovers, eventTypesOverlap, NOTIFICATION_EVENTS } from './notification-events';
import type { ObjectEventName } from './object-change';

/** The three kinds of destination configuration, with their XML element names. */
const KINDS = {
  topic: { element: 'TopicConfiguration', arn: 'Topic' },
  queue: { element: 'QueueConfiguration', arn: 'Queue' },
  function: { element: 'CloudFunctionConfiguration', arn: 'CloudFunction' },
} as const;

export type NotificationKind = keyof typeof KINDS;

export interface NotificationRule {
  /** The configuration's Id (S3 makes one up when it is absent): the events' configurationId. */
  id: string;
  kind: NotificationKind;
  arn: string;
  /** As written: `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`... */
  events: string[];
  prefix?: string;
  suffix?: string;
}

export interface NotificationConfiguration {
  rules: NotificationRule[];
  /** An EventBridgeConfiguration element was present. */
  eventBridge: boolean;
}

const EMPTY: NotificationConfiguration = { rules: [], eventBridge: false };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function invalid(message: string, name?: string, value?: string): S3Error {
  return new S3Error('InvalidArgument', message, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' });
}

/**
 * Parses a PutBucketNotificationConfiguration body (an empty configuration removes them all).
 * Whether each ARN names a destination is the destinations' question (destinations.ts).
 */
export function parseNotificationConfiguration(body: string): NotificationConfiguration {
  const repeated = [...Object.values(KINDS).map((kind) => kind.element), 'Event', 'FilterRule'];
  const document = parseXml(body, 'NotificationConfiguration', repeated);
  const rules = (Object.entries(KINDS) as [NotificationKind, (typeof KINDS)[NotificationKind]][]).flatMap(([kind, names]) =>
    ((document[names.element] ?? []) as Array<Record<string, unknown>>).map((entry) => parseRule(kind, names.arn, entry)),
  );
  assertUniqueIds(rules);
  assertNoOverlap(rules);
  return { rules, eventBridge: document.EventBridgeConfiguration !== undefined };
}

/** arn:<partition>:<service>:<region>:<account>:<resource>: what S3 reads an ARN as, destination validation skipped or not. */
const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

function parseRule(kind: NotificationKind, arnElement: string, entry: Record<string, unknown>): NotificationRule {
  const arn = text(entry[arnElement]) ?? text(entry[`${arnElement}Arn`]);
  if (!arn) throw new S3Error('MalformedXML');
  if (!ARN.test(arn)) throw invalid('The ARN could not be parsed', arnElement, arn);
  const events = ((entry.Event ?? []) as unknown[]).map((event) => text(event) ?? '');
  if (events.length === 0) throw new S3Error('MalformedXML');
  for (const event of events) {
    if (!NOTIFICATION_EVENTS.has(event)) throw invalid('The event is not supported for notifications', event, event);
  }
  return { id: text(entry.Id) || Buffer.from(randomUUID()).toString('base64'), kind, arn, events, ...parseFilter(entry.Filter) };
}

function parseFilter(filter: unknown): Pick<NotificationRule, 'prefix' | 'suffix'> {
  if (filter === undefined || filter === '') return {};
  const s3Key = (filter as Record<string, unknown>).S3Key;
  const rules = (typeof s3Key === 'object' && s3Key !== null ? ((s3Key as Record<string, unknown>).FilterRule ?? []) : []) as Array<Record<string, unknown>>;
  const parsed: Pick<NotificationRule, 'prefix' | 'suffix'> = {};
  for (const rule of rules) {
    const [ruleName, value] = [text(rule.Name), text(rule.Value)];
    // A rule lacking its Name or its Value does not follow S3's schema; an empty Value is a rule.
    if (ruleName === undefined || value === undefined) throw new S3Error('MalformedXML');
    const name = ruleName.toLowerCase();
    if (name !== 'prefix' && name !== 'suffix') throw invalid('filter rule name must be either prefix or suffix', 'FilterRule.Name', ruleName);
    if (parsed[name] !== undefined) throw invalid(`Cannot specify more than one ${name} rule in a filter.`, 'FilterRule', name);
    parsed[name] = value;
  }
  return parsed;
}

function assertUniqueIds(rules: NotificationRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw invalid('Configuration is ambiguously defined. Cannot have two configurations with the same ID.', 'Id', rule.id);
    seen.add(rule.id);
  }
}

/** S3 refuses two configurations that could both take one event: overlapping event types, prefixes and suffixes. */
function assertNoOverlap(rules: NotificationRule[]): void {
  rules.forEach((a, i) => {
    for (const b of rules.slice(i + 1)) {
      const prefixesOverlap = (a.prefix ?? '').startsWith(b.prefix ?? '') || (b.prefix ?? '').startsWith(a.prefix ?? '');
      const suffixesOverlap = (a.suffix ?? '').endsWith(b.suffix ?? '') || (b.suffix ?? '').endsWith(a.suffix ?? '');
      const sharedEvent = a.events.find((event) => b.events.some((other) => eventTypesOverlap(event, other)));
      if (sharedEvent && prefixesOverlap && suffixesOverlap) {
        throw invalid(
          'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.',
          'Event',
          sharedEvent,
        );
      }
    }
  });
}

/** The GetBucketNotificationConfiguration document (an empty one when none is set). */
export function notificationConfigurationXml(configuration: NotificationConfiguration = EMPTY): XmlTree {
  const tree: XmlTree = {};
  for (const [kind, names] of Object.entries(KINDS) as [NotificationKind, (typeof KINDS)[NotificationKind]][]) {
    const rules = configuration.rules.filter((rule) => rule.kind === kind);
    if (rules.length === 0) continue;
    tree[names.element] = rules.map((rule) => ({
      Id: rule.id,
      [names.arn]: rule.arn,
      Event: rule.events,
      Filter: filterXml(rule),
    }));
  }
  if (configuration.eventBridge) tree.EventBridgeConfiguration = '';
  return tree;
}

function filterXml(rule: NotificationRule): XmlTree | undefined {
  const filterRules = [
    ...(rule.prefix !== undefined ? [{ Name: 'Prefix', Value: rule.prefix }] : []),
    ...(rule.suffix !== undefined ? [{ Name: 'Suffix', Value: rule.suffix }] : []),
  ];
  return filterRules.length > 0 ? { S3Key: { FilterRule: filterRules } } : undefined;
}

/** The configurations an event for `key` goes to. */
export function matchingRules(configuration: NotificationConfiguration, eventName: ObjectEventName, key: string): NotificationRule[] {
  return configuration.rules.filter(
    (rule) =>
      rule.events.some((event) => eventTypeCovers(event, eventName)) &&
      key.startsWith(rule.prefix ?? '') &&
      key.endsWith(rule.suffix ?? ''),
  );
}

export function isEmptyConfiguration(configuration: NotificationConfiguration): boolean {
  return configuration.rules.length === 0 && !configuration.eventBridge;
}
