import type { TestApp } from '../../test/app.js';
import type { TlsProbeResult } from './probe/types.js';
import { type HostRole, systemHosts, systemProbeRuns, systems } from './schema.js';

// Ledger rows for inspection tests: the ledger's own service is another helper's work, so the tests
// insert systems, hosts and probe runs directly.

let n = 0;

export async function buildSystem(
  t: TestApp,
  opts: { unit: { id: string; tenantId: string }; officerId?: string | null; name?: string },
) {
  n++;
  const [s] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: opts.unit.tenantId,
      code: `SYS-${n}`,
      name: opts.name ?? `テストシステム${n}`,
      unitId: opts.unit.id,
      securityOfficerId: opts.officerId ?? null,
      internetFacing: true,
    })
    .returning();
  return s!;
}

export async function buildHost(
  t: TestApp,
  system: { id: string; tenantId: string },
  role: HostRole,
  name = `${role}${++n}.example.go.jp`,
) {
  const [h] = await t.sys.db
    .insert(systemHosts)
    .values({ tenantId: system.tenantId, systemId: system.id, role, name, domains: [name], probeOptIn: true })
    .returning();
  return h!;
}

export function tlsResult(over: Partial<TlsProbeResult> = {}): TlsProbeResult {
  return {
    target: 'www.example.go.jp:443',
    protocols: {
      SSLv2: false,
      SSLv3: false,
      'TLSv1.0': false,
      'TLSv1.1': false,
      'TLSv1.2': true,
      'TLSv1.3': true,
    },
    weakCiphers: { NULL: false, EXPORT: false, RC4: false, '3DES': false, anonymous: false },
    certificate: {
      notAfter: '2027-06-01T00:00:00.000Z',
      daysLeft: 170,
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sha1: false,
      selfSigned: false,
      nameMatches: true,
    },
    ...over,
  };
}

export async function buildProbeRun(
  t: TestApp,
  host: { id: string; tenantId: string; systemId: string },
  kind: 'tls' | 'http' | 'mail',
  result: unknown,
  startedAt = new Date(),
) {
  const [r] = await t.sys.db
    .insert(systemProbeRuns)
    .values({
      tenantId: host.tenantId,
      systemId: host.systemId,
      hostId: host.id,
      kind,
      target: `${host.id}:443`,
      result,
      startedAt,
      finishedAt: startedAt,
    })
    .returning();
  return r!;
}
