import { IpAllowlist, isValidCidr } from './ip-allowlist';

describe('IpAllowlist', () => {
  it('allows everyone when empty', () => {
    expect(new IpAllowlist([]).allows('203.0.113.9')).toBe(true);
  });

  it('allows addresses inside a subnet or equal to a single address', () => {
    const list = new IpAllowlist(['10.1.0.0/16', '192.0.2.7', '2001:db8::/32']);
    expect(list.allows('10.1.200.3')).toBe(true);
    expect(list.allows('192.0.2.7')).toBe(true);
    expect(list.allows('2001:db8::1')).toBe(true);
    expect(list.allows('::ffff:10.1.2.3')).toBe(true);
    expect(list.allows('10.2.0.1')).toBe(false);
    expect(list.allows('192.0.2.8')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('not-an-ip')).toBe(false);
  });

  it.each([
    ['10.0.0.0/8', true],
    ['127.0.0.1', true],
    ['::1/128', true],
    ['10.0.0.0/33', false],
    ['10.0.0/8', false],
    ['host.example', false],
    ['10.0.0.0/8/1', false],
  ])('validates %p as %p', (cidr, valid) => expect(isValidCidr(cidr)).toBe(valid));
});
