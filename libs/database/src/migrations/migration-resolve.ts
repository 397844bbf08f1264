import fs from 'node:fs';
import { openSchemaEngine } from './schema-engine';
import { readMigrationList } from './migration-files';
import type { MigrationPaths } from './migration-runner';

/** `prisma migrate resolve`: record a failed migration as applied by hand, or as rolled back. */
export async function markMigration(
  url: string,
  migrationName: string,
  mode: 'applied' | 'rolled-back',
  paths: MigrationPaths,
): Promise<void> {
  const handle = await openSchemaEngine(url, fs.readFileSync(paths.schemaPath, 'utf8'));
  try {
    if (mode === 'applied') {
      await handle.engine.markMigrationApplied({
        migrationName,
        migrationsList: readMigrationList(paths.migrationsDir),
      });
    } else {
      await handle.engine.markMigrationRolledBack({ migrationName });
    }
  } finally {
    await handle.dispose();
  }
}
