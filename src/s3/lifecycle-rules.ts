/**
 * Lifecycle rules as S3 checks them when they are put, and the expiry they give an object.
 * The mock keeps the rules and reports an object's expiry (x-amz-expiration) as S3 does; it never
 * expires or transitions anything itself.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
 */
import { S3Error } from './errors';
import type { Tag } from './store/object-store';

/** The objects a rule applies to; an empty filter takes every object. */
export interface LifecycleFilter {
  prefix?: string;
  tags: Tag[];
  objectSizeGreaterThan?: number;
  objectSizeLessThan?: number;
}

/**
 * How the rule was written, so it reads back the same way: the deprecated rule-level Prefix, a
 * Filter with at most one condition, or a Filter whose conditions are joined by And.
 */
export type FilterForm = 'prefix' | 'filter' | 'and';

export interface LifecycleRule {
  id: string;
  status: 'Enabled' | 'Disabled';
  filterForm: FilterForm;
  filter: LifecycleFilter;
  expiration?: { days?: number; date?: Date; expiredObjectDeleteMarker?: boolean };
  transitions: Array<{ days?: number; date?: Date; storageClass: string }>;
  noncurrentVersionTransitions: Array<{ noncurrentDays?: number; newerNoncurrentVersions?: number; storageClass: string }>;
  noncurrentVersionExpiration?: { noncurrentDays?: number; newerNoncurrentVersions?: number };
  abortIncompleteMultipartUpload?: { daysAfterInitiation?: number };
}

export const MAX_LIFECYCLE_RULES = 1000;
const MAX_RULE_ID_LENGTH = 255;
const DAY_MS = 24 * 3600 * 1000;

const invalidArgument = (message: string, name: string, value: unknown) =>
  new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value instanceof Date ? value.toISOString() : String(value) });

function assertPositive(value: number | undefined, message: string, name: string): void {
  if (value !== undefined && value < 1) throw invalidArgument(message, name, value);
}

function assertMidnight(date: Date | undefined): void {
  if (date !== undefined && date.getTime() % DAY_MS !== 0) throw invalidArgument("'Date' must be at midnight GMT", 'Date', date);
}

const hasAction = (rule: LifecycleRule) =>
  rule.expiration !== undefined ||
  rule.transitions.length > 0 ||
  rule.noncurrentVersionTransitions.length > 0 ||
  rule.noncurrentVersionExpiration !== undefined ||
  rule.abortIncompleteMultipartUpload !== undefined;

function checkRule(rule: LifecycleRule): void {
  if (rule.id.length > MAX_RULE_ID_LENGTH) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', rule.id);
  if (!hasAction(rule)) throw new S3Error('InvalidRequest', 'At least one action needs to be specified in a rule');
  assertPositive(rule.expiration?.days, "'Days' for Expiration action must be a positive integer", 'Days');
  assertMidnight(rule.expiration?.date);
  for (const transition of rule.transitions) assertMidnight(transition.date);
  assertPositive(rule.noncurrentVersionExpiration?.noncurrentDays, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer", 'NoncurrentDays');
  assertPositive(rule.abortIncompleteMultipartUpload?.daysAfterInitiation, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer", 'DaysAfterInitiation');
  if (new Set(rule.filter.tags.map((tag) => tag.key)).size !== rule.filter.tags.length) throw new S3Error('InvalidRequest', 'Duplicate Tag Keys are not allowed.');
  const { objectSizeGreaterThan: above, objectSizeLessThan: below } = rule.filter;
  if (above !== undefined && below !== undefined && above >= below) {
    throw invalidArgument('ObjectSizeGreaterThan must be less than ObjectSizeLessThan', 'ObjectSizeGreaterThan', above);
  }
  if (rule.abortIncompleteMultipartUpload && (rule.filter.tags.length > 0 || above !== undefined || below !== undefined)) {
    throw new S3Error('InvalidRequest', 'AbortIncompleteMultipartUpload cannot be specified with Tags or object size filters.');
  }
}

/** What S3 refuses in rules that are well-formed XML: InvalidArgument or InvalidRequest. */
export function checkLifecycleRules(rules: readonly LifecycleRule[]): void {
  const ids = new Set<string>();
  for (const rule of rules) {
    checkRule(rule);
    if (ids.has(rule.id)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', rule.id);
    ids.add(rule.id);
  }
}

/** The object facts a filter looks at. */
export interface LifecycleSubject {
  key: string;
  size: number;
  tags?: readonly Tag[];
  lastModified: Date;
}

function matches(filter: LifecycleFilter, object: LifecycleSubject): boolean {
  if (filter.prefix !== undefined && !object.key.startsWith(filter.prefix)) return false;
  if (filter.objectSizeGreaterThan !== undefined && !(object.size > filter.objectSizeGreaterThan)) return false;
  if (filter.objectSizeLessThan !== undefined && !(object.size < filter.objectSizeLessThan)) return false;
  return filter.tags.every((wanted) => object.tags?.some((tag) => tag.key === wanted.key && tag.value === wanted.value));
}

/** Days after creation, rounded up to the next midnight UTC, as S3 counts them. */
const afterDays = (created: Date, days: number) => new Date(Math.ceil((created.getTime() + days * DAY_MS) / DAY_MS) * DAY_MS);

export interface Expiry {
  date: Date;
  ruleId: string;
}

/** When the earliest enabled expiration rule that applies to the (current) object expires it. */
export function expiryOf(rules: readonly LifecycleRule[], object: LifecycleSubject): Expiry | undefined {
  let earliest: Expiry | undefined;
  for (const rule of rules) {
    const { days, date } = rule.expiration ?? {};
    if (rule.status !== 'Enabled' || (days === undefined && date === undefined) || !matches(rule.filter, object)) continue;
    const expires = date ?? afterDays(object.lastModified, days!);
    if (!earliest || expires < earliest.date) earliest = { date: expires, ruleId: rule.id };
  }
  return earliest;
}

/**
 * The x-amz-expiration value: `expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="..."`. A rule
 * id that cannot stand between quotes in a header (quotes, control or non-ASCII characters) is
 * percent-encoded.
 */
export function expirationHeaderValue(expiry: Expiry): string {
  const ruleId = /^[\x20\x21\x23-\x7e]*$/.test(expiry.ruleId) ? expiry.ruleId : encodeURIComponent(expiry.ruleId);
  return `expiry-date="${expiry.date.toUTCString()}", rule-id="${ruleId}"`;
}
