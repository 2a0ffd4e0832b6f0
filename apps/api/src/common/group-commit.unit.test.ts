import { GroupCommit, isRowError } from './group-commit';

/** A statement that answers when the test lets it: the batches it was given, in order. */
function gatedStatement<O>(answer: (items: number[]) => O[] | Error) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<O[]>((resolve, reject) => {
      gates.push(() => {
        const out = answer(items);
        if (out instanceof Error) reject(out);
        else resolve(out);
      });
    });
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return { run, batches, gates, settle };
}

describe('GroupCommit', () => {
  it('sends the calls of one moment in one statement and answers each with its own result', async () => {
    const s = gatedStatement((items) => items.map((i) => i * 10));
    const g = new GroupCommit(s.run, { maxBatch: 64, maxInFlight: 2 });
    const answers = [1, 2, 3].map((i) => g.submit(i));
    await s.settle();
    expect(s.batches).toEqual([[1, 2, 3]]);
    s.gates.shift()!();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30]);
  });

  it('answers nobody before the statement holding their call has finished', async () => {
    const s = gatedStatement((items) => items);
    const g = new GroupCommit(s.run, { maxBatch: 64, maxInFlight: 1 });
    let answered = false;
    void g.submit(1).then(() => (answered = true));
    await s.settle();
    expect(answered).toBe(false);
    s.gates.shift()!();
    await s.settle();
    expect(answered).toBe(true);
  });

  it('gathers the calls that arrive while maxInFlight statements run, at most maxBatch a statement', async () => {
    const s = gatedStatement((items) => items);
    const g = new GroupCommit(s.run, { maxBatch: 3, maxInFlight: 1 });
    const first = g.submit(0);
    await s.settle();
    const rest = [1, 2, 3, 4, 5].map((i) => g.submit(i));
    await s.settle();
    expect(s.batches).toEqual([[0]]); // the others wait for the running statement
    s.gates.shift()!();
    await first;
    await s.settle();
    expect(s.batches).toEqual([[0], [1, 2, 3]]);
    s.gates.shift()!();
    await s.settle();
    expect(s.batches).toEqual([[0], [1, 2, 3], [4, 5]]);
    s.gates.shift()!();
    await expect(Promise.all(rest)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(g.counts).toEqual({ batches: 3, calls: 6, largest: 3 });
  });

  it('tries a batch failing on one row call by call: only the faulty call fails', async () => {
    const bad = Object.assign(new Error('value too long'), { code: '22001' });
    const s = gatedStatement((items) => (items.includes(2) ? bad : items));
    const g = new GroupCommit(s.run, { maxBatch: 64, maxInFlight: 4, splitOn: isRowError });
    const answers = [1, 2, 3].map((i) => g.submit(i).catch((err: Error) => err.message));
    await s.settle();
    s.gates.shift()!();
    await s.settle();
    expect(s.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    while (s.gates.length) s.gates.shift()!();
    await expect(Promise.all(answers)).resolves.toEqual([1, 'value too long', 3]);
  });

  it('gives every caller of the batch any other error as it is (the database away)', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const s = gatedStatement(() => down);
    const g = new GroupCommit(s.run, { maxBatch: 64, maxInFlight: 2, splitOn: isRowError });
    const answers = [1, 2].map((i) => g.submit(i).catch((err: unknown) => err));
    await s.settle();
    s.gates.shift()!();
    await expect(Promise.all(answers)).resolves.toEqual([down, down]);
    expect(s.batches).toEqual([[1, 2]]);
  });

  it('refuses a statement that answers for fewer calls than it was given', async () => {
    const s = gatedStatement((items) => items.slice(1));
    const g = new GroupCommit(s.run, { maxBatch: 64, maxInFlight: 2 });
    const answers = [1, 2].map((i) => g.submit(i).catch((err: Error) => err.message));
    await s.settle();
    s.gates.shift()!();
    await expect(Promise.all(answers)).resolves.toEqual([
      'a batch of 2 answered 1 results',
      'a batch of 2 answered 1 results',
    ]);
  });
});

describe('isRowError', () => {
  it('is a data exception or a constraint violation, not a connection or server error', () => {
    expect(isRowError({ code: '22P02' })).toBe(true);
    expect(isRowError({ code: '23505' })).toBe(true);
    expect(isRowError({ code: '57P01' })).toBe(false);
    expect(isRowError({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isRowError(new Error('timeout'))).toBe(false);
    expect(isRowError(null)).toBe(false);
  });
});
