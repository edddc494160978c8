/**
 * Browsers and buckets: CORS headers and preflights from the bucket's CORS rules, as on AWS (none
 * without a configuration), the S3_CORS_DEFAULT=permissive opt-in, and unsigned writes from web
 * pages, which only a bucket's CORS rules let through.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors-troubleshooting.html
 */
import { type CORSRule, CreateMultipartUploadCommand, DeleteBucketCorsCommand, GetBucketCorsCommand, ListMultipartUploadsCommand, PutBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RunningServer } from '../../../src/kit';
import { startServer } from '../../support/standin-harness';
import { errorCodeOf } from './raw-http';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
const PAGE = 'http://localhost:3000';
const HOSTILE = 'https://evil.example';
const NOT_ENABLED = 'CORSResponse: CORS is not enabled for this bucket.';
const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

const url = (path: string, server: RunningServer = s3.server) => `${server.url}${path}`;
const preflight = (path: string, origin: string, method: string, server?: RunningServer) =>
  fetch(url(path, server), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' } });
const fromPage = (origin: string, path: string, init: RequestInit = {}, server?: RunningServer) =>
  fetch(url(path, server), { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin } });
const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
const messageOf = (body: string) => /<Message>([^<]+)<\/Message>/.exec(body)?.[1].replaceAll('&apos;', "'");
const exists = async (path: string) => (await fetch(url(path), { method: 'HEAD' })).status === 200;

function formOf(key: string, content: string): FormData {
  const form = new FormData();
  form.append('key', key);
  form.append('file', new Blob([content]), 'f.txt');
  return form;
}

beforeAll(async () => {
  await fetch(url('/test-bucket/photo.jpg'), { method: 'PUT', body: 'jpeg' });
});

describe('a bucket without a CORS configuration (as on AWS)', () => {
  it('answers actual requests from pages with no CORS header at all', async () => {
    const response = await fromPage(PAGE, '/test-bucket/photo.jpg');
    expect([response.status, await response.text()]).toEqual([200, 'jpeg']);
    expect(corsHeaders(response)).toEqual([]);
  });

  it.each(['/test-bucket', '/test-bucket/photo.jpg'])('refuses a preflight to %s with 403 AccessForbidden "CORS is not enabled for this bucket." for the bucket', async (path) => {
    const response = await preflight(path, PAGE, 'PUT');
    const body = await response.text();
    expect([response.status, errorCodeOf(body), messageOf(body)]).toEqual([403, 'AccessForbidden', NOT_ENABLED]);
    expect(body).toContain('<Method>PUT</Method><ResourceType>BUCKET</ResourceType>');
    expect(corsHeaders(response)).toEqual([]);
  });

  it('refuses a preflight naming no method as one for OPTIONS, and one to a bucket that does not exist with "Bucket not found"', async () => {
    const noMethod = await fetch(url('/test-bucket/photo.jpg'), { method: 'OPTIONS', headers: { Origin: PAGE } });
    const noMethodBody = await noMethod.text();
    expect([noMethod.status, errorCodeOf(noMethodBody), messageOf(noMethodBody)]).toEqual([403, 'AccessForbidden', NOT_ENABLED]);
    expect(noMethodBody).toContain('<Method>OPTIONS</Method><ResourceType>BUCKET</ResourceType>');
    const missing = await preflight('/no-such-bucket/photo.jpg', PAGE, 'GET');
    const missingBody = await missing.text();
    expect([missing.status, errorCodeOf(missingBody), messageOf(missingBody)]).toEqual([403, 'AccessForbidden', 'CORSResponse: Bucket not found']);
    expect(missingBody).toContain('<Method>GET</Method><ResourceType>BUCKET</ResourceType>');
  });

  it('refuses a hostile page an unsigned form POST with AccessDenied, storing nothing', async () => {
    const response = await fromPage(HOSTILE, '/test-bucket', { method: 'POST', body: formOf('planted.txt', 'owned') });
    expect([response.status, errorCodeOf(await response.text())]).toEqual([403, 'AccessDenied']);
    expect(await exists('/test-bucket/planted.txt')).toBe(false);
  });

  it('refuses pages unsigned PUTs and DELETEs with AccessDenied, changing nothing', async () => {
    const put = await fromPage(PAGE, '/test-bucket/photo.jpg', { method: 'PUT', body: 'replaced' });
    expect([put.status, errorCodeOf(await put.text())]).toEqual([403, 'AccessDenied']);
    const deleted = await fromPage(HOSTILE, '/test-bucket/photo.jpg', { method: 'DELETE' });
    expect([deleted.status, errorCodeOf(await deleted.text())]).toEqual([403, 'AccessDenied']);
    expect(await (await fetch(url('/test-bucket/photo.jpg'))).text()).toBe('jpeg');
  });

  it('takes unsigned requests without Origin (curl, scripts) as S3_AUTH=open allows', async () => {
    expect((await fetch(url('/test-bucket/from-curl.txt'), { method: 'PUT', body: 'curl' })).status).toBe(200);
    expect((await fetch(url('/test-bucket'), { method: 'POST', body: formOf('from-curl-form.txt', 'form') })).status).toBe(204);
  });

  it('takes a presigned PUT and a signed request from a page: signatures are not CORS', async () => {
    const presigned = await getSignedUrl(s3.client, new PutObjectCommand({ Bucket: 'test-bucket', Key: 'presigned.txt' }), { expiresIn: 60 });
    const response = await fetch(presigned, { method: 'PUT', body: 'presigned', headers: { Origin: HOSTILE } });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    expect(await (await fetch(url('/test-bucket/presigned.txt'))).text()).toBe('presigned');
  });

  it('refuses a hostile page the POSTs it can sign with the public default credentials, which browsers send unpreflighted', async () => {
    const { url: formUrl, fields } = await createPresignedPost(s3.client, { Bucket: 'test-bucket', Key: 'signed-form.txt', Expires: 60 });
    const signedForm = () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob(['owned']), 'f.txt');
      return form;
    };
    const form = await fetch(formUrl, { method: 'POST', body: signedForm(), headers: { Origin: HOSTILE } });
    expect([form.status, errorCodeOf(await form.text())]).toEqual([403, 'AccessDenied']);
    const presigned = await getSignedUrl(s3.client, new CreateMultipartUploadCommand({ Bucket: 'test-bucket', Key: 'signed-form.txt' }), { expiresIn: 60 });
    const created = await fetch(presigned, { method: 'POST', headers: { Origin: HOSTILE } });
    expect([created.status, errorCodeOf(await created.text())]).toEqual([403, 'AccessDenied']);
    expect((await s3.client.send(new ListMultipartUploadsCommand({ Bucket: 'test-bucket' }))).Uploads ?? []).toEqual([]);
    expect(await exists('/test-bucket/signed-form.txt')).toBe(false);
    // Pages of this machine (CORS_ORIGIN) may post what they signed.
    expect((await fetch(formUrl, { method: 'POST', body: signedForm(), headers: { Origin: PAGE } })).status).toBe(204);
  });

  it('answers a preflight without Origin with 400', async () => {
    const response = await fetch(url('/test-bucket/x'), { method: 'OPTIONS' });
    expect([response.status, errorCodeOf(await response.text())]).toEqual([400, 'BadRequest']);
  });
});

