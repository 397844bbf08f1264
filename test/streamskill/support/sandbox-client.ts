import { Logger } from '@nestjs/common';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { startSandbox, type SandboxOptions } from '@app/sandbox/sandbox';
import { StreamSkillClient, type StreamSkillClientOptions } from '@app/streamskill';

export interface SandboxWithClient {
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  control: SandboxControl;
  client: StreamSkillClient;
  clientFor(options: Partial<StreamSkillClientOptions>): StreamSkillClient;
  close(): Promise<void>;
}

/**
 * A sandbox and a StreamSkillClient pointed at it. Statuses do not advance on their own and the
 * rate limit is off unless a test asks, so outcomes do not depend on how fast the suite runs.
 */
export async function sandboxWithClient(options: Partial<SandboxOptions> = {}): Promise<SandboxWithClient> {
  Logger.overrideLogger(false);
  const sandbox = await startSandbox({ rateLimit: false, statusStepMs: 3_600_000, ...options });
  const clients: StreamSkillClient[] = [];
  const clientFor = (overrides: Partial<StreamSkillClientOptions>) => {
    const client = new StreamSkillClient({ baseUrl: sandbox.url, token: sandbox.token, ...overrides });
    clients.push(client);
    return client;
  };
  return {
    sandbox,
    control: new SandboxControl(sandbox),
    client: clientFor({}),
    clientFor,
    close: async () => {
      clients.forEach((client) => client.close());
      await sandbox.close();
    },
  };
}
