import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it('keeps a sane incoming id', () => {
    expect(resolveRequestId('req-42_a.b:c')).toBe('req-42_a.b:c');
    expect(resolveRequestId('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a newline', 'a\nb'],
    ['repeated header', ['a', 'b']],
  ])('generates a UUID when the incoming id is %s', (_label, incoming) => {
    expect(resolveRequestId(incoming)).toMatch(UUID);
  });
});
