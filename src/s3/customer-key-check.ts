/**
 * SSE-C on reads: an object stored with a customer key is served only to a request that presents
 * the same key (by its MD5), and a key is refused for an object stored without one.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 */
import { S3Error } from './errors';
import type { ServerSideEncryption } from './store/object-store';

export function assertCustomerKeyMatches(stored: ServerSideEncryption | undefined, presented: ServerSideEncryption | undefined): void {
  const storedMd5 = stored?.customerKeyMd5;
  const presentedMd5 = presented?.customerKeyMd5;
  if (storedMd5 === undefined && presentedMd5 === undefined) return;
  if (storedMd5 === undefined) {
    throw new S3Error('InvalidRequest', 'The encryption parameters are not applicable to this object.');
  }
  if (presentedMd5 === undefined) {
    throw new S3Error('InvalidRequest', 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.');
  }
  if (presentedMd5 !== storedMd5) {
    throw new S3Error('AccessDenied', 'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.');
  }
}
