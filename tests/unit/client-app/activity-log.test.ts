import { ActivityLog, type ActivityEntry } from '../../../src/client-app/activity-log';

describe('ActivityLog', () => {
  it('numbers entries in order and tells subscribers at once', () => {
    const log = new ActivityLog();
    const seen: ActivityEntry[] = [];
    const unsubscribe = log.subscribe((entry) => seen.push(entry));
    log.record('token.generated', 'token issued for u1', { user_id: 'u1' });
    log.record('upload.rate_limited', 'slow down', {}, 'warn');
    unsubscribe();
    log.record('upload.sent', 'not seen by the unsubscribed listener');
    expect(seen.map((entry) => [entry.id, entry.kind, entry.level])).toEqual([[1, 'token.generated', 'info'], [2, 'upload.rate_limited', 'warn']]);
    expect(seen[0]).toMatchObject({ message: 'token issued for u1', data: { user_id: 'u1' } });
    expect(new Date(seen[0]!.time).toISOString()).toBe(seen[0]!.time);
  });

  it('replays the kept entries after a given id, for a stream that reconnects', () => {
    const log = new ActivityLog(3);
    for (let i = 1; i <= 5; i += 1) log.record('status.checked', `check ${i}`);
    expect(log.recent().map((entry) => entry.id)).toEqual([3, 4, 5]);
    expect(log.recent(4).map((entry) => entry.message)).toEqual(['check 5']);
  });
});
