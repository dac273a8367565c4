import type { TestApp } from '../../test/app.js';
import { componentKey } from './rules.js';
import { systemCertificates, systemSoftware, systems } from './schema.js';

// Ledger rows written directly (the ledger's own service is another module's work).

let n = 0;

export async function buildSystem(
  t: TestApp,
  opts: {
    unit: { id: string; tenantId: string };
    officerId?: string | null;
    administratorId?: string | null;
    name?: string;
    lifecycle?: 'planning' | 'building' | 'operating' | 'retiring' | 'retired';
  },
) {
  n++;
  const [s] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: opts.unit.tenantId,
      code: `SYS-${String(n).padStart(4, '0')}`,
      name: opts.name ?? `システム${n}`,
      unitId: opts.unit.id,
      securityOfficerId: opts.officerId ?? null,
      administratorId: opts.administratorId ?? null,
      lifecycle: opts.lifecycle ?? 'operating',
    })
    .returning();
  return s!;
}

export async function addSoftware(
  t: TestApp,
  system: { id: string; tenantId: string },
  sw: {
    vendor: string;
    product: string;
    version?: string;
    cpe?: string | null;
    endOfSupport?: string | null;
  },
) {
  const [row] = await t.sys.db
    .insert(systemSoftware)
    .values({
      tenantId: system.tenantId,
      systemId: system.id,
      vendor: sw.vendor,
      product: sw.product,
      version: sw.version ?? '',
      vendorKey: componentKey(sw.vendor),
      productKey: componentKey(sw.product),
      cpe: sw.cpe ?? null,
      endOfSupport: sw.endOfSupport ?? null,
    })
    .returning();
  return row!;
}

export async function addCertificate(
  t: TestApp,
  system: { id: string; tenantId: string },
  c: { subject: string; signatureAlgorithm: string; keyType: string; keyBits: number },
) {
  const [row] = await t.sys.db
    .insert(systemCertificates)
    .values({ tenantId: system.tenantId, systemId: system.id, ...c })
    .returning();
  return row!;
}

/** A CSAF 2.0 document: Apache HTTP Server 2.4.0 up to (not incl.) 2.4.50, by vers: range and CPE. */
export function csafApache(trackingId = 'JVNDB-2026-000101') {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: 'Apache HTTP Server におけるパストラバーサルの脆弱性',
      publisher: { category: 'coordinator', name: 'JPCERT/CC and IPA', namespace: 'https://jvn.jp' },
      tracking: {
        id: trackingId,
        status: 'final',
        version: '1',
        initial_release_date: '2026-11-30T10:00:00+09:00',
        current_release_date: '2026-11-30T10:00:00+09:00',
        revision_history: [{ number: '1', date: '2026-11-30T10:00:00+09:00', summary: 'initial' }],
      },
      notes: [
        { category: 'summary', text: 'パストラバーサルにより任意のファイルが読み取られる可能性があります。' },
      ],
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Apache Software Foundation',
          branches: [
            {
              category: 'product_name',
              name: 'Apache HTTP Server',
              branches: [
                {
                  category: 'product_version_range',
                  name: 'vers:generic/>=2.4.0|<2.4.50',
                  product: {
                    product_id: 'httpd-vuln',
                    name: 'Apache HTTP Server 2.4.0 - 2.4.49',
                    product_identification_helper: { cpe: 'cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*' },
                  },
                },
                {
                  category: 'product_version',
                  name: '2.4.50',
                  product: { product_id: 'httpd-fixed', name: 'Apache HTTP Server 2.4.50' },
                },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2021-41773',
        title: 'Path traversal',
        product_status: { known_affected: ['httpd-vuln'], fixed: ['httpd-fixed'] },
        scores: [
          {
            products: ['httpd-vuln'],
            cvss_v3: {
              version: '3.1',
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
              baseScore: 7.5,
              baseSeverity: 'HIGH',
            },
          },
        ],
      },
    ],
  };
}
