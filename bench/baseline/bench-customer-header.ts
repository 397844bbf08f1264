/** Header naming the customer whose purchase the bare read returns (it has no key to tell). */
export const BENCH_CUSTOMER_HEADER = 'x-bench-customer';
