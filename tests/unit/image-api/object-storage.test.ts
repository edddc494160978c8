import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StorageRefusedError } from '../../../src/image-api/errors';
import { ObjectStorage } from '../../../src/image-api/object-storage';

const settings = { endpoint: 'http://s3:9000', region: 'eu-west-1', accessKeyId: 'test-key', secretAccessKey: 'test-secret' };

describe('ObjectStorage.presignGet', () => {
  it('signs URLs for the endpoint it talks to by default', async () => {
    const storage = new ObjectStorage({ ...settings, publicEndpoint: settings.endpoint });
    const url = new URL(await storage.presignGet('test-uploads', 'a/b.jpg', 60));
    storage.close();
    expect(url.origin).toBe('http://s3:9000');
    expect(url.pathname).toBe('/test-uploads/a/b.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
  });

  it('signs URLs for the public endpoint when clients reach S3 by another address', async () => {
    const storage = new ObjectStorage({ ...settings, publicEndpoint: 'http://localhost:9000' });
    const url = new URL(await storage.presignGet('test-uploads', 'a.jpg', 60));
    storage.close();
    expect(url.origin).toBe('http://localhost:9000');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^test-key\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
  });
});

describe('ObjectStorage, when S3 answers an error', () => {
  let answer: { status: number; code: string };
  const s3 = http.createServer((req, res) => {
    req.resume();
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${answer.code}</Code><Message>said ${answer.code}</Message></Error>`;
    res.writeHead(answer.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  let storage: ObjectStorage;
  beforeAll(async () => {
    await new Promise<void>((resolve) => { s3.listen(0, '127.0.0.1', resolve); });
    const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    storage = new ObjectStorage({ ...settings, endpoint, publicEndpoint: endpoint });
  });
  afterAll(async () => {
    storage.close();
    await new Promise((resolve) => s3.close(resolve));
  });

  const put = () => storage.putBuffer('photos', 'a.png', Buffer.from('x'), 'image/png');

  it.each([[400, 'InvalidBucketName'], [404, 'NoSuchBucket'], [403, 'AccessDenied'], [400, 'InvalidArgument']])('gives up on %d %s, which no retry can change, saying S3\'s code and message', async (status, code) => {
    answer = { status, code };
    await expect(put()).rejects.toEqual(new StorageRefusedError('PutObject', status, code, `said ${code}`));
    await expect(put()).rejects.toThrow(`S3 refused PutObject with ${status} ${code}: said ${code}`);
  });

  it.each([[500, 'InternalError'], [503, 'SlowDown'], [503, 'ServiceUnavailable'], [429, 'TooManyRequests'], [400, 'RequestTimeout']])('leaves %d %s, which may pass, to be retried', async (status, code) => {
    answer = { status, code };
    const error = await put().then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: code });
    expect(error).not.toBeInstanceOf(StorageRefusedError);
  });
});
