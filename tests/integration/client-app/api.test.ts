import jwt from 'jsonwebtoken';
import { startServer, useStandin } from '../../support/standin-harness';
import { activityOf, readEvents } from './event-stream';
import { IMAGE_API_ALONE } from './image-api-alone';
import { gradientJpeg } from './sample-files';

const SECRET = 'dev-secret-change-in-production';
// a small hourly limit and size limit make 429 and 413 cheap to reach
const standin = useStandin({ servers: ['image-api', 'client'], env: { ...IMAGE_API_ALONE, RATE_LIMIT_PER_HOUR: '3', MAX_UPLOAD_BYTES: String(256 * 1024) } });
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await gradientJpeg(320, 200);
});

const api = (path: string, init?: RequestInit) => fetch(`${standin.urls.client}${path}`, init);

/** The seed's form: `curl -F file=@image.jpg -F bucket=.. -F user_id=.. -F context=..`, file first. */
function seedForm(file: Blob, userId: string, filename = 'image.jpg'): FormData {
  const form = new FormData();
  form.append('file', file, filename);
  form.append('bucket', 'test-uploads');
  form.append('user_id', userId);
  form.append('context', 'demo');
  return form;
}

/** The page's form: user_id first, so the file streams straight through. */
function pageForm(file: Blob, userId: string): FormData {
  const form = new FormData();
  form.append('user_id', userId);
  form.append('context', 'from the page');
  form.append('file', file, 'photo.jpg');
  return form;
}

const jpegBlob = () => new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' });

describe('GET /api/generate-token', () => {
  it('returns an HS256 token for the user with its decoded claims and expiry', async () => {
    const res = await api('/api/generate-token?user_id=test-user-123');
    expect(res.status).toBe(200);
    const body = await res.json();
    const verified = jwt.verify(body.token, SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(verified).toEqual(body.claims);
    expect(body).toMatchObject({ user_id: 'test-user-123', token_type: 'Bearer', expires_in: 3600 });
    expect(body.claims.exp - body.claims.iat).toBe(3600);
    expect(Date.parse(body.expires_at)).toBe(body.claims.exp * 1000);
  });

  it('answers with Cache-Control: no-store, so the token is kept in no cache (RFC 6749 §5.1)', async () => {
    const res = await api('/api/generate-token?user_id=test-user-123');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('requires a user_id', async () => {
    const res = await api('/api/generate-token');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'query.user_id', message: 'is required' }]);
  });
});

