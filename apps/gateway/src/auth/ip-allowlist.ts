import { BlockList, isIP } from 'node:net';

/** A key's CIDR allowlist; an empty list allows every address. */
export class IpAllowlist {
  private readonly blocks = new BlockList();
  readonly isOpen: boolean;

  constructor(cidrs: string[]) {
    this.isOpen = cidrs.length === 0;
    for (const cidr of cidrs) {
      const [address, bits] = cidr.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.blocks.addAddress(address, family);
      else this.blocks.addSubnet(address, Number(bits), family);
    }
  }

  allows(ip: string | undefined): boolean {
    if (this.isOpen) return true;
    if (!ip) return false;
    const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    return isIP(address) !== 0 && this.blocks.check(address, family);
  }
}

/** For validation: `10.0.0.0/8`, `192.168.1.7`, `2001:db8::/32`. */
export function isValidCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
