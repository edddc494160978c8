/**
 * kill -9 of the client app (STORAGE=fs) while a form's file waits on disk for the user_id that
 * follows it, then a restart on the same DATA_DIR: the file the crash left is removed, as no one
 * will finish sending it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { eventually } from '../../support/eventually';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-app-crash-'));
});
afterAll(async () => {
  await killChildServers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const start = () => startChildServer('client', { STORAGE: 'fs', DATA_DIR: dataDir, LOG_LEVEL: 'silent', IMAGE_API_URL: 'http://127.0.0.1:9' });
const spooled = () => fs.readdirSync(path.join(dataDir, 'client-app-uploads')).map((name) => fs.statSync(path.join(dataDir, 'client-app-uploads', name)).size);

/** Starts a form whose file comes before its user_id (curl -F file=@.. -F user_id=..) and sends only the file's first bytes. */
function startFileFirstUpload(url: string): http.ClientRequest {
  const head = '--form\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
  const req = http.request(`${url}/api/upload`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'multipart/form-data; boundary=form', 'content-length': String(1024 * 1024) },
  });
  req.on('error', () => undefined); // its server is killed
  req.write(Buffer.concat([Buffer.from(head), Buffer.alloc(64 * 1024, 0xff)]));
  return req;
}

describe('a file waiting for its user_id when the client app is killed', () => {
  it('is on disk in the app\'s own folder, and gone once the app starts again', async () => {
    const client = await start();
    startFileFirstUpload(client.url);
    await eventually(() => spooled()[0] === 64 * 1024, { what: 'the file part to wait in DATA_DIR/client-app-uploads' });
    await client.kill();
    expect(spooled()).toEqual([64 * 1024]);

    const restarted = await start();
    expect(spooled()).toEqual([]);
    expect((await fetch(`${restarted.url}/api/history`)).status).toBe(200);
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