describe('a bucket with CORS rules', () => {
  const Bucket = 'test-uploads';

  beforeAll(async () => {
    await s3.client.send(
      new PutBucketCorsCommand({
        Bucket,
        CORSConfiguration: {
          CORSRules: [
            { AllowedOrigins: [PAGE], AllowedMethods: ['GET', 'PUT', 'POST'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 60 },
            { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
          ],
        },
      }),
    );
  });

  it('answers a preflight its rules allow, echoing a named origin with credentials', async () => {
    const response = await preflight(`/${Bucket}/upload.jpg`, PAGE, 'PUT');
    expect(response.status).toBe(200);
    expect(Object.fromEntries(corsHeaders(response).map((name) => [name, response.headers.get(name)]))).toEqual({
      'access-control-allow-origin': PAGE,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT, POST',
      'access-control-allow-headers': 'content-type',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '60',
    });
  });

  it('answers a preflight for a presigned URL from its rules, not its signature (made for another method)', async () => {
    const presigned = await getSignedUrl(s3.client, new PutObjectCommand({ Bucket, Key: 'presigned.jpg' }), { expiresIn: 60 });
    const allowed = await fetch(presigned, { method: 'OPTIONS', headers: { Origin: PAGE, 'Access-Control-Request-Method': 'PUT' } });
    expect([allowed.status, allowed.headers.get('access-control-allow-methods')]).toEqual([200, 'GET, PUT, POST']);
    const noOrigin = await fetch(presigned, { method: 'OPTIONS' });
    expect([noOrigin.status, errorCodeOf(await noOrigin.text())]).toEqual([400, 'BadRequest']);
  });

  it('answers a rule allowing any origin with *, never with credentials', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'public.txt', Body: 'hi' }));
    const response = await fromPage(HOSTILE, `/${Bucket}/public.txt`);
    expect([response.status, response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-credentials')]).toEqual([200, '*', null]);
    await response.arrayBuffer();
  });

  // What S3 answers (localstack's recorded answers): such a GET is judged as its preflight would be.
  it('answers a GET that carries a preflight\'s method or headers no rule allows with no CORS headers', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'judged.txt', Body: 'hi' }));
    const preflightHeaders: Array<Record<string, string>> = [{ 'Access-Control-Request-Method': 'DELETE' }, { 'Access-Control-Request-Headers': 'x-amz-request-payer' }];
    for (const headers of preflightHeaders) {
      const response = await fromPage(HOSTILE, `/${Bucket}/judged.txt`, { headers });
      expect([response.status, corsHeaders(response), await response.text()]).toEqual([200, [], 'hi']);
    }
    const allowed = await fromPage(HOSTILE, `/${Bucket}/judged.txt`, { headers: { 'Access-Control-Request-Method': 'GET' } });
    expect([allowed.headers.get('access-control-allow-origin'), await allowed.text()]).toEqual(['*', 'hi']);
  });

  it('refuses a preflight no rule allows with 403 AccessForbidden "This CORS request is not allowed"', async () => {
    for (const [origin, method] of [[HOSTILE, 'PUT'], [PAGE, 'DELETE']]) {
      const response = await preflight(`/${Bucket}/upload.jpg`, origin, method);
      const body = await response.text();
      expect([origin, method, response.status, errorCodeOf(body), messageOf(body)]).toEqual([origin, method, 403, 'AccessForbidden', NOT_ALLOWED]);
    }
  });

  it('takes unsigned PUTs and form POSTs from the origin its rules allow, with CORS headers', async () => {
    const put = await fromPage(PAGE, `/${Bucket}/from-page.txt`, { method: 'PUT', body: 'page' });
    // The rule's max age too, as S3 sends it on actual requests (localstack's recorded answers).
    expect(Object.fromEntries(corsHeaders(put).map((name) => [name, put.headers.get(name)]))).toEqual({
      'access-control-allow-origin': PAGE,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT, POST',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '60',
    });
    expect(put.status).toBe(200);
    const posted = await fromPage(PAGE, `/${Bucket}`, { method: 'POST', body: formOf('from-form.txt', 'form') });
    expect(posted.status).toBe(204);
    expect(await (await fetch(url(`/${Bucket}/from-form.txt`))).text()).toBe('form');
  });

  it('refuses unsigned writes its rules do not allow: another origin, or a method no rule names', async () => {
    const hostile = await fromPage(HOSTILE, `/${Bucket}`, { method: 'POST', body: formOf('planted.txt', 'owned') });
    expect([hostile.status, errorCodeOf(await hostile.text())]).toEqual([403, 'AccessDenied']);
    const deleted = await fromPage(PAGE, `/${Bucket}/from-page.txt`, { method: 'DELETE' });
    expect([deleted.status, errorCodeOf(await deleted.text())]).toEqual([403, 'AccessDenied']);
    expect([await exists(`/${Bucket}/planted.txt`), await exists(`/${Bucket}/from-page.txt`)]).toEqual([false, true]);
  });

  it('answers a presigned PUT from a page its rules allow with CORS headers', async () => {
    const presigned = await getSignedUrl(s3.client, new PutObjectCommand({ Bucket, Key: 'presigned.jpg' }), { expiresIn: 60 });
    const response = await fetch(presigned, { method: 'PUT', body: 'image', headers: { Origin: PAGE } });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, PAGE]);
    expect(await (await fetch(url(`/${Bucket}/presigned.jpg`))).text()).toBe('image');
  });

  it('refuses rules with two wildcards in one AllowedOrigin or AllowedHeader with 400 InvalidRequest, keeping its rules', async () => {
    const refused: Array<[CORSRule, string]> = [
      [{ AllowedOrigins: ['http://*.*'], AllowedMethods: ['GET'] }, 'AllowedOrigin "http://*.*" can not have more than one wildcard.'],
      [{ AllowedOrigins: [PAGE], AllowedMethods: ['GET'], AllowedHeaders: ['x-amz-*', 'x-*-meta-*'] }, 'AllowedHeader "x-*-meta-*" can not have more than one wildcard.'],
    ];
    for (const [rule, message] of refused) {
      const error = await s3ErrorOf(s3.client.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [rule] } })));
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidRequest', 400, message]);
    }
    expect((await s3.client.send(new GetBucketCorsCommand({ Bucket }))).CORSRules?.map((rule) => rule.AllowedOrigins)).toEqual([[PAGE], ['*']]);
  });

  it('has no CORS again once DeleteBucketCors removes the rules', async () => {
    await s3.client.send(new DeleteBucketCorsCommand({ Bucket }));
    expect((await s3ErrorOf(s3.client.send(new GetBucketCorsCommand({ Bucket })))).name).toBe('NoSuchCORSConfiguration');
    const response = await preflight(`/${Bucket}/upload.jpg`, PAGE, 'PUT');
    expect([response.status, messageOf(await response.text())]).toEqual([403, NOT_ENABLED]);
  });
});

describe('S3_CORS_DEFAULT=permissive', () => {
  let permissive: RunningServer;
  beforeAll(async () => {
    permissive = await startServer('s3', { env: { S3_CORS_DEFAULT: 'permissive' } });
  });
  afterAll(() => permissive.close());

  it('allows any origin, method and header on buckets without rules, answering * without credentials', async () => {
    const allowed = await preflight('/test-bucket/upload.jpg', HOSTILE, 'DELETE', permissive);
    expect([allowed.status, allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-allow-credentials')]).toEqual([200, '*', null]);
    const put = await fromPage(HOSTILE, '/test-bucket/anyone.txt', { method: 'PUT', body: 'open' }, permissive);
    expect([put.status, put.headers.get('access-control-allow-origin'), put.headers.get('access-control-allow-credentials')]).toEqual([200, '*', null]);
  });
});
