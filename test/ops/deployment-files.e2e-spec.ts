import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SETTINGS } from '../../apps/gateway/src/config/settings';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  environment?: Record<string, string>;
  stop_grace_period?: string;
  command?: string[];
  healthcheck?: unknown;
  depends_on?: Record<string, unknown>;
}
const compose = yaml.load(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
const known = new Set(SETTINGS.map((setting) => setting.name));
const zeroConfigOnly = new Set(['GATEWAY_DATA_DIR']);

describe('deployment files stay consistent with the settings the gateway reads', () => {
  const gateway = compose.services.gateway;

  it('runs postgres, redis, sandbox and gateway, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'postgres', 'redis', 'sandbox']);
    for (const service of Object.values(compose.services)) expect(service.healthcheck).toBeDefined();
    expect(Object.keys(gateway.depends_on ?? {}).sort()).toEqual(['postgres', 'redis', 'sandbox']);
  });

  it('gives the gateway every required setting', () => {
    const required = SETTINGS.filter((setting) => setting.required).map((setting) => setting.name);
    for (const name of required) expect(Object.keys(gateway.environment ?? {})).toContain(name);
  });

  it('sets no variable the gateway does not know', () => {
    for (const name of Object.keys(gateway.environment ?? {})) expect(known.has(name)).toBe(true);
  });

  it('configures the sandbox with variables it reads', () => {
    const sandboxReadme = read('apps/sandbox/README.md');
    for (const name of Object.keys(compose.services.sandbox.environment ?? {})) {
      expect(sandboxReadme).toContain(`\`${name}\``);
    }
  });

  it('points the gateway at the services of the compose file', () => {
    const env = gateway.environment ?? {};
    expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(new URL(env.STREAMSKILL_BASE_URL).hostname).toBe('sandbox');
    expect(env.STREAMSKILL_API_TOKEN).toBe(compose.services.sandbox.environment?.SANDBOX_TOKEN);
  });

  it('documents every setting in the README, and no setting that does not exist', () => {
    const readme = read('README.md');
    const block = readme.slice(
      readme.indexOf('<!-- settings:start -->'),
      readme.indexOf('<!-- settings:end -->'),
    );
    const documented = [...block.matchAll(/^\|\s*`([A-Z0-9_]+)`/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...known].sort());
    for (const name of zeroConfigOnly) expect(known.has(name)).toBe(true);
  });

  it('lets the gateway drain its requests before the container is killed', () => {
    const graceMs = Number(
      gateway.environment?.SHUTDOWN_GRACE_MS ??
        SETTINGS.find((setting) => setting.name === 'SHUTDOWN_GRACE_MS')?.default,
    );
    const stopSeconds = Number(/^(\d+)s$/.exec(gateway.stop_grace_period ?? '')?.[1]);
    expect(stopSeconds * 1000).toBeGreaterThan(graceMs);
    const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/v1\/health\/live/m);
  });

  it('builds an image that runs as a non-root user and migrates before starting', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM .* AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('dist/scripts/migrate.js deploy');
  });
});
