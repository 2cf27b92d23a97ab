import { describe, expect, it } from 'vitest';
import { batchWhileBusy } from './batch-while-busy';

/** A `run` whose batches end only when the test says so, recording what each batch held. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => finish.push(() => resolve(items.map((item) => item * 10))));
  };
  return { run, batches, finish };
}

describe('batchWhileBusy', () => {
  it('runs a call on an idle system alone, and those arriving meanwhile together in the next batch', async () => {
    const { run, batches, finish } = controlledRun();
    const call = batchWhileBusy(run, { maxBatch: 100, maxInFlight: 1 });
    const first = call(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [call(2), call(3), call(4)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    finish[0]!();
    expect(await first).toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps up to maxInFlight batches running and caps each at maxBatch', async () => {
    const { run, batches, finish } = controlledRun();
    const call = batchWhileBusy(run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => call(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2]]);
    finish[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2], [3, 4]]);
    finish[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    finish[2]!();
    finish[3]!();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('gives every caller of a failed batch the error, and carries on with the next', async () => {
    let fail = true;
    const call = batchWhileBusy(
      async (items: number[]) => {
        if (fail) throw new Error('database away');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = [call(1), call(2)];
    await expect(failed[0]).rejects.toThrow('database away');
    await expect(failed[1]).rejects.toThrow('database away');
    fail = false;
    expect(await call(3)).toBe(3);
  });
});
