/**
 * RestoreObject: the RestoreRequest document, which objects it applies to, and the x-amz-restore
 * header GET and HEAD then answer.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html
 */
import { S3Error } from '../errors';
import { parseXml, type XmlTree } from '../xml';

/** The storage classes whose objects are archived and must be restored to be read. */
const ARCHIVE_STORAGE_CLASSES: readonly string[] = ['GLACIER', 'DEEP_ARCHIVE'];
const isArchived = (storageClass: string | undefined): boolean => ARCHIVE_STORAGE_CLASSES.includes(storageClass ?? 'STANDARD');
const TIERS: readonly string[] = ['Expedited', 'Standard', 'Bulk'];
const DAY_MS = 24 * 60 * 60 * 1000;

const malformed = () => new S3Error('MalformedXML');
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

export interface RestoreRequest {
  /** How long the restored copy stays readable. */
  days: number;
  tier: string;
}

export function parseRestoreRequest(body: string): RestoreRequest {
  const document = parseXml(body, 'RestoreRequest');
  const days = text(document.Days);
  if (days === undefined || !/^\d+$/.test(days)) throw malformed();
  if (Number(days) < 1) throw new S3Error('InvalidArgument', 'The value of Days must be greater than 0.', { ArgumentName: 'Days', ArgumentValue: days });
  const tier = text((document.GlacierJobParameters as XmlTree | undefined)?.Tier) ?? text(document.Tier) ?? 'Standard';
  if (!TIERS.includes(tier)) throw malformed();
  return { days: Number(days), tier };
}

/** Only archived objects are restored; S3 refuses the others with 403 InvalidObjectState. */
export function assertRestorable(storageClass: string | undefined): void {
  if (!isArchived(storageClass)) {
    throw new S3Error('InvalidObjectState', "Restore is not allowed for the object's current storage class");
  }
}

/**
 * When a copy restored now for `days` expires: S3 rounds the expiry up to the next midnight UTC.
 * The mock restores at once (AWS takes minutes to hours), so the copy is readable straight away.
 */
export function restoreExpiry(days: number, now = new Date()): string {
  const due = now.getTime() + days * DAY_MS;
  return new Date(Math.ceil(due / DAY_MS) * DAY_MS).toISOString();
}

/** Whether an earlier restore's copy is still there (RestoreObject then answers 200, not 202). */
export function isRestored(expiry: string | undefined, now = new Date()): boolean {
  return expiry !== undefined && Date.parse(expiry) > now.getTime();
}

/**
 * An archived object's bytes can be read (GetObject, or as a copy's source) only while a restored
 * copy exists; HEAD still answers. S3 answers anything else 403 InvalidObjectState.
 */
export function assertReadableTier(object: { storageClass?: string; restoreExpiry?: string }): void {
  if (isArchived(object.storageClass) && !isRestored(object.restoreExpiry)) {
    throw new S3Error('InvalidObjectState', "The operation is not valid for the object's storage class", { StorageClass: object.storageClass! });
  }
}

/** x-amz-restore of a restored object: `ongoing-request="false", expiry-date="<HTTP date>"`. */
export function restoreHeader(expiry: string | undefined): Record<string, string> {
  if (!isRestored(expiry)) return {};
  return { 'x-amz-restore': `ongoing-request="false", expiry-date="${new Date(expiry!).toUTCString()}"` };
}
