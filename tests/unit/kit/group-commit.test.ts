import { GroupCommit, type ItemOutcome } from '../../../src/kit/group-commit';

describe('group commit', () => {
  it('commits everything written in one turn of the event loop together, then settles each write', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number>((items) => {
      commits.push(items);
      return items.map((): ItemOutcome => ({ written: true }));
    });
    const settled: number[] = [];
    const writes = [1, 2, 3].map((item) => group.write(item).then(() => settled.push(item)));
    expect(commits).toEqual([]);
    await Promise.all(writes);
    expect(commits).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
    await group.write(4);
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it('fails only the write of an item the commit refuses, and settles the rest of its group', async () => {
    const refused = new Error('CHECK constraint failed');
    const group = new GroupCommit<string>((items) => items.map((item): ItemOutcome => (item === 'bad' ? { written: false, error: refused } : { written: true })));
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => group.write(item)));
    expect(results).toEqual([{ status: 'fulfilled', value: undefined }, { status: 'rejected', reason: refused }, { status: 'fulfilled', value: undefined }]);
  });

  it('fails every write of a group whose transaction fails, and carries on with the next group', async () => {
    let fail = true;
    const group = new GroupCommit<string>((items) => {
      if (fail) throw new Error('disk full');
      return items.map((): ItemOutcome => ({ written: true }));
    });
    const results = await Promise.allSettled([group.write('a'), group.write('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(group.write('c')).resolves.toBeUndefined();
  });
});