describe('POST /api/upload', () => {
  it('accepts the seed curl form (file before user_id) and answers with the job and rate-limit headers', async () => {
    const res = await api('/api/upload', { method: 'POST', body: seedForm(jpegBlob(), 'user-456') });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ user_id: 'user-456', status_url: `/api/status/${body.job_id}`, result_url: `/api/result/${body.job_id}` });
    expect(body.image_api_status_url).toBe(`${standin.urls['image-api']}/api/v1/images/jobs/${body.job_id}`);
    expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('2');

    const history = await (await api('/api/history?user_id=user-456')).json();
    expect(history.items[0]).toMatchObject({
      id: body.history_id, job_id: body.job_id, image_id: body.image_id, filename: 'image.jpg', bytes: jpeg.length,
      bucket: 'test-uploads', context: 'demo', source: 'upload', http_status: 202, status: 'pending',
    });
  });

  it('streams the page form (user_id first) and can then report the job status as its owner', async () => {
    const upload = await (await api('/api/upload', { method: 'POST', body: pageForm(jpegBlob(), 'streamer') })).json();
    const res = await api(upload.status_url);
    expect(res.status).toBe(200);
    const job = await res.json();
    expect(job).toMatchObject({ job_id: upload.job_id, image_id: upload.image_id });
    expect(['pending', 'processing', 'retrying', 'failed']).toContain(job.status);
  });

  it('keeps a filename beyond ASCII as the browser sent it, in UTF-8', async () => {
    const form = new FormData();
    form.append('user_id', 'unicode-namer');
    form.append('file', jpegBlob(), 'Grüße 日本.jpg');
    expect((await api('/api/upload', { method: 'POST', body: form })).status).toBe(202);
    const [entry] = (await (await api('/api/history?user_id=unicode-namer')).json()).items;
    expect(entry.filename).toBe('Grüße 日本.jpg');
  });

  it('passes a 415 through with the image API problem when the file is not an image', async () => {
    const res = await api('/api/upload', { method: 'POST', body: pageForm(new Blob(['just text'], { type: 'image/jpeg' }), 'texter') });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 415, title: 'Unsupported Media Type', instance: '/api/v1/images/upload' });
    const [entry] = (await (await api('/api/history?user_id=texter')).json()).items;
    expect(entry).toMatchObject({ job_id: null, status: 'rejected', http_status: 415 });
    expect(entry.error).toMatch(/^Unsupported Media Type/);
  });

  it('passes a 413 through when the file is larger than the image API takes', async () => {
    const big = new Uint8Array(1024 * 1024);
    big.set(jpeg.subarray(0, 3)); // JPEG magic bytes, so only the size is wrong
    const res = await api('/api/upload', { method: 'POST', body: pageForm(new Blob([big], { type: 'image/jpeg' }), 'big-sender') });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: 413, title: 'Payload Too Large', limit_bytes: 256 * 1024 });
  });

  it('refuses with its own 413 a file sent before user_id once it outgrows MAX_UPLOAD_BYTES, rather than keep it all on disk', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(jpeg.subarray(0, 3));
    const res = await api('/api/upload', { method: 'POST', body: seedForm(new Blob([big], { type: 'image/jpeg' }), 'hoarder') });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      status: 413,
      title: 'Payload Too Large',
      detail: `the file is larger than the limit of ${256 * 1024} bytes (MAX_UPLOAD_BYTES)`,
      instance: '/api/upload',
      limit_bytes: 256 * 1024,
    });
    expect((await api('/api/upload', { method: 'POST', body: seedForm(jpegBlob(), 'hoarder') })).status).toBe(202);
  });

  it('passes a 429 through with Retry-After and X-RateLimit-* kept', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await api('/api/upload', { method: 'POST', body: pageForm(jpegBlob(), 'limited') })).status).toBe(202);
    }
    const res = await api('/api/upload', { method: 'POST', body: pageForm(jpegBlob(), 'limited') });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(await res.json()).toMatchObject({ status: 429, title: 'Too Many Requests', retry_after_s: retryAfter });
  });

  it('passes a 401 through, with its challenge, when the image API does not accept the token', async () => {
    const wrongSecret = await startServer('client', { env: { IMAGE_API_URL: standin.urls['image-api']!, JWT_SECRET: 'not-the-image-api-secret' } });
    try {
      const res = await fetch(`${wrongSecret.url}/api/upload`, { method: 'POST', body: pageForm(jpegBlob(), 'someone') });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    } finally {
      await wrongSecret.close();
    }
  });

  it('signs with the image service\'s JWT_SECRET_KEY when JWT_SECRET is unset, as the image API verifies with it, so one .env drives both', async () => {
    const secret = 'from-the-image-service-env';
    const imageApi = await startServer('image-api', { env: { ...IMAGE_API_ALONE, JWT_SECRET_KEY: secret } });
    const client = await startServer('client', { env: { IMAGE_API_URL: imageApi.url, JWT_SECRET_KEY: secret } });
    try {
      const { token } = await (await fetch(`${client.url}/api/generate-token?user_id=dotenv-user`)).json();
      expect(jwt.verify(token, secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'dotenv-user' });
      const direct = new FormData();
      direct.append('file', jpegBlob(), 'photo.jpg');
      const accepted = await fetch(`${imageApi.url}/api/v1/images/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: direct });
      expect(accepted.status).toBe(202);
      expect((await fetch(`${client.url}/api/upload`, { method: 'POST', body: pageForm(jpegBlob(), 'dotenv-user') })).status).toBe(202);
    } finally {
      await client.close();
      await imageApi.close();
    }
  });

  it('refuses a form without user_id or without a file before calling the image API', async () => {
    const noUser = new FormData();
    noUser.append('file', jpegBlob(), 'a.jpg');
    const res = await api('/api/upload', { method: 'POST', body: noUser });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ title: 'Invalid form', errors: [{ field: 'user_id', message: 'user_id is required' }] });

    const noFile = new FormData();
    noFile.append('user_id', 'u');
    expect(await (await api('/api/upload', { method: 'POST', body: noFile })).json()).toMatchObject({ status: 400, errors: [{ field: 'file' }] });
  });

  it('answers 502 when the image API does not answer', async () => {
    const stopped = await startServer('image-api', { env: IMAGE_API_ALONE });
    const orphan = await startServer('client', { env: { IMAGE_API_URL: stopped.url } });
    await stopped.close();
    try {
      const res = await fetch(`${orphan.url}/api/upload`, { method: 'POST', body: pageForm(jpegBlob(), 'u') });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ title: 'Image API Unreachable', image_api_url: stopped.url });
      const health = await (await fetch(`${orphan.url}/health`)).json();
      expect(health).toMatchObject({ status: 'degraded', dependencies: { image_api: { status: 'down', url: `${stopped.url}/health` } } });
    } finally {
      await orphan.close();
    }
  });
});

describe('GET /api/status and /api/result', () => {
  it('does not know jobs it did not upload', async () => {
    const res = await api('/api/status/not-a-job-of-ours');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ title: 'Unknown job', job_id: 'not-a-job-of-ours' });
    expect((await api('/api/result/not-a-job-of-ours')).status).toBe(404);
  });

  it('finds a job whose id is written in capitals, as the image API does', async () => {
    const upload = await (await api('/api/upload', { method: 'POST', body: pageForm(jpegBlob(), 'capitals') })).json();
    const res = await api(`/api/status/${upload.job_id.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ job_id: upload.job_id });
    expect((await api(`/api/result/${upload.job_id.toUpperCase()}`)).status).toBe(409);
  });

  it('passes the image API 409 through while a job has no result', async () => {
    const upload = await (await api('/api/upload', { method: 'POST', body: pageForm(jpegBlob(), 'impatient') })).json();
    const res = await api(upload.result_url);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 409, title: 'Job not completed' });
  });
});

