const SCHEME = /^https?:\/\//i;

/**
 * Whether upstream's `channel` is the one a cart asked for. Upstream stores the tariff's link prefix
 * plus the cart's slug (`twitch` -> `https://www.twitch.tv/twitch`) unless the cart sent a URL.
 * Compared without scheme, `www.`, trailing slashes or case: channel names on these platforms are
 * case-insensitive, and the tariff and time window already make a case-only clash implausible.
 */
export function isSameChannel(requested: string, upstream: string, linkPrefix?: string): boolean {
  const got = canonical(upstream);
  const slug = requested.trim();
  if (linkPrefix !== undefined) return canonical(SCHEME.test(slug) ? slug : `${linkPrefix}${slug}`) === got;
  const wanted = canonical(slug);
  return wanted !== '' && (got === wanted || got.endsWith(`/${wanted}`) || got.endsWith(`=${wanted}`));
}

function canonical(channel: string): string {
  return channel
    .trim()
    .toLowerCase()
    .replace(SCHEME, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}
