import { JobLoop } from './job-loop';

describe('JobLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a tick every interval, counted from the end of the previous tick', async () => {
    const finishers: (() => void)[] = [];
    const tick = jest.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
    const loop = new JobLoop(1000, tick);
    loop.start();

    await jest.advanceTimersByTimeAsync(999);
    expect(tick).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(tick).toHaveBeenCalledTimes(1);

    // A slow tick is never overlapped by the next one.
    await jest.advanceTimersByTimeAsync(5000);
    expect(tick).toHaveBeenCalledTimes(1);
    finishers[0]();
    await jest.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(2);
    finishers[1]();
    await loop.stop();
  });

  it('stops scheduling and waits for the tick in progress', async () => {
    let finish!: () => void;
    let finished = false;
    const tick = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        }),
    );
    const loop = new JobLoop(100, tick);
    loop.start();
    await jest.advanceTimersByTimeAsync(100);
    const stopped = loop.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(1);
  });

  it('does nothing until started, and starts once', async () => {
    const tick = jest.fn(async () => undefined);
    const loop = new JobLoop(100, tick);
    await jest.advanceTimersByTimeAsync(1000);
    expect(tick).not.toHaveBeenCalled();
    loop.start();
    loop.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(tick).toHaveBeenCalledTimes(1);
    await loop.stop();
  });
});
