import { jsonBodyProblem } from './json-body-shape';

const nested = (depth: number, asArray: boolean): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { a: value };
  return value;
};

describe('jsonBodyProblem', () => {
  it.each([true, false])('counts each level of objects or arrays (arrays: %p)', (asArray) => {
    expect(jsonBodyProblem(nested(3, asArray), 3)).toBeNull();
    expect(jsonBodyProblem(nested(4, asArray), 3)).toEqual({ kind: 'too_deep' });
  });

  it('accepts scalars and ordinary bodies', () => {
    expect(jsonBodyProblem('text')).toBeNull();
    expect(jsonBodyProblem(null)).toBeNull();
    expect(
      jsonBodyProblem({ tarif: { id: 1, quantity: 100 }, channel: 'x', phrases: ['toString'] }),
    ).toBeNull();
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(jsonBodyProblem({ flat: 1, deep: nested(10, false), list: [1, 2] }, 10)).toEqual({
      kind: 'too_deep',
    });
  });

  it('walks a very deep value without overflowing the stack', () => {
    expect(jsonBodyProblem(nested(200_000, true))).toEqual({ kind: 'too_deep' });
  });

  it.each(['toString', 'hasOwnProperty', 'constructor', 'prototype', 'valueOf', '__defineGetter__'])(
    'names a field called %s, at any depth',
    (key) => {
      expect(jsonBodyProblem({ [key]: 1 })).toEqual({ kind: 'reserved_key', path: key });
      expect(jsonBodyProblem({ tarif: { [key]: 1 } })).toEqual({
        kind: 'reserved_key',
        path: `tarif.${key}`,
      });
    },
  );
});

describe('NUL characters in a JSON body', () => {
  it.each([
    ['a string value', { channel: 'a\u0000b' }, 'channel'],
    ['a nested array item', { tarif: { tags: ['ok', '\u0000'] } }, 'tarif.tags.1'],
    ['a key', { ['x\u0000']: 1 }, 'x\u0000'],
    ['the whole body', 'a\u0000', '(body)'],
  ])('refuses one in %s', (_label, body, path) => {
    expect(jsonBodyProblem(body)).toEqual({ kind: 'nul_character', path });
  });

  it('lets other control characters and text through', () => {
    expect(jsonBodyProblem({ channel: 'tab\there, ünïcode, \\u0000 as text' })).toBeNull();
  });
});
