import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockedReason, embeddedIPv4 } from '../../src/outbound/address-policy.ts';

const octet = fc.integer({ min: 0, max: 255 });
const hex = (a: number, b: number) => ((a << 8) | b).toString(16);

describe('address policy', () => {
  it('judges every IPv4-mapped, IPv4-compatible and NAT64 form like the IPv4 address itself', () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (o) => {
        const v4 = o.join('.');
        const expected = blockedReason(v4);
        expect(blockedReason(`::ffff:${v4}`)).toBe(expected);
        expect(blockedReason(`::ffff:${hex(o[0], o[1])}:${hex(o[2], o[3])}`)).toBe(expected);
        expect(blockedReason(`64:ff9b::${v4}`)).toBe(expected);
      }),
    );
  });

  it('refuses every address of 10/8, 127/8, 172.16/12, 192.168/16 and 169.254/16', () => {
    fc.assert(
      fc.property(octet, octet, octet, (b, c, d) => {
        expect(blockedReason(`10.${b}.${c}.${d}`)).toBe('private');
        expect(blockedReason(`127.${b}.${c}.${d}`)).toBe('loopback');
        expect(blockedReason(`172.${16 + (b % 16)}.${c}.${d}`)).toBe('private');
        expect(blockedReason(`192.168.${c}.${d}`)).toBe('private');
        expect(blockedReason(`169.254.${c}.${d}`)).toBe(c === 169 && d === 254 ? 'metadata' : 'link-local');
      }),
    );
  });

  it('accepts ordinary public addresses', () => {
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '2606:4700:4700::1111',
      '2a00:1450:4007:80f::200e',
    ]) {
      expect(blockedReason(address), address).toBeUndefined();
    }
  });

  it('names the reason for the special IPv6 ranges', () => {
    expect(blockedReason('::1')).toBe('loopback');
    expect(blockedReason('::')).toBe('unspecified');
    expect(blockedReason('fd00:ec2::254')).toBe('metadata');
    expect(blockedReason('fc00::1')).toBe('unique-local');
    expect(blockedReason('fe80::1%eth0')).toBe('link-local');
    expect(blockedReason('ff02::1')).toBe('multicast');
    expect(blockedReason('2002:0a00:0001::1')).toBe('private'); // 6to4 of 10.0.0.1
  });

  it('treats anything that is not an IP address as refused', () => {
    expect(blockedReason('example.org')).toBe('reserved');
    expect(embeddedIPv4('2606:4700::1')).toBeUndefined();
  });
});
