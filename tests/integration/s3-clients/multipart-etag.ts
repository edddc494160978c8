import { createHash } from 'node:crypto';

/**
 * The ETag S3 gives an object completed from parts of `partSize` bytes: the hex MD5 of the
 * concatenated binary MD5s of the parts, then "-<part count>" (not documented as a contract by
 * AWS, but what S3 does and what rclone and s3cmd rely on to recognise multipart objects).
 */
export function multipartEtag(body: Buffer, partSize: number): string {
  const partDigests: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += partSize) {
    partDigests.push(createHash('md5').update(body.subarray(offset, offset + partSize)).digest());
  }
  return `${createHash('md5').update(Buffer.concat(partDigests)).digest('hex')}-${partDigests.length}`;
}
