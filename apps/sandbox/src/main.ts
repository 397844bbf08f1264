import { InvalidEnvironmentError, optionsFromEnv } from './config/env-options';
import { startSandbox } from './sandbox';

/** Standalone StreamSkill sandbox: configured by SANDBOX_* variables (see apps/sandbox/README.md). */
async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const sandbox = await startSandbox(options);
  process.stdout.write(
    `StreamSkill sandbox listening on ${sandbox.url} (token: ${sandbox.token}; control: ${sandbox.origin}/__sandbox)\n`,
  );
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal} received, closing the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
