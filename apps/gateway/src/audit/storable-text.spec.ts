import { storableJson, storableText } from './storable-text';

describe('storableText', () => {
  it('replaces NUL characters and lone surrogates, and leaves other text alone', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    expect(storableText('ünïcode 👩‍👩‍👧 tab\t')).toBe('ünïcode 👩‍👩‍👧 tab\t');
  });

  it('cleans every string and key of a JSON value, at any depth', () => {
    expect(storableJson({ 'k\u0000': ['v\u0000', { n: 1, s: '\uD800' }], ok: null })).toEqual({
      'k\uFFFD': ['v\uFFFD', { n: 1, s: '\uFFFD' }],
      ok: null,
    });
  });
});
