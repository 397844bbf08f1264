/** What a bench child sends its parent once it serves, or when it could not start. */
export type ChildMessage = { ready: true; url: string } | { ready: false; error: string };

export interface ServedChild {
  url: string;
  close(): Promise<void>;
}

/** Starts the server, reports to the parent, and closes it on SIGTERM (or when the parent goes). */
export function serveChild(start: () => Promise<ServedChild>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  start().then(
    (served) => {
      let closing = false;
      const stop = () => {
        if (closing) return;
        closing = true;
        served.close().finally(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('disconnect', stop);
      send({ ready: true, url: served.url });
    },
    (error: unknown) => {
      send({ ready: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
