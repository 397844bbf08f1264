import { SETTINGS } from './settings';

/** The README's settings table, in Markdown, straight from SETTINGS. */
export function renderSettingsTable(): string {
  const rows = SETTINGS.map((setting) => {
    const fallback = setting.required
      ? '**required**'
      : setting.default
        ? `\`${setting.default}\``
        : '(unset)';
    return `| \`${setting.name}\` | ${fallback} | ${setting.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Setting | Default | Description |', '|---|---|---|', ...rows].join('\n');
}
