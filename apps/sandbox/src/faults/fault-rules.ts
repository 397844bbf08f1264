import type { FaultConfig, FaultRule } from './fault.types';

const FLAGS = ['timeout', 'resetBeforeRecord', 'resetAfterRecord', 'malformedJson'] as const;
const KNOWN_KEYS = new Set(['method', 'path', 'times', 'latencyMs', 'errorRate', ...FLAGS]);

/** Checks an untrusted fault configuration; returns the rules or a list of problems. */
export function parseFaultConfig(input: unknown): { rules: FaultRule[] } | { problems: string[] } {
  const list = Array.isArray(input) ? input : [input];
  const problems = list.flatMap((rule, index) => ruleProblems(rule, list.length > 1 ? `[${index}]` : ''));
  return problems.length ? { problems } : { rules: list as FaultRule[] };
}

function ruleProblems(rule: unknown, at: string): string[] {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return [`fault${at} must be an object`];
  const r = rule as Record<string, unknown>;
  const problems = Object.keys(r)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => `fault${at}.${key} is not a known fault setting`);
  const isCount = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
  if (r.method !== undefined && (typeof r.method !== 'string' || !/^[A-Za-z]+$/.test(r.method))) {
    problems.push(`fault${at}.method must be an HTTP method`);
  }
  if (r.path !== undefined && (typeof r.path !== 'string' || !r.path.startsWith('/'))) {
    problems.push(`fault${at}.path must be a path pattern starting with "/"`);
  }
  if (r.times !== undefined && !isCount(r.times, 1))
    problems.push(`fault${at}.times must be an integer >= 1`);
  if (r.latencyMs !== undefined && !isCount(r.latencyMs, 0)) {
    problems.push(`fault${at}.latencyMs must be an integer >= 0`);
  }
  for (const flag of FLAGS) {
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean')
      problems.push(`fault${at}.${flag} must be a boolean`);
  }
  if (r.errorRate !== undefined) problems.push(...errorRateProblems(r.errorRate, `fault${at}.errorRate`));
  return problems;
}

function errorRateProblems(rates: unknown, at: string): string[] {
  if (!rates || typeof rates !== 'object' || Array.isArray(rates)) return [`${at} must be an object`];
  const problems: string[] = [];
  let total = 0;
  for (const [status, probability] of Object.entries(rates)) {
    if (!/^[1-5]\d\d$/.test(status) || Number(status) < 400)
      problems.push(`${at} key "${status}" must be a 4xx/5xx`);
    if (typeof probability !== 'number' || probability < 0 || probability > 1) {
      problems.push(`${at}["${status}"] must be a probability between 0 and 1`);
    } else total += probability;
  }
  if (total > 1 + 1e-9) problems.push(`${at} probabilities must sum to at most 1`);
  return problems;
}

export function ruleMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return !rule.path || pathPattern(rule.path).test(path);
}

function pathPattern(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*|:[A-Za-z_]\w*)/)
    .map((part) => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** Flattens a config to a list (the form kept in the fault store). */
export function faultList(config: FaultConfig | undefined): FaultRule[] {
  if (!config) return [];
  return Array.isArray(config) ? config : [config];
}
