import fc from 'fast-check';
import { anyHostileValue, hostileString, nearValidString, percentEncode } from './hostile-values';
import type { FuzzOperation, JsonSchema } from './openapi-operations';
import { bodySchemaDefects } from './body-defects';
import type { RawRequest } from './raw-http';
import { authDefects } from './auth-defects';
import {
  bodyTransportDefects,
  Defect,
  DraftRequest,
  FuzzKeys,
  headerDefects,
  pathDefects,
} from './request-defects';

export interface HostileRequest extends RawRequest {
  /** Why the gateway must refuse it; empty only for reads, which may succeed. */
  defects: string[];
}

/** Header values as bytes the HTTP client accepts: a UTF-8 string is sent as its raw bytes. */
const asHeaderValue = (text: string) =>
  Buffer.from(text)
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/**
 * Hostile requests for one operation. A write always carries at least one defect that no valid
 * request has (see request-defects.ts), so any 2xx to it is a bug; a read may carry none.
 */
export function hostileRequests(
  op: FuzzOperation,
  keys: FuzzKeys,
  validParams: Record<string, string>,
): fc.Arbitrary<HostileRequest> {
  // One auth defect at most: two could cancel out (an admin key, then a valid On-Behalf-Of).
  const auth = authDefects(op, keys);
  const others = [...bodyTransportDefects(op), ...bodySchemaDefects(op), ...pathDefects(op)];
  // Header defects come first only: as a second defect, a 431 would hide the first one.
  const first = fc.oneof(...auth, ...others, ...headerDefects(op));
  const second = others.length ? fc.option(fc.oneof(...others), { nil: undefined }) : fc.constant(undefined);
  const pair = fc.tuple(first, second).map((applied): Defect[] => applied.filter(isDefect));
  const defects = op.method === 'GET' ? fc.oneof(pair, fc.constant<Defect[]>([])) : pair;
  return fc
    .record({ noise: noiseFor(op), json: op.body ? bodyFor(op.body) : fc.constant(undefined), defects })
    .map(({ noise, json, defects: applied }) => {
      const base: DraftRequest = {
        params: { ...validParams },
        query: noise.query,
        headers: {
          authorization: `Bearer ${op.kind === 'admin' ? keys.admin : keys.customer}`,
          ...noise.headers,
        },
        json,
        defects: [],
      };
      return toRequest(
        op,
        applied.reduce((draft, defect) => defect(draft), base),
      );
    });
}

const isDefect = (defect: Defect | undefined): defect is Defect => defect !== undefined;

/** A body of the schema's properties with odd but often plausible values; defects make it invalid. */
function bodyFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const plausible = property.enum ? fc.constantFrom(...property.enum) : fc.constant(property.example);
    return [key, fc.oneof(plausible, anyHostileValue)] as const;
  });
  return fc.record(Object.fromEntries(entries), { requiredKeys: schema.required ?? [] });
}

/** Odd but harmless query parameters and headers: they never fix a defect nor make one. */
function noiseFor(op: FuzzOperation) {
  const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  // Short enough to stay under Node's 16 KB header limit: the request must reach the gateway itself.
  const shortText = hostileString.map((text) => percentEncode(text.slice(0, 300)));
  const queryValue = fc.oneof(shortText, nearValidString.map(percentEncode));
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...queryNames, 'unknown', 'expand', 'limit'), shortText),
    queryValue,
  );
  const headers = fc.record(
    {
      'accept-language': fc.oneof(
        hostileString.map((text) => asHeaderValue(text.slice(0, 500))),
        fc.constantFrom('ru', 'de;q=0.1', '*'),
      ),
      'x-request-id': fc.oneof(
        hostileString.map((text) => asHeaderValue(text.slice(0, 500))),
        fc.constant<string[]>(['a', 'b']),
      ),
      accept: fc.constantFrom('text/html', '*/*', 'application/xml'),
    } as Record<string, fc.Arbitrary<string | string[]>>,
    { requiredKeys: [] },
  );
  return fc.record({
    query: fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    headers,
  });
}

function toRequest(op: FuzzOperation, draft: DraftRequest): HostileRequest {
  const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => draft.params[name] ?? '1');
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(draft.headers)) {
    if (Array.isArray(value) && value.length === 0) continue;
    headers[name] = Array.isArray(value) ? value.map(asHeaderValue) : asHeaderValue(value);
  }
  const body = draft.rawBody ?? (draft.json === undefined ? undefined : JSON.stringify(draft.json));
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  return {
    method: op.method,
    path: draft.query ? `${path}?${draft.query}` : path,
    headers,
    body,
    defects: draft.defects,
  };
}
