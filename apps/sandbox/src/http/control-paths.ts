export const CONTROL_PREFIX = '/__sandbox';

/** Control requests bypass counting, rate limiting, auth and fault injection. */
export function isControlPath(url: string): boolean {
  return url === CONTROL_PREFIX || url.startsWith(`${CONTROL_PREFIX}/`);
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
