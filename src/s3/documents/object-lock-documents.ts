/**
 * Object Lock documents both ways (ObjectLockConfiguration, Retention, LegalHold) and the lock
 * headers of object writes and reads.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectRetention.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLegalHold.html
 */
import { S3Error } from '../errors';
import { header, type S3HttpRequest } from '../http-request';
import type { LegalHoldStatus, ObjectLock, ObjectLockConfig, RetentionMode } from '../store/object-store';
import { parseXml, type XmlTree } from '../xml';

const MODES: readonly string[] = ['GOVERNANCE', 'COMPLIANCE'];
const malformed = () => new S3Error('MalformedXML');
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

function mode(value: unknown): RetentionMode {
  const given = text(value);
  if (given === undefined || !MODES.includes(given)) throw malformed();
  return given as RetentionMode;
}

/** S3's bounds of a default retention: 100 years, in days or years. */
const MAX_PERIOD = { Days: 36500, Years: 100 };

function retentionPeriod(value: unknown, unit: keyof typeof MAX_PERIOD): number | undefined {
  const given = text(value);
  if (given === undefined) return undefined;
  if (!/^-?\d+$/.test(given)) throw malformed();
  const period = Number(given);
  if (period <= 0) throw new S3Error('InvalidRetentionPeriod');
  if (period > MAX_PERIOD[unit]) throw new S3Error('InvalidRetentionPeriod', `Default retention period must not exceed ${MAX_PERIOD[unit]} ${unit.toLowerCase()}.`);
  return period;
}

export function parseObjectLockConfiguration(body: string): ObjectLockConfig {
  const document = parseXml(body, 'ObjectLockConfiguration');
  if (text(document.ObjectLockEnabled) !== 'Enabled') throw malformed();
  if (document.Rule === undefined) return { enabled: true };
  const retention = (document.Rule as XmlTree | undefined)?.DefaultRetention as XmlTree | undefined;
  if (typeof retention !== 'object') throw malformed();
  const days = retentionPeriod(retention.Days, 'Days');
  const years = retentionPeriod(retention.Years, 'Years');
  if ((days === undefined) === (years === undefined)) throw malformed();
  return { enabled: true, rule: { mode: mode(retention.Mode), ...(days !== undefined ? { days } : { years }) } };
}

export function objectLockConfiguration(config: ObjectLockConfig): XmlTree {
  const rule = config.rule;
  return {
    ObjectLockEnabled: 'Enabled',
    Rule: rule ? { DefaultRetention: { Mode: rule.mode, Days: rule.days, Years: rule.years } } : undefined,
  };
}

const invalidArgument = (message: string, name: string, value: string) =>
  new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
const pastRetainUntilDate = (givenDate: string) => invalidArgument('The retain until date must be in the future!', 'x-amz-object-lock-retain-until-date', givenDate);

/** A date as Java's Date.toString() prints it in US Pacific time: `Tue Dec 31 16:00:00 PST 2019`. */
function pacificDateString(iso: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    weekday: 'short',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    year: 'numeric',
    timeZoneName: 'short',
  });
  const part = Object.fromEntries(format.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.month} ${part.day} ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName} ${part.year}`;
}

/** A RetainUntilDate in ISO 8601, kept as S3 echoes it (milliseconds, UTC). */
function retainUntilDate(value: string | undefined, onInvalid: () => S3Error): string {
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) throw onInvalid();
  return new Date(time).toISOString();
}

/** A Retention document (PutObjectRetention): a mode and a RetainUntilDate in the future, or neither (no retention). */
export function parseRetention(body: string, now = new Date()): Pick<ObjectLock, 'mode' | 'retainUntil'> {
  const document = parseXml(body, 'Retention');
  if (document.Mode === undefined && document.RetainUntilDate === undefined) return {};
  const retentionMode = mode(document.Mode);
  const givenDate = text(document.RetainUntilDate);
  const retainUntil = retainUntilDate(givenDate, malformed);
  if (Date.parse(retainUntil) <= now.getTime()) {
    // S3 names the element and writes its date as its servers print one (localstack's recorded
    // answer: test_s3_object_retention_exc 'update-retention-past-date', 'Tue Dec 31 16:00:00 PST 2019').
    throw invalidArgument('The retain until date must be in the future!', 'RetainUntilDate', pacificDateString(retainUntil));
  }
  return { mode: retentionMode, retainUntil };
}

export function retention(lock: ObjectLock): XmlTree {
  return { Mode: lock.mode, RetainUntilDate: lock.retainUntil };
}

export function parseLegalHold(body: string): LegalHoldStatus {
  const status = text(parseXml(body, 'LegalHold').Status);
  if (status !== 'ON' && status !== 'OFF') throw malformed();
  return status;
}

/**
 * x-amz-object-lock-mode, -retain-until-date and -legal-hold of PutObject, CopyObject and
 * CreateMultipartUpload: mode and date go together, the date in the future.
 */
export function objectLockFromRequest(request: S3HttpRequest, now = new Date()): ObjectLock | undefined {
  const givenMode = header(request, 'x-amz-object-lock-mode');
  const givenDate = header(request, 'x-amz-object-lock-retain-until-date');
  const legalHold = header(request, 'x-amz-object-lock-legal-hold');
  if (givenMode === undefined && givenDate === undefined && legalHold === undefined) return undefined;
  const lock: ObjectLock = {};
  if (givenMode !== undefined || givenDate !== undefined) {
    if (givenMode === undefined || givenDate === undefined) {
      // S3 names the header missing, without a value (localstack's recorded answers:
      // test_s3_object_lock_mode_validation 'put-obj-locked-error-no-retain-date', 'put-obj-locked-error-no-mode').
      const missing = givenDate === undefined ? 'x-amz-object-lock-retain-until-date' : 'x-amz-object-lock-mode';
      throw new S3Error('InvalidArgument', 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', { ArgumentName: missing });
    }
    if (!MODES.includes(givenMode)) throw invalidArgument('Unknown wormMode directive.', 'x-amz-object-lock-mode', givenMode);
    lock.mode = givenMode as RetentionMode;
    lock.retainUntil = retainUntilDate(givenDate, () =>
      invalidArgument('The retain until date must be provided in ISO 8601 format', 'x-amz-object-lock-retain-until-date', givenDate),
    );
    if (Date.parse(lock.retainUntil) <= now.getTime()) throw pastRetainUntilDate(givenDate);
  }
  if (legalHold !== undefined) {
    if (legalHold !== 'ON' && legalHold !== 'OFF') throw invalidArgument('Legal Hold must be either of ON or OFF', 'x-amz-object-lock-legal-hold', legalHold);
    lock.legalHold = legalHold;
  }
  return lock;
}

/** The lock headers of GetObject and HeadObject. */
export function objectLockHeaders(lock: ObjectLock | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (lock?.mode && lock.retainUntil) {
    headers['x-amz-object-lock-mode'] = lock.mode;
    headers['x-amz-object-lock-retain-until-date'] = lock.retainUntil;
  }
  if (lock?.legalHold) headers['x-amz-object-lock-legal-hold'] = lock.legalHold;
  return headers;
}
