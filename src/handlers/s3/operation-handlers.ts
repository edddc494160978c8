/** Every S3 operation of the dispatch table and the handler that serves it, grouped by resource. */
import type { S3Operation } from '../../s3/dispatch';
import { accessControlHandlers } from './access-control-handlers';
import { bucketAccessHandlers } from './bucket-access-handlers';
import { bucketDocumentHandlers } from './bucket-document-handlers';
import { bucketHandlers } from './bucket-handlers';
import { copyHandlers } from './copy-handlers';
import { corsHandlers } from './cors-handlers';
import { listingHandlers } from './listing-handlers';
import { multipartHandlers } from './multipart-handlers';
import { notificationHandlers } from './notification-handlers';
import { objectLockHandlers } from './object-lock-handlers';
import { objectReadHandlers } from './object-read-handlers';
import { objectWriteHandlers } from './object-write-handlers';
import { postObjectHandlers } from './post-object-handlers';
import { restoreHandlers } from './restore-handlers';
import type { S3Handler } from './s3-call';
import { subresourceHandlers } from './subresource-handlers';

export const OPERATION_HANDLERS: Record<S3Operation, S3Handler> = {
  ...bucketHandlers,
  ...listingHandlers,
  ...objectReadHandlers,
  ...objectWriteHandlers,
  ...copyHandlers,
  ...multipartHandlers,
  ...subresourceHandlers,
  ...bucketDocumentHandlers,
  ...accessControlHandlers,
  ...bucketAccessHandlers,
  ...corsHandlers,
  ...postObjectHandlers,
  ...objectLockHandlers,
  ...restoreHandlers,
  ...notificationHandlers,
};
