import Decimal from 'decimal.js';
import { parseFaultConfig } from './faults/fault-rules';
import type { FaultConfig } from './faults/fault.types';
import type { BucketLimits } from './rate-limit/token-bucket';

export type { FaultConfig, FaultRule } from './faults/fault.types';

export interface SandboxOptions {
  /** 0 = a random free port. */
  port: number;
  host: string;
  /** The one bearer token the sandbox accepts. */
  token: string;
  /** Starting account balance, a decimal string. */
  balance: string;
  currency: 'usd' | 'rub';
  /** StreamSkill's token bucket per token, or false for no limit. */
  rateLimit: BucketLimits | false;
  /** How long each automatic status step (created -> working -> completed) takes. */
  statusStepMs: number;
  /** Id of the first recorded purchase: sandboxes writing into one gateway database need disjoint ids. */
  firstPurchaseId: number;
  faults?: FaultConfig;
  /** pino level; 'silent' (the default) logs nothing. */
  logLevel?: string;
}

export const DEFAULT_SANDBOX_OPTIONS: SandboxOptions = {
  port: 0,
  host: '127.0.0.1',
  token: 'sandbox-token',
  balance: '100000.00',
  currency: 'usd',
  rateLimit: { burst: 30, perSecond: 2 },
  statusStepMs: 5000,
  firstPurchaseId: 1,
  logLevel: 'silent',
};

/** Purchase ids are 32-bit integers in StreamSkill's clients (and the gateway's `upstream_id`): leave room. */
export const MAX_FIRST_PURCHASE_ID = 2_000_000_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class InvalidSandboxOptionError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting} ${problem}`);
  }
}

/** Fills in defaults and checks every option, throwing an error that names the first bad setting. */
export function resolveSandboxOptions(partial: Partial<SandboxOptions> = {}): SandboxOptions {
  const options: SandboxOptions = { ...DEFAULT_SANDBOX_OPTIONS, ...stripUndefined(partial) };
  const fail = (setting: string, problem: string) => {
    throw new InvalidSandboxOptionError(setting, problem);
  };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    fail('port', 'must be an integer between 0 and 65535');
  }
  if (!options.host) fail('host', 'must not be empty');
  if (!options.token || /\s/.test(options.token)) fail('token', 'must be a non-empty string without spaces');
  if (!isNonNegativeDecimal(options.balance))
    fail('balance', 'must be a non-negative decimal, e.g. "100000.00"');
  if (options.currency !== 'usd' && options.currency !== 'rub') fail('currency', 'must be "usd" or "rub"');
  const limit = options.rateLimit;
  if (
    limit !== false &&
    !(limit && Number.isInteger(limit.burst) && limit.burst >= 1 && limit.perSecond > 0)
  ) {
    fail('rateLimit', 'must be false or {burst: integer >= 1, perSecond: number > 0}');
  }
  if (!Number.isInteger(options.statusStepMs) || options.statusStepMs < 0) {
    fail('statusStepMs', 'must be an integer >= 0');
  }
  if (
    !Number.isInteger(options.firstPurchaseId) ||
    options.firstPurchaseId < 1 ||
    options.firstPurchaseId > MAX_FIRST_PURCHASE_ID
  ) {
    fail('firstPurchaseId', `must be an integer between 1 and ${MAX_FIRST_PURCHASE_ID}`);
  }
  if (options.faults !== undefined) {
    const parsed = parseFaultConfig(options.faults);
    if ('problems' in parsed) fail('faults', parsed.problems.join('; '));
  }
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel)) {
    fail('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return options;
}

export function isNonNegativeDecimal(value: unknown): value is string {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) && new Decimal(value).gte(0);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
