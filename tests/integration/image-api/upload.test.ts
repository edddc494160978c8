import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { RunningServer } from '../../../src/kit';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { getJob, gradientJpeg, imageForm, JWT_SECRET, smallPng, tokenFor, upload } from './image-api-requests';

// The worker is held back (long PROCESSING_DELAY_MS): these tests are about what the upload
// answers, not about processing.
let api: RunningServer;
let jpeg: Buffer;
let png: Buffer;

beforeAll(async () => {
  [jpeg, png] = await Promise.all([gradientJpeg(600, 400), smallPng()]);
  api = await startServer('image-api', { env: { PROCESSING_DELAY_MS: '600000', MAX_UPLOAD_BYTES: String(200 * 1024), RATE_LIMIT_PER_HOUR: '50' } });
});
afterAll(() => api.close());

const rateLimitHeaders = (res: Response) => ({
  limit: res.headers.get('x-ratelimit-limit'),
  remaining: res.headers.get('x-ratelimit-remaining'),
  reset: Number(res.headers.get('x-ratelimit-reset')),
});

/** How many of the most recent jobs `owner` has (the operator dashboard's view). */
async function jobsOf(owner: string): Promise<number> {
  const { recent_jobs: recentJobs } = await (await fetch(`${api.url}/api/v1/dashboard?limit=200`)).json();
  return recentJobs.filter((job: { owner: string }) => job.owner === owner).length;
}

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = await res.json();
  expect(problem).toMatchObject({ status, instance: '/api/v1/images/upload' });
  return problem;
}

