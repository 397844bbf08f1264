import { answerProblems } from './support/answer-checks';
import type { RawAnswer } from './support/raw-http';

/** The fuzzer's verdict on one answer (a unit test; named e2e-spec because jest collects test/ that way). */
describe('what the fuzzer counts as a bad answer (the checks themselves work)', () => {
  const envelope = {
    name: 'Not Found',
    message: 'No.',
    code: 0,
    status: 404,
    type: 'not_found_http_exception',
    requestId: 'r',
  };
  const answer = (
    status: number,
    body: unknown,
    headers: RawAnswer['headers'] = { 'x-content-type-options': 'nosniff' },
  ) => ({
    status,
    headers,
    text: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('accepts a refusal in the envelope with the security headers', () => {
    expect(answerProblems(answer(404, envelope), [200], false)).toEqual([]);
  });

  it('accepts a documented 2xx only for a request that may be valid', () => {
    expect(answerProblems(answer(200, { ok: true }), [200], true)).toEqual([]);
    expect(answerProblems(answer(200, { ok: true }), [200], false)).toEqual([
      'answered 200 to a request it must refuse',
    ]);
    expect(answerProblems(answer(201, { ok: true }), [200], true)).toEqual([
      'answered 201 to a request it must refuse',
    ]);
  });

  it.each<[string, RawAnswer, RegExp]>([
    ['a 5xx', answer(500, { ...envelope, status: 500 }), /answered 500/],
    ['no security headers', answer(404, envelope, {}), /no security headers/],
    ['a body that is not JSON', answer(400, 'Bad Request'), /not JSON/],
    ['a wrong code', answer(404, { ...envelope, code: 404 }), /envelope code/],
    ['a status that differs from the answer', answer(404, { ...envelope, status: 400 }), /envelope status/],
    [
      "Fastify's own error body",
      answer(400, { error: 'Bad Request', message: 'x', statusCode: 400 }),
      /extra fields/,
    ],
    [
      'a stack trace',
      answer(404, { ...envelope, message: 'at Foo.bar (/app/dist/x.js:1:2)' }),
      /stack frame/,
    ],
    [
      'a database message',
      answer(404, { ...envelope, message: 'invalid input syntax for type uuid' }),
      /SQL error/,
    ],
    [
      'an ORM message',
      answer(404, { ...envelope, message: 'Invalid `prisma.customer.findMany()` invocation' }),
      /ORM/,
    ],
  ])('flags %s', (_label, bad, problem) => {
    expect(answerProblems(bad, [200], false).join('; ')).toMatch(problem);
  });
});
