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

const START = '<!-- settings:start -->';
const END = '<!-- settings:end -->';

/** The README with its generated settings block replaced by the current table. */
export function renderReadmeWithSettings(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n\n${renderSettingsTable()}\n\n${readme.slice(end)}`;
}