describe('POST /api/v1/images/upload', () => {
  it('accepts an image with 202, a job id and a status URL the owner can poll', async () => {
    const token = tokenFor('accept-user');
    const res = await upload(api.url, imageForm(jpeg, { bucket: 'test-uploads', metadata: '{"context":"demo"}' }), token);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({
      job_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      image_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status_url: `${api.url}/api/v1/images/jobs/${body.job_id}`,
      message: expect.any(String),
    });
    expect(rateLimitHeaders(res)).toMatchObject({ limit: '50', remaining: '49' });
    expect(rateLimitHeaders(res).reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3590);

    const job = await (await fetch(body.status_url, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(job).toMatchObject({ job_id: body.job_id, image_id: body.image_id, status: expect.stringMatching(/pending|processing/), attempts: expect.any(Number), error: null });
  });

  it('accepts PNG, WebP and GIF too, recognised by their bytes whatever the file is called', async () => {
    const token = tokenFor('formats-user');
    const sharp = (await import('sharp')).default;
    for (const format of ['webp', 'gif'] as const) {
      const bytes = await sharp(png).toFormat(format).toBuffer();
      expect((await upload(api.url, imageForm(bytes, {}, 'no-extension'), token)).status).toBe(202);
    }
    expect((await upload(api.url, imageForm(png, {}, 'photo.jpg'), token)).status).toBe(202);
  });

  describe('refuses a bad token with 401 problem+json, using no upload slot', () => {
    const now = Math.floor(Date.now() / 1000);
    it.each([
      ['an expired token', () => jwt.sign({ sub: 'u401', iat: now - 7200, exp: now - 3600 }, JWT_SECRET), /expired/],
      ['a malformed token', () => 'this.is-not.a-jwt', /malformed/],
      ['a token signed with another secret', () => tokenFor('u401', {}, 'not-the-secret'), /signature/],
    ])('%s', async (_name, token, reason) => {
      const res = await upload(api.url, imageForm(jpeg), token());
      const problem = await expectProblem(res, 401);
      expect(problem.detail).toMatch(reason);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(rateLimitHeaders(res)).toMatchObject({ limit: '50', remaining: '50' });
    });

    it('answers a request without credentials with the bare challenge, no error code (RFC 6750 §3.1)', async () => {
      for (const authorization of [undefined, 'Basic dXNlcjpwYXNz']) {
        const res = await fetch(`${api.url}/api/v1/images/upload`, { method: 'POST', body: imageForm(jpeg), headers: authorization ? { authorization } : {} });
        const problem = await expectProblem(res, 401);
        expect(problem.detail).toBe('missing "Authorization: Bearer <token>" header');
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="image-api"');
        expect(rateLimitHeaders(res)).toMatchObject({ limit: '50', remaining: '50' });
      }
    });
  });

  it('refuses a token whose alg is beyond ASCII with 401, its challenge in RFC 6750\'s characters and its detail as it was', async () => {
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${base64url({ alg: 'HS256\u{1F600}', typ: 'JWT' })}.${base64url({ sub: 'emoji-alg-user', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
    const res = await upload(api.url, imageForm(jpeg), token);
    const problem = await expectProblem(res, 401);
    expect(problem.detail).toMatch(/^token is signed with "HS256\u{1F600}"/u);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="image-api", error="invalid_token", error_description="token is signed with 'HS256\?'; [\x20\x21\x23-\x5b\x5d-\x7e]+"$/);
  });

  describe('refuses with 401 a token whose sub or client_id could steer the webhook URL, naming the claim', () => {
    // {client} in WEBHOOK_URL: `..` would post to the receiver's root, `a/b` to another path.
    const steering = ['..', '.', 'a/../../admin', 'a\\b', 'a?b=1', 'a#b', 'a%2Fb', 'new\nline', 'nul\u0000', '   ', 'x'.repeat(129)];
    it.each(steering)('sub %j', async (sub) => {
      const res = await upload(api.url, imageForm(jpeg), tokenFor(sub));
      const problem = await expectProblem(res, 401);
      expect(problem.detail).toMatch(/^token's sub claim is not a valid id/);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
    });
    it.each([...steering, 42])('client_id %j', async (clientId) => {
      const res = await upload(api.url, imageForm(jpeg), tokenFor('honest-user', { client_id: clientId }));
      const problem = await expectProblem(res, 401);
      expect(problem.detail).toMatch(/^token's client_id claim is not a valid id/);
    });
  });

  it('accepts ids such as emails, prefixed names and 128 characters', async () => {
    for (const [sub, clientId] of [['alice+test@example.com', 'svc:gallery_app-1.2'], ['_system', 'x'.repeat(128)]]) {
      expect((await upload(api.url, imageForm(png), tokenFor(sub, { client_id: clientId }))).status).toBe(202);
    }
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 and gives the slot back', async () => {
    const token = tokenFor('big-user');
    const big = Buffer.concat([jpeg, randomBytes(300 * 1024)]);
    const res = await upload(api.url, imageForm(big), token);
    const problem = await expectProblem(res, 413);
    expect(problem.limit_bytes).toBe(200 * 1024);
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
    // The connection is still usable and the user can upload something smaller.
    expect((await upload(api.url, imageForm(jpeg), token)).status).toBe(202);
  });

  it('refuses a file that is not a JPEG, PNG, WebP or GIF with 415, even when named .jpg', async () => {
    const res = await upload(api.url, imageForm(Buffer.from('%PDF-1.7 definitely not an image'), {}, 'photo.jpg'), tokenFor('pdf-user'));
    const problem = await expectProblem(res, 415);
    expect(problem.accepted).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
  });

  it('refuses an empty file with 400 saying it is empty, not 415, using no upload slot', async () => {
    const res = await upload(api.url, imageForm(Buffer.alloc(0), {}, 'photo.jpg'), tokenFor('empty-user'));
    const problem = await expectProblem(res, 400);
    expect(problem.errors).toEqual([{ field: 'file', message: 'is empty (0 bytes); send the image itself' }]);
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
  });

  it('refuses metadata that is not a JSON object with 400 naming the field', async () => {
    const res = await upload(api.url, imageForm(jpeg, { metadata: '["not", "an", "object"]' }), tokenFor('meta-user'));
    const problem = await expectProblem(res, 400);
    expect(problem.errors).toEqual([{ field: 'metadata', message: expect.stringMatching(/JSON object/) }]);
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
  });

  it.each([
    ['nested thousands deep', `{"a":${'['.repeat(8000)}${']'.repeat(8000)}}`, /more than 8 levels deep/],
    ['longer than 16384 characters', JSON.stringify({ note: 'x'.repeat(20_000) }), /longer than 16384 characters/],
  ])('refuses metadata %s with 400 naming the field, using no upload slot', async (_name, metadata, message) => {
    const res = await upload(api.url, imageForm(jpeg, { metadata }), tokenFor('deep-meta-user'));
    const problem = await expectProblem(res, 400);
    expect(problem.errors).toEqual([{ field: 'metadata', message: expect.stringMatching(message) }]);
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
  });

  // S3 refuses to create these (InvalidBucketName); accepted, the job would retry and fail.
  it.each(['192.168.5.4', 'xn--photos', 'sthree-photos', 'photos-s3alias', 'photos--ol-s3'])(
    'refuses the bucket %s, which S3 would refuse, with 400 naming the field, using no upload slot', async (bucket) => {
      const res = await upload(api.url, imageForm(png, { bucket }), tokenFor('bucket-user'));
      const problem = await expectProblem(res, 400);
      expect(problem.errors).toEqual([{ field: 'bucket', message: expect.stringContaining(bucket) }]);
      expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
    });

  it('refuses a form without a file with 400 naming the field', async () => {
    const form = new FormData();
    form.append('bucket', 'test-uploads');
    const res = await upload(api.url, form, tokenFor('nofile-user'));
    const problem = await expectProblem(res, 400);
    expect(problem.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('refuses a form with two files with 400 at once, the second file arriving with the first', async () => {
    const form = imageForm(png);
    form.append('file', new Blob([new Uint8Array(png)]), 'second.png');
    const res = await upload(api.url, form, tokenFor('two-files-user'));
    const problem = await expectProblem(res, 400);
    expect(problem).toMatchObject({ title: 'Request validation failed', detail: 'body.file must be given once', errors: [{ field: 'body.file', message: 'must be given once' }] });
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
    expect(await jobsOf('two-files-user')).toBe(0);
  }, 10_000);

  it.each([
    ['bucket', 'before the file', [['bucket', 'test-uploads'], ['bucket', 'other-bucket']], []],
    ['bucket', 'before and after the file', [['bucket', 'test-uploads']], [['bucket', 'other-bucket']]],
    ['metadata', 'after the file', [], [['metadata', '{"context":"a"}'], ['metadata', '{"context":"b"}']]],
  ])('refuses %s given twice (%s) with 400 naming it, rather than let the last one win, using no upload slot', async (field, _where, before, after) => {
    const token = tokenFor('twice-user');
    const form = new FormData();
    for (const [name, value] of before) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(png)]), 'photo.png');
    for (const [name, value] of after) form.append(name, value);
    const res = await upload(api.url, form, token);
    const problem = await expectProblem(res, 400);
    expect(problem).toMatchObject({ title: 'Request validation failed', detail: `body.${field} must be given once`, errors: [{ field: `body.${field}`, message: 'must be given once' }] });
    expect(rateLimitHeaders(res)).toMatchObject({ remaining: '50' });
    expect(await jobsOf('twice-user')).toBe(0);
  });

  it('ignores a field it does not take, given twice, as it ignores it given once', async () => {
    const form = imageForm(png, { context: 'a' });
    form.append('context', 'b');
    expect((await upload(api.url, form, tokenFor('twice-ignored-user'))).status).toBe(202);
    expect(await jobsOf('twice-ignored-user')).toBe(1);
  });

  it('lets only 50 of 51 concurrent uploads of a fresh user through; the 51st gets 429 with Retry-After', async () => {
    const token = tokenFor('stress-user');
    const responses = await Promise.all(Array.from({ length: 51 }, () => upload(api.url, imageForm(png, {}, 'tiny.png'), token)));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);

    const refused = responses.find((res) => res.status === 429) as Response;
    const problem = await expectProblem(refused, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(problem.retry_after_s).toBe(retryAfter);
    expect(rateLimitHeaders(refused)).toMatchObject({ limit: '50', remaining: '0' });
    expect(rateLimitHeaders(refused).reset).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3500);
    for (const res of responses) expect(res.headers.get('x-ratelimit-limit')).toBe('50');

    // Another user is not affected.
    expect((await upload(api.url, imageForm(png), tokenFor('calm-user'))).status).toBe(202);
  });

  it('shows a job only to its owner', async () => {
    const owner = tokenFor('owner-user');
    const { job_id: jobId } = await (await upload(api.url, imageForm(png), owner)).json();
    expect((await getJob(api.url, jobId, owner)).status).toBe(200);
    const stranger = await getJob(api.url, jobId, tokenFor('someone-else'));
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).title).toBe('Not Found');
    expect((await getJob(api.url, jobId, 'garbage')).status).toBe(401);
  });

  it('finds a job by its id written in capitals, as some clients write UUIDs', async () => {
    const token = tokenFor('capitals-user');
    const { job_id: jobId } = await (await upload(api.url, imageForm(png), token)).json();
    const res = await getJob(api.url, jobId.toUpperCase(), token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ job_id: jobId });
    expect((await getJob(api.url, jobId.toUpperCase(), tokenFor('someone-else'))).status).toBe(404);
  });

  it('answers 409 for the result of a job that has not completed, and 404 for an unknown job', async () => {
    const token = tokenFor('early-user');
    const { job_id: jobId } = await (await upload(api.url, imageForm(png), token)).json();
    const early = await getJob(api.url, jobId, token, '/result');
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ job_status: expect.stringMatching(/pending|processing/) });
    const unknown = await getJob(api.url, '00000000-0000-4000-8000-000000000000', token, '/result');
    expect(unknown.status).toBe(404);
  });
});

