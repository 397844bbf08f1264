import { InvalidSandboxOptionError, resolveSandboxOptions, type SandboxOptions } from '../sandbox-options';

/** The environment variable behind each option, to name it in error messages. */
export const ENV_NAMES: Record<keyof SandboxOptions, string> = {
  port: 'SANDBOX_PORT',
  host: 'SANDBOX_HOST',
  token: 'SANDBOX_TOKEN',
  balance: 'SANDBOX_BALANCE',
  currency: 'SANDBOX_CURRENCY',
  rateLimit: 'SANDBOX_RATE_LIMIT',
  statusStepMs: 'SANDBOX_STATUS_STEP_MS',
  firstPurchaseId: 'SANDBOX_FIRST_PURCHASE_ID',
  faults: 'SANDBOX_FAULTS',
  logLevel: 'SANDBOX_LOG_LEVEL',
};

export class InvalidEnvironmentError extends Error {}

/** Standalone settings: SANDBOX_* variables over the standalone defaults (port 4010, info logs). */
export function optionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const fail = (setting: keyof SandboxOptions, problem: string): never => {
    throw new InvalidEnvironmentError(`Invalid ${ENV_NAMES[setting]}: ${problem}`);
  };
  const integer = (setting: keyof SandboxOptions, raw: string | undefined): number | undefined => {
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d+$/.test(raw)) fail(setting, `"${raw}" is not a whole number`);
    return Number(raw);
  };
  const partial: Partial<SandboxOptions> = {
    port: integer('port', env.SANDBOX_PORT) ?? 4010,
    host: env.SANDBOX_HOST || undefined,
    token: env.SANDBOX_TOKEN || undefined,
    balance: env.SANDBOX_BALANCE || undefined,
    currency: (env.SANDBOX_CURRENCY || undefined) as SandboxOptions['currency'] | undefined,
    rateLimit: parseRateLimit(env.SANDBOX_RATE_LIMIT, (problem) => fail('rateLimit', problem)),
    statusStepMs: integer('statusStepMs', env.SANDBOX_STATUS_STEP_MS),
    firstPurchaseId: integer('firstPurchaseId', env.SANDBOX_FIRST_PURCHASE_ID),
    faults: parseJson(env.SANDBOX_FAULTS, (problem) => fail('faults', problem)),
    logLevel: env.SANDBOX_LOG_LEVEL || 'info',
  };
  try {
    return resolveSandboxOptions(partial);
  } catch (error) {
    if (error instanceof InvalidSandboxOptionError) {
      return fail(error.setting as keyof SandboxOptions, error.message.slice(error.setting.length + 1));
    }
    throw error;
  }
}

/** "30:2" (burst:perSecond) or "off". */
function parseRateLimit(
  raw: string | undefined,
  fail: (problem: string) => never,
): SandboxOptions['rateLimit'] | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim().toLowerCase() === 'off') return false;
  const match = /^\s*(\d+)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(raw);
  if (!match) return fail(`"${raw}" must look like "30:2" (burst:perSecond) or "off"`);
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

function parseJson(raw: string | undefined, fail: (problem: string) => never): SandboxOptions['faults'] {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as SandboxOptions['faults'];
  } catch {
    return fail('is not valid JSON');
  }
}
