import { openAuthProviderDatabase } from '../../../src/auth-provider/database';
import { SigningKeys } from '../../../src/auth-provider/signing-keys';

describe('SigningKeys', () => {
  it('lists the signing keys first, and a retired key for the grace period only', async () => {
    const db = openAuthProviderDatabase({ storage: 'memory', dataDir: '' });
    db.prepare("INSERT INTO issuers (id, signing_alg, created_at) VALUES ('t', 'RS256', 'now')").run();
    const keys = new SigningKeys(db, 60_000);
    const first = await SigningKeys.generate();
    keys.install('t', first, 1_000_000);
    const retired = first.map((key) => key.kid);
    const signing = await SigningKeys.generate();
    keys.install('t', signing, 2_000_000);

    const kids = (at: number) => keys.keySet('t', at).map((key) => key.kid);
    expect(kids(2_000_000).slice(0, 2).sort()).toEqual(signing.map((key) => key.kid).sort());
    expect(kids(2_000_000).slice(2).sort()).toEqual([...retired].sort());
    expect(kids(2_060_000).sort()).toEqual(signing.map((key) => key.kid).sort());
    expect(keys.nextExpiry('t', 2_000_000)).toBe(2_060_000);
    expect(keys.summaries('t', 2_000_000).filter((key) => key.retired_at !== null)).toHaveLength(2);
    db.close();
  });
});
