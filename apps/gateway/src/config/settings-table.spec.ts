import { renderSettingsTable } from './settings-table';
import { SETTINGS } from './settings';

describe('renderSettingsTable', () => {
  it('has one row per setting, with its default or required mark', () => {
    const lines = renderSettingsTable().split('\n');
    expect(lines).toHaveLength(SETTINGS.length + 2);
    expect(lines).toContain('| `PORT` | `3000` | Port the HTTP server listens on (0 = any free port). |');
    expect(lines.find((line) => line.startsWith('| `DATABASE_URL`'))).toContain('**required**');
    expect(lines.find((line) => line.startsWith('| `REDIS_URL`'))).toContain('(unset)');
  });
});
