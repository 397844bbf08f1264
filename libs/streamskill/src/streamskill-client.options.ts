import type { Language } from './streamskill.types';
import type { UpstreamBudget, UpstreamPriority } from './upstream-budget';

export interface StreamSkillClientOptions {
  /** E.g. https://api.streamskill.pro/v1 (the version prefix included). */
  baseUrl: string;
  /** The master token. Kept inside the client; never logged or put on an error. */
  token: string;
  /** Accept-Language sent when a call does not choose one. Default 'en'. */
  language?: Language;
  /** Deadline for GET calls. Default 10 000 ms. */
  readTimeoutMs?: number;
  /** Deadline for POST calls; longer because a write cut short is ambiguous. Default 30 000 ms. */
  writeTimeoutMs?: number;
  /** Deadline for probe(). Default 2 000 ms. */
  probeTimeoutMs?: number;
  userAgent?: string;
  /** Upper bound on open sockets to StreamSkill. Default 32. */
  maxSockets?: number;
  /** Asked for a token before every upstream request (not probe()); none = no budget. */
  budget?: UpstreamBudget;
  /** How long an interactive call waits for a budget token. Default 2 000 ms. */
  budgetWaitMs?: number;
  /** How long a background call waits for a budget token. Default 30 000 ms. */
  backgroundBudgetWaitMs?: number;
}

export type ResolvedStreamSkillClientOptions = Required<Omit<StreamSkillClientOptions, 'budget'>> &
  Pick<StreamSkillClientOptions, 'budget'>;

/** Per-call options shared by every endpoint method. */
export interface StreamSkillCallOptions {
  language?: Language;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Who waits for the outbound budget first. Default 'interactive'; background jobs pass 'background'. */
  priority?: UpstreamPriority;
  /** Overrides the client's budget wait for this call. */
  budgetWaitMs?: number;
}

export interface StreamSkillReadOptions<X extends string = string> extends StreamSkillCallOptions {
  expand?: readonly X[];
}

export const STREAMSKILL_CLIENT_OPTIONS = Symbol('STREAMSKILL_CLIENT_OPTIONS');

export const STREAMSKILL_DEFAULTS = {
  language: 'en',
  readTimeoutMs: 10_000,
  writeTimeoutMs: 30_000,
  probeTimeoutMs: 2_000,
  userAgent: 'streamskill-gateway',
  maxSockets: 32,
  budgetWaitMs: 2_000,
  backgroundBudgetWaitMs: 30_000,
} as const satisfies Partial<StreamSkillClientOptions>;

export function resolveClientOptions(options: StreamSkillClientOptions): ResolvedStreamSkillClientOptions {
  if (!options.token) throw new Error('StreamSkill client: token is required');
  const baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
  const resolved = { ...STREAMSKILL_DEFAULTS, ...withoutUndefined(options), baseUrl, token: options.token };
  for (const key of ['readTimeoutMs', 'writeTimeoutMs', 'probeTimeoutMs', 'maxSockets'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] <= 0) {
      throw new Error(`StreamSkill client: ${key} must be a positive integer`);
    }
  }
  for (const key of ['budgetWaitMs', 'backgroundBudgetWaitMs'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 0) {
      throw new Error(`StreamSkill client: ${key} must be a non-negative integer`);
    }
  }
  return resolved;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
