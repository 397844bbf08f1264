export * from './migration-runner';
export { writeMigration, readMigrationList } from './migration-files';
