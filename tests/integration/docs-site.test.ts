/**
 * `npm run docs` (README, "Scripts"): the static Redoc site publishes each spec as written. The
 * built script (`npm test` builds first) writes into a folder of the test's own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const script = path.join(__dirname, '../../dist/scripts/build-docs.js');
let site: string;

beforeAll(async () => {
  site = await mkdtemp(path.join(os.tmpdir(), 'standin-site-'));
});

afterAll(async () => {
  if (site) await rm(site, { recursive: true, force: true });
});

describe('npm run docs', () => {
  it('publishes the upload forms with the file they require, and prints only the pages it wrote', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, site]);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(6);
    const form = async (spec: string, route: string) => {
      const document = JSON.parse(await readFile(path.join(site, spec, 'openapi.json'), 'utf8'));
      return document.paths[route].post.requestBody.content['multipart/form-data'].schema;
    };
    expect((await form('client-app', '/api/upload')).required).toEqual(['file', 'user_id']);
    expect((await form('image-api', '/api/v1/images/upload')).required).toEqual(['file']);
  }, 60000);
});
