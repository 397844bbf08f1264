import { CustomerMoneyQueue } from './customer-money-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CustomerMoneyQueue', () => {
  it('runs one customer tasks one at a time, in order, whatever each one does', async () => {
    const queue = new CustomerMoneyQueue();
    const events: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running++;
        expect(running).toBe(1);
        events.push(`start ${name}`);
        await tick();
        events.push(`end ${name}`);
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('a', task('1')),
      queue.run('a', task('2', true)),
      queue.run('a', task('3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different customers run side by side', async () => {
    const queue = new CustomerMoneyQueue();
    let release!: () => void;
    const blocked = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run('b', async () => 'b')).resolves.toBe('b');
    release();
    await blocked;
  });
});
