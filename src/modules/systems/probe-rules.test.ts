import { describe, expect, it } from 'vitest';
import { allowedPorts, mxIsLedgerHost, probeTarget } from './probe-rules.js';

describe('allowed ports', () => {
  it.each([
    [{ role: 'web', probePorts: [] }, [80, 443]],
    [{ role: 'mail', probePorts: [] }, [25, 465, 587]],
    [{ role: 'terminal', probePorts: [] }, []],
    [{ role: 'web', probePorts: [8443] }, [8443]],
  ] as const)('%j → %j', (host, ports) => {
    expect(allowedPorts({ role: host.role, probePorts: [...host.probePorts] })).toEqual(ports);
  });
});

describe('the target comes from the ledger row', () => {
  const host = { name: 'www1', addresses: ['192.0.2.10'], domains: ['www.example.go.jp'] };
  it('TLS connects to the first address and names the first domain', () => {
    expect(probeTarget('tls', host, 443)).toEqual({
      connect: '192.0.2.10',
      name: 'www.example.go.jp',
      port: 443,
      label: '192.0.2.10:443',
    });
  });
  it('an IPv6 address is bracketed in the label; a domain alone is connected to by name', () => {
    expect(probeTarget('tls', { ...host, addresses: ['2001:db8::1'] }, 443)?.label).toBe('[2001:db8::1]:443');
    expect(probeTarget('http', { ...host, addresses: [] }, 80)?.connect).toBe('www.example.go.jp');
  });
  it('mail needs a domain; nothing to connect to is null', () => {
    expect(probeTarget('mail', { ...host, domains: [] }, 25)).toBeNull();
    expect(probeTarget('tls', { name: 'x', addresses: [], domains: [] }, 443)).toBeNull();
    expect(probeTarget('mail', host, 25)?.name).toBe('www.example.go.jp');
  });
  it('an MX is this host when it is the host name or one of its domains (case and trailing dot aside)', () => {
    expect(
      mxIsLedgerHost('MX1.example.go.jp', { name: 'mx1.example.go.jp.', addresses: [], domains: [] }),
    ).toBe(true);
    expect(mxIsLedgerHost('mx.other.jp', { name: 'mx1', addresses: [], domains: ['example.go.jp'] })).toBe(
      false,
    );
  });
});
