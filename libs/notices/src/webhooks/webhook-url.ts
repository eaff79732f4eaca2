import { badInput } from '@app/core';
import { BlockList, isIP } from 'node:net';

/** The longest URL accepted: longer ones are typing errors or attempts to fill the table. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

// Addresses the worker must never be made to POST to (SSRF): the machine itself, its networks,
// and what is not an address of a host at all. IPv4-mapped and NAT64 IPv6 addresses are checked
// by the IPv4 address they carry (addressKind below).
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];
const PRIVATE_V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fe80::', 10], // link-local
  ['fc00::', 7], // unique-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard-only
];
const blocked = new BlockList();
for (const [net, prefix] of PRIVATE_V4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of PRIVATE_V6) blocked.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The IPv4 address an IPv6 one carries (`::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`), if it carries one. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether an IP address is private, loopback, link-local, unique-local, unspecified or otherwise not a public host's. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address: nothing to trust
  const v4 = embeddedV4(bare);
  if (v4) return blocked.check(v4, 'ipv4');
  return blocked.check(bare, 'ipv6');
}

/** Whether a host (a name or an address) is this machine: `localhost` or a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const family = isIP(bare);
  if (family === 4) return loopback.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(bare);
    return v4 ? loopback.check(v4, 'ipv4') : loopback.check(bare, 'ipv6');
  }
  return false;
}

/**
 * Checks a webhook URL as written, without the network: an absolute http(s) URL without
 * credentials; HTTPS, except `http:` to this machine outside production (tests, an integrator
 * trying it out locally); in production no private, loopback or otherwise internal host written as
 * an address or as `localhost`. Whether a name resolves to such an address is {@link checkResolved}'s.
 * Returns the URL, normalised.
 */
export function checkWebhookUrl(raw: string, options: { production: boolean }, field = 'url'): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    throw badInput(field, `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`, 'WEBHOOK_URL_INVALID');
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(field, 'The URL is not an absolute URL (https://host/path)', 'WEBHOOK_URL_INVALID');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput(field, `The URL's scheme ${url.protocol} is not https:`, 'WEBHOOK_URL_INVALID');
  }
  if (url.username || url.password) {
    throw badInput(field, 'The URL carries a user name or password: authenticate with the signature instead', 'WEBHOOK_URL_INVALID');
  }
  if (!url.hostname) throw badInput(field, 'The URL names no host', 'WEBHOOK_URL_INVALID');
  if (url.hash) throw badInput(field, 'The URL has a fragment (#…), which is never sent: remove it', 'WEBHOOK_URL_INVALID');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && (options.production || !isLoopbackHost(host))) {
    throw badInput(
      field,
      options.production ? 'The URL must be https://' : 'The URL must be https:// (http:// only to this machine, outside production)',
      'WEBHOOK_URL_NOT_HTTPS',
    );
  }
  if (options.production && (isLoopbackHost(host) || (isIP(host) !== 0 && isPrivateAddress(host)))) {
    throw badInput(field, `The URL's host ${host} is a private or internal address`, 'WEBHOOK_URL_PRIVATE');
  }
  return url;
}

/** A resolver of host names, as `dns.promises.lookup(host, { all: true })` answers. */
export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

/**
 * The address to connect to for a checked URL: in production every address its host resolves to
 * must be public (a name that resolves to an internal address is refused, at registration and at
 * each delivery, since DNS can change), and the connection is made to the address checked here,
 * never to a second answer of the resolver (DNS rebinding). Outside production, null: connect as
 * the system resolves.
 */
export async function checkResolved(
  url: URL,
  options: { production: boolean; lookup: HostLookup },
  field = 'url',
): Promise<{ address: string; family: number } | null> {
  if (!options.production) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (family !== 0) {
    if (isPrivateAddress(host)) throw badInput(field, `The URL's host ${host} is a private or internal address`, 'WEBHOOK_URL_PRIVATE');
    return { address: host, family };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await options.lookup(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw badInput(field, `The URL's host ${host} does not resolve`, 'WEBHOOK_URL_UNRESOLVABLE');
  const internal = addresses.find((a) => isPrivateAddress(a.address));
  if (internal) {
    throw badInput(field, `The URL's host ${host} resolves to a private or internal address (${internal.address})`, 'WEBHOOK_URL_PRIVATE');
  }
  return addresses[0];
}
