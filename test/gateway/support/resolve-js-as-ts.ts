import Module from 'node:module';

/**
 * Preloaded after @swc-node/register when a test runs TypeScript sources in a child process: the
 * generated Prisma client imports `./internal/class.js`, which only exists as `.ts` before a build.
 */
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;

loader._resolveFilename = function resolveJsAsTs(this: unknown, request: string, ...rest: unknown[]): string {
  try {
    return resolve.call(this, request, ...rest);
  } catch (error) {
    if (!request.startsWith('.') || !request.endsWith('.js')) throw error;
    return resolve.call(this, `${request.slice(0, -3)}.ts`, ...rest);
  }
};
