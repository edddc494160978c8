import { useStandin } from '../../support/standin-harness';
import { IMAGE_API_ALONE } from './image-api-alone';
import { gradientJpeg } from './sample-files';

// Absurd or hostile values get a 400 problem naming what is wrong, never a 500, and never reach
// the image API as something it would act on.
const standin = useStandin({ servers: ['image-api', 'client'], env: IMAGE_API_ALONE });
let jpeg: Buffer;

beforeAll(async () => {
  jpeg = await gradientJpeg(64, 48);
});

const api = (path: string, init?: RequestInit) => fetch(`${standin.urls.client}${path}`, init);

/** A 400 problem naming `field`: spec validation says `body.count` or `query.limit`, the form reader `count`. */
async function expectProblem(res: Response, field: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = await res.json();
  const named = new RegExp(`^((body|query)\\.)?${field}$`);
  expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(named) })]));
  return problem;
}

/** A user id that would steer the image API's webhook URL (`{client}`) or is absurdly long. */
const STEERING_IDS = ['..', '.', '.hidden', 'a/../admin', 'a\\b', 'a?b', 'a#b', 'a%2Fb', 'tab\tbed', 'nul\u0000', 'x'.repeat(129)];

describe('GET /api/generate-token', () => {
  it.each(STEERING_IDS)('refuses the user id %j', async (userId) => {
    await expectProblem(await api(`/api/generate-token?user_id=${encodeURIComponent(userId)}`), 'user_id');
  });

  it.each(['test-user-123', 'alice+test@example.com', 'svc:gallery_app-1.2', '_system', 'x'.repeat(128)])('issues a token for %j', async (userId) => {
    const res = await api(`/api/generate-token?user_id=${encodeURIComponent(userId)}`);
    expect(res.status).toBe(200);
    expect((await res.json()).claims.sub).toBe(userId);
  });
});

describe('POST /api/stress-test', () => {
  const postJson = (body: string) => api('/api/stress-test', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const asJson = (value: unknown) => postJson(JSON.stringify(value));
  const asForm = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return api('/api/stress-test', { method: 'POST', body: form });
  };

  it.each(['..', 'a/b', 'x'.repeat(129)])('refuses the user id %j as JSON and as a form', async (userId) => {
    await expectProblem(await asJson({ user_id: userId, count: 1 }), 'user_id');
    await expectProblem(await asForm({ user_id: userId, count: '1' }), 'user_id');
  });

  it.each(['1e9', '1001', '0', '-1', '2.5', '1e309', '99999999999999999999', '"5000"'])('refuses the count %s sent as JSON', async (count) => {
    await expectProblem(await postJson(`{"user_id":"counter","count":${count}}`), 'count');
  });

  it.each(['1e9', '1000000000', '99999999999999999999', '-1', '0x10', '5000'])('refuses the count %j sent as a form', async (count) => {
    await expectProblem(await asForm({ user_id: 'counter', count }), 'count');
    await expectProblem(await api('/api/stress-test', { method: 'POST', body: new URLSearchParams({ user_id: 'counter', count }) }), 'count');
  });

  it('refuses a field given twice in a multipart form with the 400 an urlencoded form gets, naming it', async () => {
    const form = new FormData();
    form.append('user_id', 'first-user');
    form.append('count', '1');
    form.append('user_id', 'second-user');
    const multipart = await api('/api/stress-test', { method: 'POST', body: form });
    const urlencoded = await api('/api/stress-test', { method: 'POST', body: new URLSearchParams([['user_id', 'first-user'], ['count', '1'], ['user_id', 'second-user']]) });
    const problem = await expectProblem(multipart, 'user_id');
    expect(problem).toMatchObject({ title: 'Request validation failed', detail: 'body.user_id must be given once', errors: [{ field: 'body.user_id', message: 'must be given once' }] });
    expect(await expectProblem(urlencoded, 'user_id')).toMatchObject({ title: problem.title, detail: problem.detail, errors: problem.errors });
    expect((await (await api('/api/history?user_id=second-user')).json()).total).toBe(0);
  });

  it.each(['count', 'user_id'])('refuses %s sent as a file part, naming it, rather than run without it', async (name) => {
    const form = new FormData();
    for (const field of ['user_id', 'count']) {
      if (field === name) form.append(field, new Blob(['2']), `${field}.txt`);
      else form.append(field, field === 'user_id' ? 'file-sender' : '2');
    }
    const problem = await expectProblem(await api('/api/stress-test', { method: 'POST', body: form }), name);
    expect(problem.detail).toBe(`${name} must be a text field, not a file`);
    expect((await (await api('/api/history?user_id=file-sender')).json()).total).toBe(0);
  });

  it('refuses a form with more fields than it reads, or a field longer, rather than drop or cut them', async () => {
    const padding = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`pad${i}`, 'x']));
    const crowded = await expectProblem(await asForm({ user_id: 'crowded', count: '1', ...padding }), 'body');
    expect(crowded.detail).toBe('the form has more than 20 text fields');
    const long = await expectProblem(await asForm({ user_id: 'long-field', count: '1', note: 'x'.repeat(4097) }), 'note');
    expect(long.detail).toBe('note is longer than 4096 bytes');
    for (const userId of ['crowded', 'long-field']) expect((await (await api(`/api/history?user_id=${userId}`)).json()).total).toBe(0);
  });

  it.each(['b', 'Photos', 'a..b', '-photos', 'x'.repeat(64)])('refuses the bucket %j before sending any upload', async (bucket) => {
    await expectProblem(await asJson({ user_id: 'bucketeer', count: 1, bucket }), 'bucket');
    await expectProblem(await asForm({ user_id: 'bucketeer', count: '1', bucket }), 'bucket');
    const history = await (await api('/api/history?user_id=bucketeer')).json();
    expect(history.total).toBe(0);
  });
});