describe('POST /api/stress-test', () => {
  it('counts accepted and rate-limited uploads and reports progress on the log stream', async () => {
    const logged = readEvents(`${standin.urls.client}/api/logs/stream`, (events) => activityOf(events).some((e) => e.kind === 'stress.finished' && e.data.user_id === 'stress-json'));
    const res = await api('/api/stress-test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'stress-json', count: 5, concurrency: 2 }) });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ user_id: 'stress-json', total: 5, accepted: 3, rate_limited: 2, errors: 0 });
    expect(report.retry_after).toBeGreaterThan(3500);
    expect(report.duration_ms).toBeGreaterThanOrEqual(0);

    const entries = activityOf((await logged).events).filter((e) => e.data.run_id === report.run_id);
    const progress = entries.filter((e) => e.kind === 'stress.progress');
    expect(progress.map((e) => e.data.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.at(-1)!.data).toMatchObject({ accepted: 3, rate_limited: 2 });
    expect(entries.at(-1)).toMatchObject({ kind: 'stress.finished', data: { accepted: 3, rate_limited: 2 } });
  });

  it('takes the seed curl form (-F user_id -F count) and urlencoded forms', async () => {
    const form = new FormData();
    form.append('user_id', 'stress-form');
    form.append('count', '2');
    expect(await (await api('/api/stress-test', { method: 'POST', body: form })).json()).toMatchObject({ total: 2, accepted: 2 });
    const urlencoded = await api('/api/stress-test', { method: 'POST', body: new URLSearchParams({ user_id: 'stress-form', count: '2' }) });
    expect(await urlencoded.json()).toMatchObject({ total: 2, accepted: 1, rate_limited: 1 });
  });

  it('refuses a run without a user or with a count out of range', async () => {
    const noUser = await api('/api/stress-test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count": 3}' });
    expect(noUser.status).toBe(400);
    const tooMany = await api('/api/stress-test', { method: 'POST', body: new URLSearchParams({ user_id: 'u', count: '5000' }) });
    expect(tooMany.status).toBe(400);
  });
});

describe('GET /api/history', () => {
  it('pages newest first and counts the total', async () => {
    const all = await (await api('/api/history?limit=200')).json();
    expect(all.total).toBe(all.items.length);
    const ids = all.items.map((entry: { id: number }) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await (await api('/api/history?limit=2&offset=1')).json();
    expect(page).toMatchObject({ limit: 2, offset: 1, total: all.total });
    expect(page.items.map((entry: { id: number }) => entry.id)).toEqual(ids.slice(1, 3));
  });

  it('refuses a limit out of range', async () => {
    expect((await api('/api/history?limit=0')).status).toBe(400);
  });
});

describe('GET /api/logs/stream', () => {
  it('answers a HEAD with the stream\'s headers and ends it, rather than holding it open', async () => {
    const response = await fetch(`${standin.urls.client}/api/logs/stream`, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
  });

  it('streams what the app does as server-sent events, and replays after Last-Event-ID', async () => {
    const live = readEvents(`${standin.urls.client}/api/logs/stream`, (events) => activityOf(events).some((e) => e.kind === 'token.generated' && e.data.user_id === 'watched'));
    await api('/api/generate-token?user_id=watched');
    const { events, response } = await live;
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const entry = activityOf(events).find((e) => e.data.user_id === 'watched')!;
    expect(entry).toMatchObject({ kind: 'token.generated', level: 'info' });
    expect(events.find((event) => event.id === String(entry.id))?.event).toBe('activity');

    await api('/api/generate-token?user_id=after-watched');
    const replay = await readEvents(`${standin.urls.client}/api/logs/stream`, (seen) => seen.length > 0, { headers: { 'last-event-id': String(entry.id) } });
    expect(activityOf(replay.events)[0]).toMatchObject({ id: entry.id + 1, data: { user_id: 'after-watched' } });
  });
});

describe('the page', () => {
  it('is served at / with a CSP that allows no inline or foreign script', async () => {
    const res = await api('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).not.toMatch(/<script>|\son\w+="|https?:\/\//);
    const script = await api('/app.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('reports the image API as a dependency in /health', async () => {
    const health = await (await api('/health')).json();
    expect(health).toMatchObject({ status: 'ok', service: 'client-app', dependencies: { image_api: { status: 'ok' } } });
  });
});
