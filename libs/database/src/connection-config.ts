import pg from 'pg';

/**
 * Turns a postgresql:// URL into discrete pg settings. Prisma's adapter derives the shadow database
 * by overriding `database`, which a `connectionString` would silently win over.
 */
export function poolConfigFromUrl(url: string, extra: pg.PoolConfig = {}): pg.PoolConfig {
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new Error('DATABASE_URL must start with postgresql:// or postgres://');
  }
  const sslMode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname) || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    ssl: sslMode && sslMode !== 'disable' ? { rejectUnauthorized: sslMode === 'verify-full' } : undefined,
    application_name: parsed.searchParams.get('application_name') ?? 'streamskill-gateway',
    ...extra,
  };
}

/** The same server, another database: used by tests and the shadow database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
