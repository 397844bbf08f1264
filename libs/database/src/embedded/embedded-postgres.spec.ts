import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('startEmbeddedPostgres', () => {
  it('serves PostgreSQL over the wire protocol to the ordinary pg driver', async () => {
    const embedded = await startEmbeddedPostgres();
    const client = new pg.Client({ connectionString: embedded.url });
    try {
      await client.connect();
      const { rows } = await client.query<{ answer: number }>('SELECT 40 + 2 AS answer');
      expect(rows[0].answer).toBe(42);
    } finally {
      await client.end();
      await embedded.stop();
    }
  });

  it('keeps data in its directory across restarts and refuses a second holder', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssg-pglite-')), 'db');
    const first = await startEmbeddedPostgres({ dataDir });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
    await client.end();
    fs.writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process/);
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    const { rows } = await again.query<{ v: number }>('SELECT v FROM kept');
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: 7 }]);
  });
});
