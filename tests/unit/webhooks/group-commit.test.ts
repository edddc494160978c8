import { GroupCommit } from '../../../src/webhooks/group-commit';

describe('group commit', () => {
  it('commits everything written in one turn of the event loop together, then settles each write', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number>((items) => { commits.push(items); });
    const settled: number[] = [];
    const writes = [1, 2, 3].map((item) => group.write(item).then(() => settled.push(item)));
    expect(commits).toEqual([]);
    await Promise.all(writes);
    expect(commits).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
    await group.write(4);
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every write of a group whose commit fails, and carries on with the next group', async () => {
    let fail = true;
    const group = new GroupCommit<string>(() => {
      if (fail) throw new Error('disk full');
    });
    const results = await Promise.allSettled([group.write('a'), group.write('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(group.write('c')).resolves.toBeUndefined();
  });
});
