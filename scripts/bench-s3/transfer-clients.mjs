// The client code both servers are measured with. Unsigned: Node's fetch (undici) for buffered
// bodies, node:http for a streamed 1 GiB body (fetch cannot stream a body with a Content-Length,
// and S3 refuses a PUT without one). Signed: @aws-sdk/client-s3 on its defaults (SigV4, flexible
// checksums). Downloads are consumed chunk by chunk and counted, never collected.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

function expectOk(response, what) {
  if (response.status < 200 || response.status > 299) throw new Error(`${what}: HTTP ${response.status}`);
}

export const unsigned = {
  async put(base, bucket, key, body) {
    const response = await fetch(`${base}/${bucket}/${key}`, { method: 'PUT', body });
    await response.arrayBuffer();
    expectOk(response, `PUT ${key}`);
  },
  async get(base, bucket, key) {
    const response = await fetch(`${base}/${bucket}/${key}`);
    expectOk(response, `GET ${key}`);
    let bytes = 0;
    for await (const chunk of response.body) bytes += chunk.length;
    return bytes;
  },
};

export function signedClient(base) {
  const client = new S3Client({ endpoint: base, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  return {
    async put(_base, bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async get(_base, bucket, key) {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      let bytes = 0;
      for await (const chunk of Body) bytes += chunk.length;
      return bytes;
    },
    destroy: () => client.destroy(),
  };
}

/** PUTs `size` bytes made of `block` repeated, streamed with a Content-Length; resolves to { etag, md5 } (the MD5 of what was sent). */
export function putStreamed(url, size, block) {
  const md5 = createHash('md5');
  async function* repeated() {
    for (let sent = 0; sent < size; sent += block.length) {
      const chunk = block.subarray(0, Math.min(block.length, size - sent));
      md5.update(chunk);
      yield chunk;
    }
  }
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'PUT', headers: { 'content-length': size } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve({ etag: response.headers.etag, md5: md5.digest('hex') }) : reject(new Error(`PUT ${url}: HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
    pipeline(Readable.from(repeated()), request).catch(reject);
  });
}

/** GETs `url` as a stream; resolves to { bytes, md5 } of what arrived. */
export function getStreamedDigest(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      if (response.statusCode !== 200) reject(new Error(`GET ${url}: HTTP ${response.statusCode}`));
      const md5 = createHash('md5');
      let bytes = 0;
      response.on('data', (chunk) => {
        bytes += chunk.length;
        md5.update(chunk);
      });
      response.on('end', () => resolve({ bytes, md5: md5.digest('hex') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}
