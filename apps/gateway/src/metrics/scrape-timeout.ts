/** A scrape must answer even when a dependency hangs: its series are left out instead. */
export const SCRAPE_TIMEOUT_MS = 2_000;

export function withinScrapeTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took over ${SCRAPE_TIMEOUT_MS} ms`)),
      SCRAPE_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
