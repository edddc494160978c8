import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore, type NewHistoryEntry } from '../../../src/client-app/history-store';

function upload(overrides: Partial<NewHistoryEntry>): NewHistoryEntry {
  return {
    job_id: null, image_id: null, user_id: 'user-1', filename: 'cat.jpg', bytes: 1234, bucket: 'test-uploads', context: 'demo',
    source: 'upload', http_status: 202, status: 'pending', error: null, ...overrides,
  };
}

describe('HistoryStore', () => {
  let store: HistoryStore;
  beforeEach(() => { store = new HistoryStore({ storage: 'memory', dataDir: '' }); });
  afterEach(() => store.close());

  it('knows who owns a job it recorded, and nothing about others', () => {
    store.record(upload({ job_id: 'job-a', user_id: 'alice' }));
    expect(store.ownerOf('job-a')).toBe('alice');
    expect(store.ownerOf('job-b')).toBeUndefined();
  });

  it('lists newest first with the total, paged by limit and offset', () => {
    for (let i = 1; i <= 5; i += 1) store.record(upload({ job_id: `job-${i}` }));
    const page = store.list({ limit: 2, offset: 1 });
    expect(page.items.map((entry) => entry.job_id)).toEqual(['job-4', 'job-3']);
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
  });

  it('narrows the list to one user', () => {
    store.record(upload({ job_id: 'a1', user_id: 'alice' }));
    store.record(upload({ job_id: 'b1', user_id: 'bob' }));
    store.record(upload({ job_id: null, user_id: 'alice', status: 'rejected', http_status: 429, error: 'Too Many Requests' }));
    const page = store.list({ limit: 10, offset: 0, userId: 'alice' });
    expect(page.total).toBe(2);
    expect(page.items.map((entry) => [entry.job_id, entry.status])).toEqual([[null, 'rejected'], ['a1', 'pending']]);
  });

  it('keeps the latest job status seen', () => {
    store.record(upload({ job_id: 'job-1' }));
    store.updateStatus('job-1', 'failed', 'not an image');
    const [entry] = store.list({ limit: 1, offset: 0 }).items;
    expect(entry).toMatchObject({ status: 'failed', error: 'not an image' });
    expect(entry!.updated_at >= entry!.created_at).toBe(true);
  });

  it('survives a restart when kept in a file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'client-history-'));
    try {
      const first = new HistoryStore({ storage: 'fs', dataDir: dir });
      first.record(upload({ job_id: 'kept', user_id: 'carol' }));
      first.close();
      const reopened = new HistoryStore({ storage: 'fs', dataDir: dir });
      expect(reopened.ownerOf('kept')).toBe('carol');
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