describe('an upload whose body stops arriving', () => {
  let stalling: RunningServer;
  beforeAll(async () => {
    stalling = await startServer('image-api', { env: { PROCESSING_DELAY_MS: '600000', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, stalledRequestMs: 300 });
  });
  afterAll(() => stalling.close());

  /** Announces a 100 kB form, sends the start of its file part, then nothing more. */
  function stalledUpload(token: string): Promise<{ status: number; body: string }> {
    const head = '--form\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\n\r\n';
    return new Promise((resolve, reject) => {
      const req = http.request(`${stalling.url}/api/v1/images/upload`, {
        method: 'POST',
        agent: false,
        headers: { 'authorization': `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=form', 'content-length': '100000' },
      }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(Buffer.concat([Buffer.from(head), png.subarray(0, 16)]));
    });
  }

  it('is answered 408 and gives its upload slot back', async () => {
    const answer = await stalledUpload(tokenFor('stalling-user'));
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, instance: '/api/v1/images/upload' });
    const slotsUsed = async () => {
      const { rate_limits: rateLimits } = await (await fetch(`${stalling.url}/api/v1/dashboard`)).json();
      return rateLimits.find((entry: { user: string }) => entry.user === 'stalling-user')?.used ?? 0;
    };
    await eventually(async () => (await slotsUsed()) === 0, { what: 'the stalled upload\'s slot to be given back' });
  });
});
