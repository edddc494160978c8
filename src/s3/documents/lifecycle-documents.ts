/**
 * The LifecycleConfiguration document, both ways: read into rules (anything off S3's schema is
 * MalformedXML) and written back in S3's element order, each rule with its ID (S3 makes one up
 * for a rule put without).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html
 */
import { randomUUID } from 'node:crypto';
import { S3Error } from '../errors';
import { checkLifecycleRules, MAX_LIFECYCLE_RULES, type FilterForm, type LifecycleFilter, type LifecycleRule } from '../lifecycle-rules';
import type { Tag } from '../store/object-store';
import { parseXml, renderXml, type XmlTree } from '../xml';

type Element = Record<string, unknown>;

const REPEATED = ['Rule', 'Tag', 'Transition', 'NoncurrentVersionTransition'];
const TRANSITION_STORAGE_CLASSES = new Set(['GLACIER', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'DEEP_ARCHIVE', 'GLACIER_IR']);
/** xsd:dateTime as S3 takes it: a date, or a date and time with a zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

const malformed = () => new S3Error('MalformedXML');

function element(value: unknown): Element | undefined {
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed();
  return value as Element;
}

function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed();
  return value;
}

function integer(value: unknown): number | undefined {
  const digits = text(value)?.trim();
  if (digits === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(digits)) throw malformed();
  return Number(digits);
}

function date(value: unknown): Date | undefined {
  const written = text(value)?.trim();
  if (written === undefined) return undefined;
  const parsed = ISO_DATE.test(written) ? new Date(written.length === 10 ? `${written}T00:00:00Z` : written) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw malformed();
  return parsed;
}

function boolean(value: unknown): boolean | undefined {
  const written = text(value)?.trim();
  if (written === undefined) return undefined;
  if (written !== 'true' && written !== 'false') throw malformed();
  return written === 'true';
}

function tag(value: unknown): Tag {
  const tagElement = element(value) ?? {};
  const key = text(tagElement.Key);
  if (key === undefined) throw malformed();
  return { key, value: text(tagElement.Value) ?? '' };
}

/** Exactly the listed children are allowed, at most `most` of them (a Filter holds one condition). */
function presentOf(parent: Element, names: readonly string[], most: number): string[] {
  const present = names.filter((name) => parent[name] !== undefined);
  if (present.length > most) throw malformed();
  return present;
}

