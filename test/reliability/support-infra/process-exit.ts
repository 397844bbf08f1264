const cleanups = new Set<() => void>();
let installed = false;

/**
 * Runs `cleanup` (synchronous) if the process exits before it was forgotten: servers a test started
 * must not outlive a worker that crashed or was killed by a timeout. Returns the function that forgets it.
 */
export function onProcessExit(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const pending of cleanups) pending();
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
