import { Injectable } from '@nestjs/common';

/**
 * Runs one customer's money transactions one after another within this instance. They would wait
 * for each other anyway on the customer's balance row; waiting here instead keeps the waiters from
 * holding a database connection each, which under a burst starves every other query of the pool.
 * Across instances the row lock still does the ordering: this is about connections, not correctness.
 */
@Injectable()
export class CustomerMoneyQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(customerId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(customerId) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(customerId, tail);
    void tail.then(() => {
      if (this.tails.get(customerId) === tail) this.tails.delete(customerId);
    });
    return result;
  }
}
