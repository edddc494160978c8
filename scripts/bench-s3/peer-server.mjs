// The ceiling the S3 mock is measured against: a bare node:http server keeping objects in a Map,
// answering just enough S3 for the bench's client (the AWS SDK v3 on its defaults): PUT/GET/HEAD
// object with an MD5 ETag and the checksum headers the client sent, CreateBucket, ListObjectsV2
// with continuation, and multipart upload. No signatures checked, nothing on disk. Run as a child
// process (fork); it reports its URL over IPC and exits when the parent disconnects.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';

const objects = new Map(); // "bucket/key" -> { body, etag, headers, lastModified }
const uploads = new Map(); // uploadId -> Map(partNumber -> { body, etag })

const readBody = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
};
const md5 = (body) => createHash('md5').update(body).digest('hex');
const xml = (res, text) => res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) }).end(text);
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const checksumHeaders = (req) => Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-mode'));

function store(id, body, etag, headers) {
  objects.set(id, { body, etag: `"${etag}"`, headers, lastModified: new Date() });
}

function objectHeaders(object, req) {
  const checksums = req.headers['x-amz-checksum-mode'] === 'ENABLED' ? object.headers.checksums : {};
  return { 'content-length': object.body.length, 'content-type': object.headers.contentType, etag: object.etag, 'last-modified': object.lastModified.toUTCString(), ...checksums };
}

function listObjectsV2(res, bucket, query) {
  const prefix = `${bucket}/`;
  const after = query.get('continuation-token') ?? query.get('start-after') ?? '';
  const maxKeys = Number(query.get('max-keys') ?? 1000);
  const keys = [...objects.keys()].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length)).filter((key) => key > after).sort();
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > maxKeys;
  const contents = page.map((key) => {
    const object = objects.get(prefix + key);
    return `<Contents><Key>${escape(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${escape(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
  });
  const next = truncated ? `<NextContinuationToken>${escape(page.at(-1))}</NextContinuationToken>` : '';
  xml(res, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix></Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents.join('')}${next}</ListBucketResult>`);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://peer');
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const id = `${bucket}/${key}`;
  const query = url.searchParams;
  if (!key) {
    if (req.method === 'GET' && query.get('list-type') === '2') return listObjectsV2(res, bucket, query);
    await readBody(req);
    return res.writeHead(200, { 'content-length': 0 }).end();
  }
  if (req.method === 'PUT' && query.has('uploadId')) {
    const body = await readBody(req);
    const etag = `"${md5(body)}"`;
    uploads.get(query.get('uploadId')).set(Number(query.get('partNumber')), { body, etag });
    return res.writeHead(200, { etag, 'content-length': 0, ...checksumHeaders(req) }).end();
  }
  if (req.method === 'PUT') {
    const body = await readBody(req);
    const etag = md5(body);
    store(id, body, etag, { contentType: req.headers['content-type'] ?? 'binary/octet-stream', checksums: checksumHeaders(req) });
    return res.writeHead(200, { etag: `"${etag}"`, 'content-length': 0, ...checksumHeaders(req) }).end();
  }
  if (req.method === 'POST' && query.has('uploads')) {
    const uploadId = randomUUID();
    uploads.set(uploadId, new Map());
    return xml(res, `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`);
  }
  if (req.method === 'POST' && query.has('uploadId')) {
    await readBody(req);
    const parts = [...uploads.get(query.get('uploadId'))].sort(([a], [b]) => a - b).map(([, part]) => part);
    uploads.delete(query.get('uploadId'));
    const etag = `${md5(Buffer.concat(parts.map((part) => Buffer.from(part.etag.slice(1, -1), 'hex'))))}-${parts.length}`;
    store(id, Buffer.concat(parts.map((part) => part.body)), etag, { contentType: 'binary/octet-stream', checksums: {} });
    return xml(res, `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escape(key)}</Key><ETag>"${etag}"</ETag></CompleteMultipartUploadResult>`);
  }
  const object = objects.get(id);
  if (!object) return res.writeHead(404, { 'content-length': 0 }).end();
  if (req.method === 'HEAD') return res.writeHead(200, objectHeaders(object, req)).end();
  if (req.method === 'GET') return res.writeHead(200, objectHeaders(object, req)).end(object.body);
  if (req.method === 'DELETE') {
    objects.delete(id);
    return res.writeHead(204).end();
  }
  return res.writeHead(405, { 'content-length': 0 }).end();
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
});
server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('disconnect', () => process.exit(0));
