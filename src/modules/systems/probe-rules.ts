import type { HostRole, ProbeKind } from './schema.js';

// Which host may be probed where, and how often — pure rules of the measured probes (issue #14 part 5).

/** Ports probed when the ledger lists none for a host, by role. */
export const ROLE_DEFAULT_PORTS: Record<HostRole, number[]> = {
  web: [80, 443],
  mail: [25, 465, 587],
  dns: [],
  terminal: [],
  mfp: [],
  special: [],
  other: [],
};

/** The port each kind probes unless the request names another allowed one. */
export const KIND_DEFAULT_PORT: Record<ProbeKind, number> = { tls: 443, http: 80, mail: 25 };

/** One probe per host per kind per this many minutes. */
export const HOST_KIND_INTERVAL_MINUTES = 10;
/** At most this many probes per tenant in the same window. */
export const TENANT_PROBES_PER_WINDOW = 60;

export function allowedPorts(host: { role: HostRole; probePorts: number[] }): number[] {
  return host.probePorts.length ? host.probePorts : ROLE_DEFAULT_PORTS[host.role];
}

export interface LedgerHost {
  name: string;
  addresses: string[];
  domains: string[];
}

/**
 * Where a probe connects, from the ledger row only: TLS and HTTP connect to the first address (or the
 * first domain) and name the first domain (SNI, Host); mail probes the first domain.
 */
export function probeTarget(kind: ProbeKind, host: LedgerHost, port: number) {
  const domain = host.domains[0] ?? null;
  const address = host.addresses[0] ?? domain;
  if (kind === 'mail') return domain ? { connect: domain, name: domain, port, label: domain } : null;
  if (!address) return null;
  const bracketed = address.includes(':') ? `[${address}]` : address;
  return { connect: address, name: domain ?? address, port, label: `${bracketed}:${port}` };
}

/** STARTTLS is measured only on an MX that is this ledger host (its name or one of its domains). */
export function mxIsLedgerHost(mx: string, host: LedgerHost) {
  const names = [host.name, ...host.domains].map((n) => n.toLowerCase().replace(/\.$/, ''));
  return names.includes(mx.toLowerCase());
}
