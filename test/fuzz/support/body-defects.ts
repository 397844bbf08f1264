import fc from 'fast-check';
import { anyHostileValue, hostileNumber, hostileString, outOfRangeFor, wrongTypeFor } from './hostile-values';
import type { FuzzOperation, JsonSchema } from './openapi-operations';
import { Defect, DraftRequest, withDefect } from './request-defects';

type Json = Record<string, unknown>;

/** One change that makes an object invalid for its schema, named after the field it breaks. */
interface Mutation {
  name: string;
  apply: (value: Json) => Json;
}

const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** Bodies the operation's schema refuses: not an object, or one field broken at any depth. */
export function bodySchemaDefects(op: FuzzOperation): fc.Arbitrary<Defect>[] {
  if (!op.body) return [];
  const notAnObject = fc
    .oneof(hostileString, hostileNumber, fc.boolean(), fc.array(anyHostileValue, { maxLength: 3 }))
    .map((json) => (d: DraftRequest) => withDefect(d, 'body is not an object', { json }));
  const broken = mutations(op.body, '').map((mutation) =>
    mutation.map(
      ({ name, apply }) =>
        (d: DraftRequest) =>
          withDefect(d, name, { json: apply(asObject(d.json)) }),
    ),
  );
  return [notAnObject, ...broken];
}

/** Every way to break an object of this schema: unknown, missing, mistyped, out-of-range fields. */
function mutations(schema: JsonSchema, prefix: string): fc.Arbitrary<Mutation>[] {
  const known = schema.properties ?? {};
  const set = (name: string, key: string, value: unknown): Mutation => ({
    name: `${name} (${prefix}${key})`,
    apply: (object) => ({ ...object, [key]: value }),
  });
  const result: fc.Arbitrary<Mutation>[] = [
    fc
      .tuple(hostileString, anyHostileValue)
      .filter(([key]) => !Object.prototype.hasOwnProperty.call(known, key))
      .map(([key, value]) => set('unknown field', key.slice(0, 1000), value)),
  ];
  for (const key of schema.required ?? []) {
    result.push(
      fc.constant({
        name: `missing required ${prefix}${key}`,
        apply: ({ [key]: _gone, ...others }: Json) => others,
      }),
    );
  }
  for (const [key, property] of Object.entries(known)) {
    const wrong = wrongTypeFor(property);
    if (wrong) result.push(wrong.map((value) => set('wrong type', key, value)));
    const range = outOfRangeFor(property);
    if (range) result.push(range.map((value) => set('out of range', key, value)));
    if (property.enum) {
      const notInEnum = hostileString.filter((value) => !property.enum!.includes(value));
      result.push(notInEnum.map((value) => set('not in enum', key, value)));
    }
    if (property.properties) {
      // A nested object (the cart's tarif): break one of its own fields, keep it an object.
      for (const nested of mutations(property, `${prefix}${key}.`)) {
        result.push(
          nested.map(({ name, apply }) => ({
            name,
            apply: (object: Json) => ({ ...object, [key]: apply(asObject(object[key])) }),
          })),
        );
      }
    }
  }
  return result;
}
