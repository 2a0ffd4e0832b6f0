import { LocalLane } from '../../../workflows/src/shared/command-loop';

/** Work that records when it starts and ends, and finishes when told. */
function work(log: string[], name: string, inFlight: { now: number; max: number }) {
  let finish!: (ok: boolean) => void;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  const run = async () => {
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    log.push(`start ${name}`);
    const ok = await done;
    inFlight.now -= 1;
    log.push(`end ${name}`);
    if (!ok) throw new Error(`${name} failed`);
    return name;
  };
  return { run, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LocalLane (one local activity in flight at a time)', () => {
  it('starts work at once when free, the rest one at a time in the order asked, whatever order they would finish in', async () => {
    const lane = new LocalLane();
    const log: string[] = [];
    const inFlight = { now: 0, max: 0 };
    const [a, b, c] = ['a', 'b', 'c'].map((n) => work(log, n, inFlight));
    const results = [lane.run(a!.run), lane.run(b!.run), lane.run(c!.run)];
    expect(log).toEqual(['start a']); // started in the same tick: no extra await when free
    c!.finish(true); // c and b would finish first if they ran: they have not started
    b!.finish(true);
    await tick();
    expect(log).toEqual(['start a']);
    a!.finish(true);
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(inFlight.max).toBe(1);
  });

  it('frees the lane for the next when work fails', async () => {
    const lane = new LocalLane();
    const log: string[] = [];
    const inFlight = { now: 0, max: 0 };
    const [a, b] = ['a', 'b'].map((n) => work(log, n, inFlight));
    const failed = lane.run(a!.run);
    const next = lane.run(b!.run);
    a!.finish(false);
    await expect(failed).rejects.toThrow('a failed');
    b!.finish(true);
    await expect(next).resolves.toBe('b');
    // Free again: the next work starts at once.
    const [c] = ['c'].map((n) => work(log, n, inFlight));
    const last = lane.run(c!.run);
    expect(log[log.length - 1]).toBe('start c');
    c!.finish(true);
    await expect(last).resolves.toBe('c');
    expect(inFlight.max).toBe(1);
  });
});
