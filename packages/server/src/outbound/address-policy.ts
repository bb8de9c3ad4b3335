/**
 * Which IP addresses Vigie may connect to. Anything that reaches the host itself, its private
 * network or a cloud metadata service is refused: loopback, private, shared (CGNAT), link-local,
 * unique-local, multicast, reserved and documentation ranges. IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the embedded address, so
 * `::ffff:127.0.0.1` is loopback too.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type BlockReason =
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved';

// Order matters: the first matching rule names the reason (metadata before link-local).
const IPV4_RULES: ReadonlyArray<readonly [string, number, BlockReason]> = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, OpenStack, DigitalOcean
  ['100.100.100.200', 32, 'metadata'], // Alibaba Cloud
  ['192.0.0.192', 32, 'metadata'], // Oracle Cloud
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const IPV6_RULES: ReadonlyArray<readonly [string, number, BlockReason]> = [
  ['fd00:ec2::254', 128, 'metadata'], // AWS IMDS over IPv6
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'], // discard prefix
  ['2001:db8::', 32, 'reserved'], // documentation
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
];

function buildLists(rules: ReadonlyArray<readonly [string, number, BlockReason]>, family: 'ipv4' | 'ipv6') {
  return rules.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, reason };
  });
}
const ipv4Lists = buildLists(IPV4_RULES, 'ipv4');
const ipv6Lists = buildLists(IPV6_RULES, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (with an optional trailing dotted IPv4 part). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0] as string; // drop a zone id
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = (dotted[1] as string).split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const v4From = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** The IPv4 address an IPv6 address stands for, if it is one of the embedding forms. */
export function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g.length !== 8) return undefined;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(5) && g[5] === 0xffff) return v4From(g[6]!, g[7]!); // ::ffff:a.b.c.d (mapped)
  if (zeroUpTo(6) && (g[6]! !== 0 || g[7]! > 1)) return v4From(g[6]!, g[7]!); // ::a.b.c.d (compatible)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4From(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return v4From(g[1]!, g[2]!); // 6to4
  return undefined;
}

/** Why connecting to this address is refused, or `undefined` when it is a public address. */
export function blockedReason(address: string): BlockReason | undefined {
  if (isIPv4(address)) return ipv4Lists.find(({ list }) => list.check(address, 'ipv4'))?.reason;
  if (isIPv6(address)) {
    const v4 = embeddedIPv4(address);
    if (v4 !== undefined) return blockedReason(v4);
    const plain = address.split('%')[0] as string;
    return ipv6Lists.find(({ list }) => list.check(plain, 'ipv6'))?.reason;
  }
  return 'reserved'; // not an IP address at all: never connect
}
