import fc from 'fast-check';
import { hostileString } from './hostile-values';
import type { FuzzOperation } from './openapi-operations';
import { Defect, DraftRequest, FuzzKeys, withDefect } from './request-defects';

const wrongKey = (keys: FuzzKeys) =>
  fc.oneof(
    fc.constant(keys.wrongSecret),
    fc.constant(`${keys.customer}x`),
    fc.constant(keys.customer.slice(0, -1)),
    fc.constant(`ssg_${'a'.repeat(12)}_${'b'.repeat(43)}`),
    hostileString.map((text) =>
      Buffer.from(text.slice(0, 4000))
        .toString('latin1')
        .replace(/[\r\n]/g, ''),
    ),
  );

/** The defects every authenticated operation can get: no key, a wrong key, a key of the wrong kind. */
export function authDefects(op: FuzzOperation, keys: FuzzKeys): fc.Arbitrary<Defect>[] {
  if (op.kind === 'public') return [];
  const otherKind = op.kind === 'admin' ? keys.customer : keys.admin;
  return [
    fc.constant((d: DraftRequest) => withDefect(d, 'no key', { headers: { authorization: [] } })),
    wrongKey(keys).map(
      (key) => (d: DraftRequest) =>
        withDefect(d, 'wrong key', { headers: { authorization: `Bearer ${key}` } }),
    ),
    fc
      .constantFrom('Basic', 'Token', '', 'Bearer:')
      .map(
        (scheme) => (d: DraftRequest) =>
          withDefect(d, 'bad scheme', { headers: { authorization: `${scheme} ${keys.customer}`.trim() } }),
      ),
    fc.constant((d: DraftRequest) =>
      withDefect(d, 'key of the other kind', { headers: { authorization: `Bearer ${otherKind}` } }),
    ),
    ...(op.kind === 'customer' ? [onBehalfOfDefect(keys)] : []),
  ];
}

/** A customer key naming a customer, or an admin key naming one that does not exist. */
function onBehalfOfDefect(keys: FuzzKeys): fc.Arbitrary<Defect> {
  const asCustomer = fc.constant((d: DraftRequest) =>
    withDefect(d, 'customer key with On-Behalf-Of', { headers: { 'on-behalf-of': keys.customerId } }),
  );
  const badCustomer = fc.oneof(
    hostileString.map((text) =>
      Buffer.from(text.slice(0, 4000))
        .toString('latin1')
        .replace(/[\r\n]/g, ''),
    ),
    fc.uuid(),
    fc.constant<string[]>([keys.customerId, keys.customerId]),
    fc.constant(''),
  );
  const asAdmin = badCustomer.map(
    (value) => (d: DraftRequest) =>
      withDefect(d, 'admin key with a bad On-Behalf-Of', {
        headers: { authorization: `Bearer ${keys.admin}`, 'on-behalf-of': value },
      }),
  );
  return fc.oneof(asCustomer, asAdmin);
}
