export { freePort, sleep, waitFor } from '../../support/polling';
export { deployMigrations } from '../../support/migrate-database';
export { PrivatePostgres, postgresBinDir } from './private-postgres';
export { HAS_REDIS_SERVER, PrivateRedis } from './private-redis';
