import type { RawAnswer } from './raw-http';

/** What a stack trace, a driver or an ORM puts in a message; none of it may reach a caller. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:[\w$.<>]+ \()?(?:\/|node:|file:)[^\s)]*:\d+:\d+/],
  ['a source path', /node_modules|\/work\/|[\w-]+\.(ts|js):\d+/],
  ['an ORM or driver message', /prisma|invocation|PrismaClient|ECONNREFUSED|pg_|violates .* constraint/i],
  ['a JavaScript error', /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|Cannot read propert/],
  ['a SQL error', /syntax error at or near|invalid input syntax for type|out of range for type/],
];

/** Everything wrong with one answer; `mayBeValid`: a 2xx is fine when the operation documents it. */
export function answerProblems(answer: RawAnswer, documented: number[], mayBeValid: boolean): string[] {
  const problems: string[] = [];
  const { status } = answer;
  if (status >= 500) problems.push(`answered ${status}`);
  else if (status < 400 && !(mayBeValid && documented.includes(status))) {
    problems.push(`answered ${status} to a request it must refuse`);
  }
  if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no security headers');
  for (const [what, pattern] of LEAKS) {
    if (pattern.test(answer.text)) problems.push(`leaks ${what}: ${answer.text.slice(0, 300)}`);
  }
  if (status >= 400) problems.push(...envelopeProblems(answer));
  return problems;
}

/** DESIGN.md: `{"name","message","code":0,"status","type","errors"?,"requestId"}`. */
export function envelopeProblems(answer: RawAnswer): string[] {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [`${answer.status} is not JSON: ${answer.text.slice(0, 200)}`];
  }
  const expected = { code: 0, status: answer.status };
  const problems = Object.entries(expected)
    .filter(([field, value]) => body[field] !== value)
    .map(([field]) => `envelope ${field} is ${JSON.stringify(body[field])}`);
  for (const field of ['name', 'message', 'type', 'requestId']) {
    if (typeof body[field] !== 'string') problems.push(`envelope has no string ${field}`);
  }
  const allowed = new Set(['name', 'message', 'code', 'status', 'type', 'errors', 'requestId']);
  const extra = Object.keys(body).filter((field) => !allowed.has(field));
  if (extra.length) problems.push(`envelope has extra fields ${extra.join(', ')}`);
  if (body.errors !== undefined && (typeof body.errors !== 'object' || body.errors === null)) {
    problems.push('envelope errors is not an object');
  }
  return problems;
}
