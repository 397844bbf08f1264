/** Child process: the StreamSkill sandbox, with no rate limit and a balance no benchmark can spend. */
import { startSandbox } from '@app/sandbox/sandbox';
import { serveChild } from './child-protocol';
import { SANDBOX_TOKEN } from './sandbox-token';

serveChild(async () => {
  const sandbox = await startSandbox({
    port: 0,
    token: SANDBOX_TOKEN,
    rateLimit: false,
    balance: '1000000000.00',
    statusStepMs: 3_600_000,
  });
  return { url: sandbox.url, close: () => sandbox.close() };
});
