/** The one CIDR reading (server/src/service/model/cidr.ts), as Go's net.ParseCIDR reads it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCidr, parseCidr, networkText, strictlyInside } from '../../../server/src/service/model/cidr';

const CASES: [string, boolean][] = [
  ['10.0.0.0/8', true],
  ['0.0.0.0/0', true],
  ['192.168.1.1/32', true],
  [' 10.0.0.0/16 ', true],
  ['2001:db8::/32', true],
  ['::/0', true],
  ['::ffff:10.0.0.0/104', true],
  ['fe80::1/128', true],
  // Go rejects IPv4 octets with leading zeros since 1.17 (net: "ParseIP and ParseCIDR now reject leading zeros").
  ['10.0.0.01/8', false],
  ['010.0.0.0/8', false],
  ['10.0.0.0/33', false],
  ['10.0.0.0', false],
  ['10.0.0/8', false],
  ['256.0.0.0/8', false],
  ['10.0.0.0/08', false],
  ['2001:db8::/129', false],
  ['2001:db8:::/32', false],
  ['1:2:3:4:5:6:7:8:9/64', false],
  ['fe80::1%eth0/64', false],
];

for (const [text, valid] of CASES) {
  test(`${JSON.stringify(text)} is ${valid ? '' : 'not '}a CIDR`, () => assert.equal(isCidr(text), valid));
}

test('host bits, the network text and containment', () => {
  const a = parseCidr('10.1.2.3/16')!;
  assert.equal(a.hostBitsSet, true);
  assert.equal(networkText(a), '10.1.0.0/16');
  assert.equal(strictlyInside(parseCidr('10.1.0.0/24')!, parseCidr('10.1.0.0/16')!), true);
  assert.equal(strictlyInside(parseCidr('10.1.0.0/16')!, parseCidr('10.1.0.0/16')!), false);
  assert.equal(strictlyInside(parseCidr('2001:db8::/48')!, parseCidr('10.0.0.0/8')!), false);
});

// Kubernetes reads legacy CIDR fields (NetworkPolicy ipBlock) with k8s.io/utils/net ParseCIDRSloppy: leading zeros are
// decimal (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go, parseCIDR).
const SLOPPY: [string, string | undefined, boolean][] = [
  ['10.0.0.01/8', '10.0.0.0/8', true],
  ['010.0.0.0/8', '10.0.0.0/8', true],
  ['10.0.0.0/08', '10.0.0.0/8', true],
  ['0010.0.0.0/8', '10.0.0.0/8', true],
  ['10.0.0.0/8', '10.0.0.0/8', false],
  ['0.0.0.0/0', '0.0.0.0/0', false],
  ['10.0.0.256/8', undefined, false],
  ['10.0.0.0/33', undefined, false],
  [' 10.0.0.0/8', undefined, false],
];
for (const [text, network, zeros] of SLOPPY) {
  test(`sloppy: ${JSON.stringify(text)} → ${network ?? 'invalid'}${zeros ? ' (leading zeros)' : ''}`, () => {
    const c = parseCidr(text, { sloppy: true });
    assert.equal(c ? networkText(c) : undefined, network);
    if (c) assert.equal(c.leadingZeros, zeros);
  });
}

test('IPv4-mapped IPv6 is flagged in both readings', () => {
  assert.equal(parseCidr('::ffff:10.0.0.0/104')!.mapped4in6, true);
  assert.equal(parseCidr('::ffff:10.0.0.0/104', { sloppy: true })!.mapped4in6, true);
  assert.equal(parseCidr('2001:db8::/32')!.mapped4in6, false);
  assert.equal(parseCidr('10.0.0.0/8')!.leadingZeros, false);
});
