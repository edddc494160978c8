import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getJson, seedSignature, type Schemas } from './receiver-server';

interface ChildReceiver {
  url: string;
  child: ChildProcess;
}

/** Starts the receiver in a child process on `dataDir` and waits for the URL it prints. */
function startChild(dataDir: string): Promise<ChildReceiver> {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures/receiver-process.js')], {
    env: { ...process.env, DATA_DIR: dataDir, STORAGE: 'fs' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve({ url: JSON.parse(line).url, child });
    });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`receiver exited (${code}) before listening: ${stderr}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('durability across kill -9', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-restart-'));
  });
  afterAll(async () => {
    for (const child of children) await killed(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event when the receiver is killed mid-stream and restarted', async () => {
    const first = await startChild(dataDir);
    children.push(first.child);
    const acknowledged: string[] = [];
    let attempted = 0;
    const sender = async (worker: number) => {
      for (let index = 0; ; index += 1) {
        const body = JSON.stringify({ event_type: 'durability.check', worker, index });
        attempted += 1;
        try {
          const response = await fetch(`${first.url}/webhooks/durable`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-signature': seedSignature(body) },
            body,
          });
          if (response.status !== 200) return;
          acknowledged.push(((await response.json()) as { event_id: string }).event_id);
        } catch {
          return; // the receiver is gone
        }
        if (acknowledged.length === 150) await killed(first.child);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => sender(worker)));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const second = await startChild(dataDir);
    children.push(second.child);
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Schemas['EventList'] = await getJson<Schemas['EventList']>(`${second.url}/webhooks/events?client_id=durable&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      for (const event of page.events) stored.add(event.event_id);
      cursor = page.next_cursor;
    } while (cursor);
    const lost = acknowledged.filter((eventId) => !stored.has(eventId));
    expect(lost).toEqual([]);
    expect(stored.size).toBeLessThanOrEqual(attempted);
  });
});
