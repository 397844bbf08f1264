/**
 * Offline database workflow on Prisma's WebAssembly schema engine (the native one cannot be downloaded here).
 *   create <name> [--empty]   write prisma/migrations/<stamp>_<name>/migration.sql from schema.prisma changes
 *   deploy                    apply pending migrations
 *   status                    show applied / pending / failed migrations
 *   check                     exit 1 when schema.prisma and the migrations disagree (drift)
 *   resolve --applied|--rolled-back <name>
 */
import {
  createMigration,
  defaultMigrationPaths,
  deployMigrations,
  migrationStatus,
  pendingSchemaChanges,
  writeMigration,
} from '../libs/database/src/migrations';
import { markMigration } from '../libs/database/src/migrations/migration-resolve';
import { panicRegistry } from '../libs/database/src/migrations/schema-engine';

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: point it at a PostgreSQL database (see README, "Migrations").');
    return 1;
  }
  const paths = defaultMigrationPaths();
  switch (command) {
    case 'create': {
      const name = rest.find((arg) => !arg.startsWith('--'));
      if (!name) return usage('create needs a name: npm run db:migrate:create -- <name>');
      if (rest.includes('--empty')) {
        console.log(
          `Created ${writeMigration(paths.migrationsDir, name, '-- Write the SQL of this migration here.\n')}`,
        );
        return 0;
      }
      const dir = await createMigration(url, name, paths);
      console.log(
        dir ? `Created ${dir}: review it, then run npm run db:migrate:deploy` : 'No schema changes.',
      );
      return 0;
    }
    case 'deploy': {
      const applied = await deployMigrations(url, paths);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    case 'status': {
      const status = await migrationStatus(url, paths);
      console.log(JSON.stringify(status, null, 2));
      const clean =
        !status.history && !status.failedMigrationNames.length && !status.editedMigrationNames.length;
      return clean && status.hasMigrationsTable ? 0 : 1;
    }
    case 'check': {
      const sql = await pendingSchemaChanges(url, paths);
      if (!sql) {
        console.log('schema.prisma and prisma/migrations agree.');
        return 0;
      }
      console.error(`Migration drift: schema.prisma has changes no migration contains:\n${sql}`);
      return 1;
    }
    case 'resolve': {
      const mode = rest.includes('--applied')
        ? 'applied'
        : rest.includes('--rolled-back')
          ? 'rolled-back'
          : null;
      const name = rest.find((arg) => !arg.startsWith('--'));
      if (!mode || !name) return usage('resolve --applied|--rolled-back <migration name>');
      await markMigration(url, name, mode, paths);
      console.log(`Marked ${name} as ${mode}.`);
      return 0;
    }
    default:
      return usage(`unknown command "${command ?? ''}"`);
  }
}

function usage(problem: string): number {
  console.error(
    `${problem}\nUsage: scripts/migrate.ts create <name> [--empty] | deploy | status | check | resolve`,
  );
  return 2;
}

// A Rust panic inside the engine surfaces as an uncaught WebAssembly trap; its message is kept aside.
process.on('uncaughtException', (error) => {
  console.error(`Migration engine crashed: ${panicRegistry.message || error.message}`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Migration command failed: ${error.message}`);
    process.exit(1);
  },
);
