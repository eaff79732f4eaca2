import { addressBucket, clientAddress } from './client-address';

describe('client addresses', () => {
  it('reads an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(clientAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress(undefined)).toBe('unknown');
  });

  it('counts IPv6 clients by their /64 network, IPv4 clients by their address', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('::ffff:198.51.100.1')).toBe('198.51.100.1');
    expect(addressBucket('198.51.100.1')).toBe('198.51.100.1');
  });
});