function readFilter(rule: Element): { filterForm: FilterForm; filter: LifecycleFilter } {
  const filter = element(rule.Filter);
  const legacyPrefix = text(rule.Prefix);
  if ((filter === undefined) === (legacyPrefix === undefined)) throw malformed();
  if (filter === undefined) return { filterForm: 'prefix', filter: { prefix: legacyPrefix, tags: [] } };
  const conditions = ['Prefix', 'Tag', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan', 'And'];
  presentOf(filter, conditions, 1);
  const and = element(filter.And);
  const source = and ?? filter;
  if (!and && Array.isArray(filter.Tag) && filter.Tag.length > 1) throw malformed();
  return {
    filterForm: and ? 'and' : 'filter',
    filter: {
      prefix: text(source.Prefix),
      tags: ((source.Tag as unknown[] | undefined) ?? []).map(tag),
      objectSizeGreaterThan: integer(source.ObjectSizeGreaterThan),
      objectSizeLessThan: integer(source.ObjectSizeLessThan),
    },
  };
}

function storageClass(value: unknown): string {
  const name = text(value)?.trim();
  if (name === undefined || !TRANSITION_STORAGE_CLASSES.has(name)) throw malformed();
  return name;
}

function readExpiration(value: unknown): LifecycleRule['expiration'] {
  const expiration = element(value);
  if (!expiration) return undefined;
  const present = presentOf(expiration, ['Days', 'Date', 'ExpiredObjectDeleteMarker'], 1);
  if (present.length === 0) throw malformed();
  return { days: integer(expiration.Days), date: date(expiration.Date), expiredObjectDeleteMarker: boolean(expiration.ExpiredObjectDeleteMarker) };
}

function readRule(value: unknown): LifecycleRule {
  const rule = element(value) ?? {};
  const status = text(rule.Status)?.trim();
  if (status !== 'Enabled' && status !== 'Disabled') throw malformed();
  const noncurrentExpiration = element(rule.NoncurrentVersionExpiration);
  const abort = element(rule.AbortIncompleteMultipartUpload);
  if (noncurrentExpiration && presentOf(noncurrentExpiration, ['NoncurrentDays', 'NewerNoncurrentVersions'], 2).length === 0) throw malformed();
  if (abort && abort.DaysAfterInitiation === undefined) throw malformed();
  return {
    id: text(rule.ID) || Buffer.from(randomUUID()).toString('base64'),
    status,
    ...readFilter(rule),
    expiration: readExpiration(rule.Expiration),
    transitions: ((rule.Transition as unknown[] | undefined) ?? []).map((item) => {
      const transition = element(item) ?? {};
      if (presentOf(transition, ['Days', 'Date'], 1).length === 0) throw malformed();
      return { days: integer(transition.Days), date: date(transition.Date), storageClass: storageClass(transition.StorageClass) };
    }),
    noncurrentVersionTransitions: ((rule.NoncurrentVersionTransition as unknown[] | undefined) ?? []).map((item) => {
      const transition = element(item) ?? {};
      return { noncurrentDays: integer(transition.NoncurrentDays), newerNoncurrentVersions: integer(transition.NewerNoncurrentVersions), storageClass: storageClass(transition.StorageClass) };
    }),
    noncurrentVersionExpiration: noncurrentExpiration && {
      noncurrentDays: integer(noncurrentExpiration.NoncurrentDays),
      newerNoncurrentVersions: integer(noncurrentExpiration.NewerNoncurrentVersions),
    },
    abortIncompleteMultipartUpload: abort && { daysAfterInitiation: integer(abort.DaysAfterInitiation) },
  };
}

/** The rules of a LifecycleConfiguration document: 1 to 1000, each of S3's shape. */
export function parseLifecycleRules(body: string): LifecycleRule[] {
  const rules = (parseXml(body, 'LifecycleConfiguration', REPEATED).Rule ?? []) as unknown[];
  if (rules.length === 0 || rules.length > MAX_LIFECYCLE_RULES) throw malformed();
  return rules.map(readRule);
}

function filterElement(rule: LifecycleRule): XmlTree {
  const { prefix, tags, objectSizeGreaterThan, objectSizeLessThan } = rule.filter;
  const tagElements = tags.map((item) => ({ Key: item.key, Value: item.value }));
  if (rule.filterForm === 'prefix') return { Prefix: prefix ?? '' };
  const conditions = { Prefix: prefix, Tag: tagElements.length > 0 ? tagElements : undefined, ObjectSizeGreaterThan: objectSizeGreaterThan, ObjectSizeLessThan: objectSizeLessThan };
  return { Filter: rule.filterForm === 'and' ? { And: conditions } : conditions };
}

/** A LifecycleConfiguration document's content, as GetBucketLifecycleConfiguration answers it. */
export function lifecycleConfiguration(rules: readonly LifecycleRule[]): XmlTree {
  return {
    Rule: rules.map((rule) => ({
      ID: rule.id,
      ...filterElement(rule),
      Status: rule.status,
      Transition: rule.transitions.map((transition) => ({ Date: transition.date, Days: transition.days, StorageClass: transition.storageClass })),
      NoncurrentVersionTransition: rule.noncurrentVersionTransitions.map((transition) => ({
        NoncurrentDays: transition.noncurrentDays,
        StorageClass: transition.storageClass,
        NewerNoncurrentVersions: transition.newerNoncurrentVersions,
      })),
      Expiration: rule.expiration && { Date: rule.expiration.date, Days: rule.expiration.days, ExpiredObjectDeleteMarker: rule.expiration.expiredObjectDeleteMarker },
      NoncurrentVersionExpiration: rule.noncurrentVersionExpiration && {
        NoncurrentDays: rule.noncurrentVersionExpiration.noncurrentDays,
        NewerNoncurrentVersions: rule.noncurrentVersionExpiration.newerNoncurrentVersions,
      },
      AbortIncompleteMultipartUpload: rule.abortIncompleteMultipartUpload && { DaysAfterInitiation: rule.abortIncompleteMultipartUpload.daysAfterInitiation },
    })),
  };
}

/**
 * The document to keep for a PutBucketLifecycleConfiguration body: its rules checked as S3 checks
 * them and written back in S3's form, each with its ID.
 */
export function lifecycleDocumentToStore(body: string): string {
  const rules = parseLifecycleRules(body);
  checkLifecycleRules(rules);
  return renderXml('LifecycleConfiguration', lifecycleConfiguration(rules));
}

/** Parsed stored documents: a bucket's is read on every write and read of its objects. */
const rulesByDocument = new Map<string, LifecycleRule[]>();
const DOCUMENTS_KEPT = 64;

/**
 * The rules of a stored document. One an earlier version kept as it was put is read as well as
 * it can be: a document this version would refuse gives no rules rather than an error.
 */
export function storedLifecycleRules(document: string): LifecycleRule[] {
  let rules = rulesByDocument.get(document);
  if (rules) return rules;
  try {
    rules = parseLifecycleRules(document);
  } catch {
    rules = [];
  }
  if (rulesByDocument.size >= DOCUMENTS_KEPT) rulesByDocument.clear();
  rulesByDocument.set(document, rules);
  return rules;
}
