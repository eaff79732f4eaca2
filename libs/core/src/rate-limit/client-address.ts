import { isIP } from 'node:net';

/**
 * The client's address as the API sees it: the connection's, or the one a trusted proxy forwarded
 * (`TRUSTED_PROXIES`, which Express applies to `req.ip`). An IPv4 client of a dual-stack socket
 * arrives as `::ffff:a.b.c.d`; it is the IPv4 address.
 */
export function clientAddress(ip: string | undefined | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  return ip.toLowerCase();
}

/**
 * What the per-address limits count against: an IPv4 address as it is, an IPv6 address by its
 * /64 network, since one subscriber usually holds a whole /64 and could otherwise take a fresh
 * address for every attempt.
 */
export function addressBucket(ip: string | undefined | null): string {
  const address = clientAddress(ip);
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, each as 1 to 4 hexadecimal digits without leading zeros. */
function expandIpv6(address: string): string[] | null {
  let text = address.split('%')[0];
  // A trailing dotted IPv4 part (64:ff9b::1.2.3.4) is two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16).toString(16));
}
