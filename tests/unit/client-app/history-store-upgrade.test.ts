import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/client-app/history-store';
import { dataDirFromDump, schemaOf } from '../../support/sqlite-dump';

describe('a client-app.db written before schema versions were counted (fixtures/client-app-v0.sql)', () => {
  let dataDir: string;
  let freshDir: string;
  beforeEach(() => {
    dataDir = dataDirFromDump(path.join(__dirname, 'fixtures/client-app-v0.sql'), 'client-app.db');
    freshDir = mkdtempSync(path.join(os.tmpdir(), 'client-app-fresh-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(freshDir, { recursive: true, force: true });
  });

  it('is adopted as schema version 1, with the schema a new file gets', () => {
    new HistoryStore({ storage: 'fs', dataDir }).close();
    new HistoryStore({ storage: 'fs', dataDir: freshDir }).close();
    const upgraded = schemaOf(path.join(dataDir, 'client-app.db'));
    expect(upgraded.version).toBe(1);
    expect(upgraded).toEqual(schemaOf(path.join(freshDir, 'client-app.db')));
  });

  it('keeps every upload with its owner and last status, and numbers new ones after them', () => {
    const store = new HistoryStore({ storage: 'fs', dataDir });
    try {
      const page = store.list({ limit: 10, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.items.map((entry) => [entry.id, entry.job_id, entry.user_id, entry.status, entry.error])).toEqual([
        [3, 'job-bad', 'alice', 'failed', 'not an image'],
        [2, null, 'bob', 'rejected', 'Too Many Requests'],
        [1, 'job-done', 'alice', 'completed', null],
      ]);
      expect(page.items[2]).toMatchObject({ source: 'upload', http_status: 202, updated_at: '2025-01-15T10:00:03.000Z' });
      expect(store.ownerOf('job-done')).toBe('alice');
      expect(store.list({ limit: 10, offset: 0, userId: 'bob' }).items).toMatchObject([{ source: 'stress-test', http_status: 429 }]);

      const next = store.record({
        job_id: 'job-new', image_id: null, user_id: 'carol', filename: 'dog.png', bytes: 10, bucket: 'test-uploads', context: null,
        source: 'upload', http_status: 202, status: 'pending', error: null,
      });
      expect(next.id).toBe(4);
    } finally {
      store.close();
    }
  });
});
