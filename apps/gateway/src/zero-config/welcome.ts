/** The zero-config banner: where the gateway is, what runs behind it, and a first command to try. */
export function printWelcome(url: string, notes: string[], newAdminKey: string | null): void {
  const lines = [
    '',
    `StreamSkill gateway (zero-config) on ${url}`,
    ...notes.map((note) => `  - ${note}`),
    `  - API docs: ${url}/docs`,
    '',
  ];
  if (newAdminKey) {
    lines.push(
      'Admin key (shown this once; `npm run cli -- create-admin-key --name <name>` makes another):',
      `  ${newAdminKey}`,
      '',
      'Next: create a customer',
      `  curl -s -X POST ${url}/v1/admin/customers -H 'Authorization: Bearer ${newAdminKey}' \\`,
      `       -H 'Content-Type: application/json' -d '{"name":"First reseller"}'`,
    );
  } else {
    lines.push(
      `Next: curl -s ${url}/v1/health/ready  (admin keys: npm run cli -- create-admin-key --name <name>)`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
