// Ledger entries for the demo's information systems (generate.ts pairs an owner and an administrator in
// a division for each): a few web and mail hosts, software with versions — some past end of support —
// and certificates, so the ledger screens and the advisory matching have data.
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { orgUnits, people } from '../org/schema.js';
import { componentKey } from '../systems/rules.js';
import { systemCertificates, systemHosts, systemSoftware, systems } from '../systems/schema.js';
import type { DemoPlan } from './generate.js';

const KINDS = [
  { name: '文書管理システム', purpose: '行政文書の作成・決裁・保存', web: true, mail: false },
  { name: '電子申請システム', purpose: '国民からの申請・届出の受付', web: true, mail: false },
  { name: '省内メールシステム', purpose: '職員の電子メール', web: false, mail: true },
  { name: '公式ウェブサイト', purpose: '政策・報道発表の公開', web: true, mail: false },
  { name: '人事給与システム', purpose: '人事・給与事務', web: true, mail: false },
  { name: '統計データ公開システム', purpose: '統計データの公開', web: true, mail: true },
] as const;

const SOFTWARE = [
  {
    vendor: 'Apache Software Foundation',
    product: 'HTTP Server',
    version: '2.4.57',
    cpe: 'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*',
    eos: null,
  },
  {
    vendor: 'OpenSSL',
    product: 'OpenSSL',
    version: '1.1.1w',
    cpe: 'cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*',
    eos: '2023-09-11',
  },
  {
    vendor: 'Microsoft',
    product: 'Windows Server',
    version: '2012 R2',
    cpe: 'cpe:2.3:o:microsoft:windows_server_2012:r2:*:*:*:*:*:*:*',
    eos: '2023-10-10',
  },
  {
    vendor: 'nginx',
    product: 'nginx',
    version: '1.24.0',
    cpe: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
    eos: null,
  },
  {
    vendor: 'PostgreSQL',
    product: 'PostgreSQL',
    version: '15.4',
    cpe: 'cpe:2.3:a:postgresql:postgresql:15.4:*:*:*:*:*:*:*',
    eos: '2027-11-11',
  },
  {
    vendor: 'Postfix',
    product: 'Postfix',
    version: '3.7.6',
    cpe: 'cpe:2.3:a:postfix:postfix:3.7.6:*:*:*:*:*:*:*',
    eos: null,
  },
] as const;

export async function seedDemoSystems(ctx: Ctx, opts: { tenantId: string; plan: DemoPlan }): Promise<number> {
  const { tenantId, plan } = opts;
  // The pairs generate.ts made, in order: one security officer and one administrator per system.
  const officers = plan.assignments.filter((a) => a.role === 'system_security_officer');
  const admins = plan.assignments.filter((a) => a.role === 'system_security_administrator');
  if (officers.length === 0) return 0;
  const staffNos = [...officers, ...admins].map((a) => a.staffNo);
  const unitCodes = officers.map((a) => a.unitCode);
  const [personRows, unitRows] = await Promise.all([
    ctx.db
      .select({ id: people.id, staffNo: people.staffNo })
      .from(people)
      .where(and(eq(people.tenantId, tenantId), inArray(people.staffNo, staffNos))),
    ctx.db
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, unitCodes))),
  ]);
  const person = new Map(personRows.map((p) => [p.staffNo, p.id]));
  const unit = new Map(unitRows.map((u) => [u.code, u.id]));
  const today = todayInJapan();
  let made = 0;
  for (const [i, officer] of officers.entries()) {
    const admin = admins.find((a) => a.unitCode === officer.unitCode);
    const kind = KINDS[i % KINDS.length]!;
    const code = `SYS-${String(i + 1).padStart(3, '0')}`;
    const [s] = await ctx.db
      .insert(systems)
      .values({
        tenantId,
        code,
        name: i < KINDS.length ? kind.name : `${kind.name}（${Math.floor(i / KINDS.length) + 1}）`,
        purpose: kind.purpose,
        unitId: unit.get(officer.unitCode)!,
        securityOfficerId: person.get(officer.staffNo) ?? null,
        administratorId: admin ? (person.get(admin.staffNo) ?? null) : null,
        contractor: i % 3 === 0 ? '株式会社デモ情報サービス' : '',
        lifecycle: i % 7 === 6 ? 'retiring' : 'operating',
        internetFacing: kind.web && i % 4 !== 3,
        maxClassification: i % 2 === 0 ? 'c2' : 'c3',
        bcpStatus: (['documented', 'tested', 'planned', 'none'] as const)[i % 4]!,
        // Two thirds were confirmed in the spring; the rest are still to review this year.
        reviewedOn: i % 3 === 2 ? null : addDays(today, -((i * 13) % 120)),
      })
      .returning({ id: systems.id });
    const systemId = s!.id;
    const hosts: { role: 'web' | 'mail'; name: string; domains: string[] }[] = [];
    if (kind.web)
      hosts.push({ role: 'web', name: `web${i + 1}`, domains: [`sys${i + 1}.demo.example.go.jp`] });
    if (kind.mail) hosts.push({ role: 'mail', name: `mx${i + 1}`, domains: ['demo.example.go.jp'] });
    const hostRows = await ctx.db
      .insert(systemHosts)
      .values(
        hosts.map((h, j) => ({
          tenantId,
          systemId,
          ...h,
          addresses: [`192.0.2.${(i * 4 + j + 10) % 250}`],
          probePorts: h.role === 'web' ? [443] : [25],
        })),
      )
      .returning({ id: systemHosts.id, role: systemHosts.role, name: systemHosts.name });
    const first = hostRows[0];
    const picks = [SOFTWARE[i % SOFTWARE.length]!, SOFTWARE[(i + 2) % SOFTWARE.length]!];
    await ctx.db.insert(systemSoftware).values(
      picks.map((x) => ({
        tenantId,
        systemId,
        hostId: first?.id ?? null,
        vendor: x.vendor,
        product: x.product,
        version: x.version,
        vendorKey: componentKey(x.vendor),
        productKey: componentKey(x.product),
        cpe: x.cpe,
        endOfSupport: x.eos,
      })),
    );
    const web = hostRows.find((h) => h.role === 'web');
    if (web)
      await ctx.db.insert(systemCertificates).values({
        tenantId,
        systemId,
        hostId: web.id,
        subject: `CN=sys${i + 1}.demo.example.go.jp`,
        issuer: 'CN=Demo Government CA',
        notAfter: new Date(Date.parse(`${addDays(today, 30 + i * 20)}T00:00:00+09:00`)),
        keyType: 'RSA',
        keyBits: i % 5 === 4 ? 1024 : 2048,
        signatureAlgorithm: i % 5 === 4 ? 'sha1WithRSAEncryption' : 'sha256WithRSAEncryption',
      });
    made++;
  }
  return made;
}
