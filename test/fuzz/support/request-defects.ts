import fc from 'fast-check';
import { hostileString, nearValidString, percentEncode } from './hostile-values';
import type { FuzzOperation } from './openapi-operations';

/** A request under construction: a JSON body (undefined: none) until it is serialised. */
export interface DraftRequest {
  params: Record<string, string>;
  /** Raw query string without `?`. */
  query: string;
  headers: Record<string, string | string[]>;
  json?: unknown;
  /** A body sent as is, instead of `json`. */
  rawBody?: string;
  defects: string[];
}

/** What a request needs that only the running gateway knows. */
export interface FuzzKeys {
  admin: string;
  customer: string;
  /** A well-formed key of a real key id, with the wrong secret. */
  wrongSecret: string;
  /** A customer that exists, for On-Behalf-Of. */
  customerId: string;
}

export type Defect = (draft: DraftRequest) => DraftRequest;

export const withDefect = (
  draft: DraftRequest,
  name: string,
  change: Partial<DraftRequest>,
): DraftRequest => ({
  ...draft,
  ...change,
  headers: { ...draft.headers, ...change.headers },
  defects: [...draft.defects, name],
});

const PLAN_NAME = /^[a-z0-9][a-z0-9_-]{0,49}$/;
/** An integer id a row may have (tariffs and purchases are PostgreSQL integers): it may exist. */
const mayExist = (value: string) => /^[1-9]\d*$/.test(value) && BigInt(value) <= 2_147_483_647n;

/** A path value that names nothing: malformed, out of range, traversing, or an id that does not exist. */
export function badPathValue(param: string): fc.Arbitrary<string> {
  const values = fc
    .oneof(
      hostileString.map(percentEncode),
      nearValidString.map(percentEncode),
      fc.constantFrom(
        '..',
        '..%2f..%2fadmin',
        '../../admin/customers',
        '%2e%2e',
        '%00',
        '-1',
        '0',
        '1.0',
        '1e3',
      ),
      fc.constantFrom('2147483648', '99999999999999999999', '%201', '0001x'),
      fc.uuid(),
    )
    .filter((value) => !mayExist(decodeURIComponent(value)));
  // A plan name is any slug: only a value outside the slug pattern is sure to be refused.
  return param === 'name' ? values.filter((value) => !PLAN_NAME.test(decodeURIComponent(value))) : values;
}

/** Defects of the body as bytes: malformed JSON, a type no parser takes, more than the body limit. */
export function bodyTransportDefects(op: FuzzOperation): fc.Arbitrary<Defect>[] {
  if (op.method === 'GET') return [];
  const malformed = fc.constantFrom(
    '{"tarif":',
    "{'a':1}",
    '[1,2',
    '{"a":1}}',
    '\u0000',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '{"a":"\\ud800"',
    'undefined',
  );
  return [
    malformed.map(
      (rawBody) => (d: DraftRequest) =>
        withDefect(d, 'malformed JSON', { rawBody, headers: { 'content-type': 'application/json' } }),
    ),
    fc
      .constantFrom('text/plain', 'application/xml', 'text/json', 'multipart/form-data; boundary=x')
      .map(
        (type) => (d: DraftRequest) =>
          withDefect(d, 'unsupported content type', { rawBody: 'a=1', headers: { 'content-type': type } }),
      ),
    fc.integer({ min: 70_000, max: 300_000 }).map(
      (size) => (d: DraftRequest) =>
        withDefect(d, 'body over the limit', {
          rawBody: JSON.stringify({ ...(d.json as object), padding: 'x'.repeat(size) }),
          headers: { 'content-type': 'application/json' },
        }),
    ),
  ];
}

/** Path parameters that name nothing. */
export function pathDefects(op: FuzzOperation): fc.Arbitrary<Defect>[] {
  return op.parameters
    .filter((param) => param.in === 'path')
    .map((param) =>
      badPathValue(param.name).map(
        (value) => (d: DraftRequest) =>
          withDefect(d, `bad path ${param.name}`, { params: { ...d.params, [param.name]: value } }),
      ),
    );
}

/** Header defects the gateway must refuse whatever the route: too large, a bad Idempotency-Key. */
export function headerDefects(op: FuzzOperation): fc.Arbitrary<Defect>[] {
  const defects: fc.Arbitrary<Defect>[] = [
    fc
      .integer({ min: 17_000, max: 64_000 })
      .map(
        (size) => (d: DraftRequest) =>
          withDefect(d, 'headers over the size limit', { headers: { 'x-fuzz-padding': 'h'.repeat(size) } }),
      ),
  ];
  if (op.parameters.some((param) => param.in === 'header' && param.name === 'Idempotency-Key')) {
    const bad = fc.oneof(
      // Not ' leading' or 'trailing ': HTTP parsers strip that whitespace, the key arrives valid.
      fc.constantFrom('', 'tab\tinside', 'k'.repeat(256), 'caf\u00e9', '\u00ff\u00fe'),
      fc.constant<string[]>(['one', 'two']),
    );
    defects.push(
      bad.map(
        (value) => (d: DraftRequest) =>
          withDefect(d, 'bad Idempotency-Key', { headers: { 'idempotency-key': value } }),
      ),
    );
  }
  return defects;
}
