/** Rewrites the settings table in README.md from apps/gateway/src/config/settings.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { renderReadmeWithSettings } from '../apps/gateway/src/config/settings-table';

const readme = path.join(__dirname, '..', 'README.md');
fs.writeFileSync(readme, renderReadmeWithSettings(fs.readFileSync(readme, 'utf8')));
console.log('README.md settings table updated.');