describe('GET /api/history', () => {
  it.each([
    'offset=99999999999999999999', 'offset=1e300', 'offset=1000000001', 'offset=-1', 'offset=1.5', 'offset=abc',
    'limit=1e309', 'limit=99999999999999999999', 'limit=201', 'limit=0', 'limit=-5', 'limit=2.5',
  ])('refuses %s', async (query) => {
    const [name] = query.split('=');
    await expectProblem(await api(`/api/history?${query}`), name);
  });

  it('pages up to the largest offset it declares', async () => {
    expect(await (await api('/api/history?offset=1000000000&limit=200')).json()).toMatchObject({ items: [], offset: 1000000000, limit: 200 });
  });
});

describe('POST /api/upload', () => {
  const jpegBlob = () => new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' });
  /** `before` fields, the file, then `after` fields: the page sends user_id first, curl often last. */
  function uploadForm(before: Record<string, string>, after: Record<string, string> = {}): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries(before)) form.append(name, value);
    form.append('file', jpegBlob(), 'photo.jpg');
    for (const [name, value] of Object.entries(after)) form.append(name, value);
    return form;
  }
  const upload = (form: FormData) => api('/api/upload', { method: 'POST', body: form });
  const historyOf = async (userId: string) => (await (await api(`/api/history?user_id=${userId}`)).json()).total;

  it.each(STEERING_IDS)('refuses the user id %j before calling the image API', async (userId) => {
    await expectProblem(await upload(uploadForm({ user_id: userId })), 'user_id');
  });

  it('refuses a context over 2048 characters, before or after the file, and sends nothing on', async () => {
    const context = 'é'.repeat(2049);
    await expectProblem(await upload(uploadForm({ user_id: 'long-talker', context })), 'context');
    await expectProblem(await upload(uploadForm({ user_id: 'long-talker' }, { context })), 'context');
    await expectProblem(await upload(uploadForm({}, { user_id: 'long-talker', context })), 'context');
    expect(await historyOf('long-talker')).toBe(0);
  });

  it('passes a context of 2048 characters that all need escaping on to the image API', async () => {
    const res = await upload(uploadForm({ user_id: 'escaper', context: '\u0001'.repeat(2048) }));
    expect(res.status).toBe(202);
  });

  it.each([
    ['user_id', 'before the file', [['user_id', 'twice-a'], ['user_id', 'twice-a']], []],
    ['user_id', 'before and after the file', [['user_id', 'twice-b']], [['user_id', 'other-user']]],
    ['bucket', 'after the file', [['user_id', 'twice-c']], [['bucket', 'test-uploads'], ['bucket', 'other-bucket']]],
    ['context', 'before the file, user_id after it', [['context', 'a'], ['context', 'b']], [['user_id', 'twice-d']]],
  ])('refuses %s given twice (%s) with the 400 naming it, rather than let the last one win', async (field, _where, before, after) => {
    const form = new FormData();
    for (const [name, value] of before) form.append(name, value);
    form.append('file', jpegBlob(), 'photo.jpg');
    for (const [name, value] of after) form.append(name, value);
    expect(await expectProblem(await upload(form), field)).toMatchObject({ title: 'Request validation failed', detail: `body.${field} must be given once` });
    for (const userId of ['twice-a', 'twice-b', 'other-user', 'twice-c', 'twice-d']) expect(await historyOf(userId)).toBe(0);
  });

  it.each([
    ['user_id before the files, as they stream on', { user_id: 'two-files-a' }, {}],
    ['user_id after the files, as they wait on disk', {}, { user_id: 'two-files-b' }],
  ])('refuses a second file (%s) with the 400 naming it, rather than drop it', async (_where, before, after) => {
    const form = uploadForm(before);
    const second = uploadForm({}, after);
    for (const [name, value] of second.entries()) form.append(name, value);
    expect(await expectProblem(await upload(form), 'file')).toMatchObject({ title: 'Request validation failed', detail: 'body.file must be given once' });
    for (const userId of ['two-files-a', 'two-files-b']) expect(await historyOf(userId)).toBe(0);
  });

  it('refuses a form with more fields than it reads, before or after the file, and sends nothing on', async () => {
    const padding = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`pad${i}`, 'x']));
    for (const form of [uploadForm({ user_id: 'crowded-upload', ...padding }), uploadForm({ user_id: 'crowded-upload' }, padding)]) {
      expect((await expectProblem(await upload(form), 'body')).detail).toBe('the form has more than 20 text fields');
    }
    expect(await historyOf('crowded-upload')).toBe(0);
  });

  it('refuses a form in a content coding with 415 before reading it, and sends nothing on', async () => {
    const res = await api('/api/upload', { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: uploadForm({ user_id: 'gzipper' }) });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('accept-encoding')).toBe('identity');
    expect(await historyOf('gzipper')).toBe(0);
  });

  it.each(['b', 'Photos', 'a..b', 'x'.repeat(64)])('refuses the bucket %j, before or after the file', async (bucket) => {
    await expectProblem(await upload(uploadForm({ user_id: 'bucket-user', bucket })), 'bucket');
    await expectProblem(await upload(uploadForm({ user_id: 'bucket-user' }, { bucket })), 'bucket');
    expect(await historyOf('bucket-user')).toBe(0);
  });
});
