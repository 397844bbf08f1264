export { freePort, sleep, waitFor } from './free-port';
export { deployMigrations } from './migrate-database';
export { PrivatePostgres, postgresBinDir } from './private-postgres';
export { HAS_REDIS_SERVER, PrivateRedis } from './private-redis';
