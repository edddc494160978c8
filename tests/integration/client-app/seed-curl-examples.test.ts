import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Standin } from '../../../src';
import { startStandin } from '../../support/standin-harness';
import { gradientJpeg } from './sample-files';

const run = promisify(execFile);
let standin: Standin;
let workDir: string;

beforeAll(async () => {
  // no webhook receiver here: deliveries go to the discard port and fail quietly
  standin = await startStandin({ servers: ['s3', 'image-api', 'client'], env: { WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/{client}', WEBHOOK_MAX_ATTEMPTS: '1' } });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'seed-curl-'));
  await writeFile(path.join(workDir, 'image.jpg'), await gradientJpeg(640, 400));
}, 30_000);

afterAll(async () => {
  await standin?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs a command from the seed README's client app section as written, against this client app. */
async function seedCommand(command: string): Promise<string> {
  const { stdout } = await run('sh', ['-c', command.replaceAll('http://localhost:3000', standin.urls.client!)], { cwd: workDir });
  return stdout;
}

async function untilCompleted(jobId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (JSON.parse(await seedCommand(`curl http://localhost:3000/api/status/${jobId}`)).status === 'completed') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not complete`);
}

describe('the seed README curl examples, verbatim', () => {
  it('generates a token, uploads, checks the status, gets the result and shows the history', async () => {
    const token = JSON.parse(await seedCommand('curl http://localhost:3000/api/generate-token?user_id=test-user-123'));
    expect(token).toMatchObject({ user_id: 'test-user-123', claims: { sub: 'test-user-123' } });

    const upload = JSON.parse(await seedCommand(`curl -X POST http://localhost:3000/api/upload \\
  -F "file=@image.jpg" \\
  -F "bucket=test-uploads" \\
  -F "user_id=user-456" \\
  -F "context=demo"`));
    expect(upload).toMatchObject({ user_id: 'user-456' });

    await untilCompleted(upload.job_id);
    const result = JSON.parse(await seedCommand(`curl http://localhost:3000/api/result/${upload.job_id}`));
    expect(result).toMatchObject({ job_id: upload.job_id, width: 640, height: 400, format: 'jpeg', metadata: { context: 'demo' } });
    const thumbnail = await fetch(result.urls.thumbnail);
    expect(thumbnail.status).toBe(200);

    const history = JSON.parse(await seedCommand('curl http://localhost:3000/api/history'));
    expect(history.items[0]).toMatchObject({ job_id: upload.job_id, user_id: 'user-456', status: 'completed', bucket: 'test-uploads' });
  });

  it('runs the 51-upload stress test', async () => {
    const report = JSON.parse(await seedCommand(`curl -X POST http://localhost:3000/api/stress-test \\
  -F "user_id=test-user-123" \\
  -F "count=51"`));
    expect(report).toMatchObject({ total: 51, accepted: 50, rate_limited: 1, errors: 0 });
  });

  it('serves the page and the API docs', async () => {
    expect(await seedCommand('curl -s http://localhost:3000')).toContain('<title>standin · client app</title>');
    expect(await seedCommand('curl -s http://localhost:3000/docs')).toContain('redoc');
  });
});
