// The shared fixture of the isolation sweep (src/server/isolation.test.ts) and the authorization matrix
// (src/server/authz-matrix.test.ts): two agencies built alike, agency A full of objects named so a leak
// shows ('秘密 花子'), and for every route the request an outsider would send at them.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { accounts, apiTokens } from '../modules/accounts/schema.js';
import {
  handlingRequests,
  classificationEntries as markedEntries,
} from '../modules/classification/register-schema.js';
import { incidentAttachments, incidents } from '../modules/incidents/schema.js';
import { orgUnits } from '../modules/org/schema.js';
import { roleAssignments } from '../modules/roles/schema.js';
import {
  auditSampleEntries,
  campaignMembers,
  policyChanges,
  submissions,
} from '../modules/selfcheck/schema.js';
import { addCertificate, addSoftware } from '../modules/systems/advisory.fixtures.js';
import { advisoryResponses } from '../modules/systems/advisory-schema.js';
import { systemFindings } from '../modules/systems/finding-schema.js';
import { buildHost, buildSystem } from '../modules/systems/inspection.fixtures.js';
import { inspectionTargets } from '../modules/systems/inspection-schema.js';
import { systemHosts, systemProbeRuns, systems } from '../modules/systems/schema.js';
import { jobs } from '../server/jobs/schema.js';
import type { TestApp } from './app.js';
import { buildAgency, buildAgencyTree, buildPerson, loginAs, roleByKey } from './factories.js';
import { answerAll, buildOpenCampaign } from './selfcheck.js';

export type IsolationWorld = Awaited<ReturnType<typeof buildIsolationWorld>>;

/** Agencies A and B (buildAgencyTree), the central body, and one of nearly everything in agency A. */
export async function buildIsolationWorld(t: TestApp) {
  const a = await buildAgencyTree(t);
  const b = await buildAgencyTree(t);
  const victim = await buildPerson(t, { unit: a.divA1, name: '秘密 花子', roles: ['staff'] });
  const [victimAccount] = await t.sys.db
    .select()
    .from(accounts)
    .where(eq(accounts.personId, victim.person.id));
  const [assignment] = await t.sys.db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.personId, victim.person.id));
  const tokenRes = await a.admin.client.post('/api/v1/me/tokens', { name: 'a-token', scopes: ['org.read'] });
  const role = await roleByKey(t.sys, a.tenant.id, 'staff');
  // Agency A's self-check: its own catalog version, policy, an open campaign, a questionnaire, a sample.
  const shipped = (
    (await a.admin.client.get('/api/v1/selfcheck/catalogs')).json().items as {
      id: string;
      shipped: boolean;
    }[]
  ).find((v) => v.shipped)!;
  const yaml = (
    await a.admin.client.get(`/api/v1/selfcheck/catalogs/${shipped.id}/export?format=yaml`)
  ).body.replace(/^(\s*)code: .*$/m, '$1code: a-own');
  const imported = await a.admin.client.request({
    method: 'POST',
    url: '/api/v1/selfcheck/catalogs/import',
    payload: yaml,
    headers: { 'content-type': 'application/yaml' },
  });
  const { campaignId, policyId } = await buildOpenCampaign(a.admin.client);
  const [member] = await t.sys.db
    .select()
    .from(campaignMembers)
    .where(eq(campaignMembers.personId, victim.person.id));
  await answerAll(a.admin.client, campaignId);
  const sample = await a.admin.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
    seed: 1,
    roleCounts: { staff: 1 },
    itemsPerMember: 1,
  });
  const [entry] = await t.sys.db.select().from(auditSampleEntries);
  const [change] = await t.sys.db.select().from(policyChanges);
  // Agency A's own classification policy (named so a leak shows) and an entry a mail gateway could ask about.
  const classificationPolicy = (
    await a.admin.client.post('/api/v1/classification/policies', {
      from: 'meti-2011',
      name: '秘密 花子 の格付',
    })
  ).json();
  const { levels, restrictions, rules } = classificationPolicy;
  const policyDefinition: Record<string, unknown> = { name: '乗っ取り', levels, restrictions, rules };
  const [markedEntry] = await t.sys.db
    .insert(markedEntries)
    .values({
      tenantId: a.tenant.id,
      unitId: a.divA1.id,
      policyId: classificationPolicy.id,
      title: '秘密 花子 の記録',
      ownerPersonId: victim.person.id,
      proposedBy: victim.person.id,
      form: 'paper',
      confidentiality: 3,
      scopeRestricted: true,
      status: 'confirmed',
    })
    .returning();
  // A handling request on it, waiting for agency A's division head.
  const [handlingRequest] = await t.sys.db
    .insert(handlingRequests)
    .values({
      tenantId: a.tenant.id,
      entryId: markedEntry!.id,
      unitId: a.divA1.id,
      action: 'transport',
      policyId: classificationPolicy.id,
      confidentiality: 3,
      rule: '表2',
      details: '秘密 花子 の持出し',
      requesterPersonId: victim.person.id,
      status: 'pending',
      validUntil: new Date(Date.now() + 86_400_000),
    })
    .returning();
  // Agency A's drill (named so a leak shows).
  const drill = await a.admin.client.post('/api/v1/drills', {
    title: '秘密 花子 の訓練',
    senderName: '秘密 花子',
    senderAddress: 'hanako@example.jp',
    subject: '秘密 花子',
    body: '秘密 花子',
    trainingContent: '秘密 花子',
    followUpCourseId: null,
  });
  // Agency A's training: a course (named so a leak shows), a rule, a classroom session, an image, an attempt.
  const trainingCourse = (
    await a.admin.client.post('/api/v1/training/courses', { title: '秘密 花子 の研修' })
  ).json();
  await a.admin.client.request({
    method: 'PUT',
    url: `/api/v1/training/courses/${trainingCourse.id}/content`,
    payload: {
      pages: [{ title: '秘密 花子', body: '秘密 花子' }],
      questions: [
        {
          kind: 'single',
          text: '秘密 花子',
          choices: [
            { text: 'a', correct: true },
            { text: 'b', correct: false },
          ],
        },
      ],
    },
  });
  await a.admin.client.post(`/api/v1/training/courses/${trainingCourse.id}/transition`, { to: 'published' });
  await a.admin.client.post(`/api/v1/training/courses/${trainingCourse.id}/assignments`, {
    personIds: [victim.person.id],
  });
  const trainingRule = (
    await a.admin.client.post('/api/v1/training/rules', { courseId: trainingCourse.id })
  ).json();
  const trainingSession = (
    await a.admin.client.post(`/api/v1/training/courses/${trainingCourse.id}/sessions`, {
      heldOn: '2026-04-01',
      place: '秘密 花子',
    })
  ).json();
  const trainingImage = (
    await a.admin.client.request({
      method: 'POST',
      url: '/api/v1/training/images',
      headers: { 'content-type': 'image/gif' },
      payload: Buffer.from('GIF89a秘密 花子'),
    })
  ).json();
  const trainingAttempt = (
    await a.admin.client.post(`/api/v1/training/courses/${trainingCourse.id}/attempts`)
  ).json();
  const trainingOffline = (
    await a.admin.client.post(`/api/v1/training/courses/${trainingCourse.id}/offline-completions`, {
      personId: victim.person.id,
      method: 'printed',
      completedOn: '2026-04-01',
      note: '秘密 花子',
      file: { name: 'x.pdf', type: 'application/pdf', base64: Buffer.from('%PDF 秘密').toString('base64') },
    })
  ).json();
  const [adminAccount] = await t.sys.db
    .select()
    .from(accounts)
    .where(eq(accounts.personId, a.admin.person.id));
  const [job] = await t.sys.db
    .insert(jobs)
    .values({
      name: 'test.isolation',
      payload: {},
      runAt: new Date(Date.now() + 86_400_000),
      tenantId: a.tenant.id,
      requestedBy: adminAccount!.id,
      cancellable: true,
    })
    .returning();
  // Agency A's security audit and an exception (named so a leak shows).
  const saPlan = (
    await a.admin.client.post('/api/v1/secaudit/plans', {
      fiscalYear: 2026,
      policy: '秘密 花子 の方針',
      targets: 't',
      methods: 'm',
      criteria: 'c',
    })
  ).json();
  const saEngagement = (
    await a.admin.client.post('/api/v1/secaudit/engagements', {
      planId: saPlan.id,
      kind: 'procedures_vs_policy',
      title: '秘密 花子 の監査',
      unitId: a.divA1.id,
      auditorKind: 'internal',
      auditorName: '秘密 花子',
      independence: 'x',
    })
  ).json();
  const saFinding = (
    await a.admin.client.post('/api/v1/secaudit/findings', {
      engagementId: saEngagement.id,
      clause: '秘密 花子',
      condition: '秘密 花子',
      severity: 'low',
    })
  ).json();
  const saPaper = (
    await a.admin.client.request({
      method: 'POST',
      url: `/api/v1/secaudit/engagements/${saEngagement.id}/papers?filename=x.txt`,
      headers: { 'content-type': 'text/plain' },
      payload: '秘密 花子',
    })
  ).json();
  // Agency A's annual report for FY2026, named so a leak shows.
  await a.admin.client.put('/api/v1/reports/annual/2026/narratives/summary.evaluation', {
    body: '秘密 花子 の評価',
  });
  await a.admin.client.put('/api/v1/reports/annual/2026/facts', {
    staffQuota: 1,
    itBudgetYen: null,
    securityBudgetYen: null,
    responsibleDivision: '秘密 花子',
    notes: '',
  });
  const securityException = (
    await a.admin.client.post('/api/v1/exceptions', {
      clause: '秘密 花子',
      reason: '秘密 花子',
      fromOn: '2026-04-01',
      toOn: '2027-03-31',
      measures: '秘密 花子',
    })
  ).json();
  // Agency A's incident (named so a leak shows), with an attachment, a contact drill and a contact check.
  const [incident] = await t.sys.db
    .insert(incidents)
    .values({
      tenantId: a.tenant.id,
      unitId: a.divA1.id,
      source: 'signed_in_form',
      reporterPersonId: victim.person.id,
      what: '秘密 花子 の事故',
    })
    .returning();
  const [incidentAttachment] = await t.sys.db
    .insert(incidentAttachments)
    .values({
      incidentId: incident!.id,
      filename: 'log.txt',
      contentType: 'text/plain',
      size: 12,
      bytes: Buffer.from('秘密 花子'),
    })
    .returning();
  const contactDrill = (
    await a.admin.client.post('/api/v1/incidents/contact-drills', {
      title: '秘密 花子 の訓練',
      message: '秘密 花子',
      personIds: [victim.person.id],
    })
  ).json();
  const contactCheck = (
    await a.admin.client.post('/api/v1/incidents/contact-checks', {
      title: '秘密 花子 の確認',
      dueDay: '2026-04-28',
      personIds: [victim.person.id],
    })
  ).json();
  // Agency A's ledger entry, with 秘密 花子 as its security officer and a host.
  const ledgerSystem = (
    await a.admin.client.post('/api/v1/systems', {
      code: 'SECRET-1',
      name: '秘密 花子 の系',
      unitId: a.divA1.id,
      securityOfficerId: victim.person.id,
    })
  ).json();
  const ledgerHost = (
    await a.admin.client.post(`/api/v1/systems/${ledgerSystem.id}/hosts`, { role: 'web', name: '秘密 花子' })
  ).json();
  // Agency A's focused inspection: a system its victim answers for, an item set and a round (named so a leak shows).
  const inspectedSystem = await buildSystem(t, {
    unit: a.divA1,
    officerId: victim.person.id,
    name: '秘密 花子 のシステム',
  });
  await buildHost(t, inspectedSystem, 'web', 'himitsu-hanako.example.go.jp');
  const inspectionSet = (
    await a.admin.client.post('/api/v1/inspections/item-sets', { name: '秘密 花子 の項目', basedOn: 'web' })
  ).json();
  const inspectionRound = (
    await a.admin.client.post('/api/v1/inspections/rounds', {
      name: '秘密 花子 の検査',
      referenceDate: '2026-11-01',
      unitIds: [a.root.id],
      itemSets: [{ role: 'web', ref: inspectionSet.id }],
    })
  ).json();
  const [inspectionTarget] = await t.sys.db
    .select()
    .from(inspectionTargets)
    .where(eq(inspectionTargets.roundId, inspectionRound.id));
  // Agency A's ledger system with a host, a probe run and a diagnosis finding (named so a leak shows).
  const [findingSystem] = await t.sys.db
    .insert(systems)
    .values({ tenantId: a.tenant.id, unitId: a.divA1.id, code: 'SECRET-2', name: '秘密 花子 のシステム' })
    .returning();
  const [findingHost] = await t.sys.db
    .insert(systemHosts)
    .values({
      tenantId: a.tenant.id,
      systemId: findingSystem!.id,
      role: 'mail',
      name: 'mail',
      domains: ['a.example.jp'],
    })
    .returning();
  const [probeRun] = await t.sys.db
    .insert(systemProbeRuns)
    .values({
      tenantId: a.tenant.id,
      systemId: findingSystem!.id,
      hostId: findingHost!.id,
      kind: 'mail',
      target: 'a.example.jp',
      result: {
        domain: 'a.example.jp',
        mx: [],
        spf: { record: null, all: 'none' },
        dmarc: { record: null, policy: 'missing' },
      },
      finishedAt: new Date(),
    })
    .returning();
  const [finding] = await t.sys.db
    .insert(systemFindings)
    .values({
      tenantId: a.tenant.id,
      systemId: findingSystem!.id,
      source: 'manual',
      matchKey: `${findingSystem!.id}|-|manual|secret`,
      title: '秘密 花子 の検出事項',
      band: 'high',
      foundOn: '2026-04-01',
      targetDate: '2026-04-15',
    })
    .returning();
  // Agency A's ledger host, opted in to probes on 443.
  const [probeSystem] = await t.sys.db
    .insert(systems)
    .values({ tenantId: a.tenant.id, code: 'SYS-A', name: '秘密 花子 のシステム', unitId: a.divA1.id })
    .returning();
  const [probeHost] = await t.sys.db
    .insert(systemHosts)
    .values({
      tenantId: a.tenant.id,
      systemId: probeSystem!.id,
      role: 'web',
      name: 'www.a.example.go.jp',
      addresses: ['127.0.0.1'],
      probeOptIn: true,
      probePorts: [443],
    })
    .returning();
  // Agency A's cloud service with 秘密 花子 as its responsible person (re-confirmation overdue), an SNS
  // account she manages, and a contract on its ledger system with an evidence file (named so a leak shows).
  const cloudService = (
    await a.admin.client.post('/api/v1/vendors/cloud-services', {
      unitId: a.divA1.id,
      name: '秘密 花子 のクラウド',
      provider: '秘密 花子',
      allowedUses: '秘密 花子',
      reconfirmDue: '2020-01-01',
    })
  ).json();
  await a.admin.client.request({
    method: 'PUT',
    url: `/api/v1/vendors/cloud-services/${cloudService.id}/responsible`,
    payload: { personId: victim.person.id },
  });
  const snsAccount = (
    await a.admin.client.post('/api/v1/vendors/sns-accounts', {
      unitId: a.divA1.id,
      platform: 'X (Twitter)',
      accountName: '@himitsu_hanako',
      purpose: '秘密 花子 の広報',
      managerIds: [victim.person.id],
      reconfirmDue: '2020-01-01',
    })
  ).json();
  const contract = (
    await a.admin.client.post('/api/v1/vendors/contracts', {
      unitId: a.divA1.id,
      name: '秘密 花子 の委託',
      contractor: '秘密 花子 株式会社',
      ismsCertificateNo: 'IS 1',
      ismsCertificateExpiry: '2020-12-31',
      systemIds: [ledgerSystem.id],
      specItems: ['no_tracking'],
    })
  ).json();
  const contractWithFile = (
    await a.admin.client.request({
      method: 'POST',
      url: `/api/v1/vendors/contracts/${contract.id}/checks/during/education/files?filename=himitsu.pdf`,
      payload: Buffer.from('%PDF-1.4 秘密 花子'),
      headers: { 'content-type': 'application/pdf' },
    })
  ).json();
  const contractFile = contractWithFile.checks.find((c: { itemKey: string }) => c.itemKey === 'education')
    .files[0];
  // Agency A's advisory matched to its ledger system, with an open response past its target date; an
  // end-of-support product and a weak certificate on the same system.
  const ledgerRow = { id: ledgerSystem.id as string, tenantId: a.tenant.id };
  await addSoftware(t, ledgerRow, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.41' });
  await addSoftware(t, ledgerRow, {
    vendor: 'Microsoft',
    product: 'Windows XP',
    version: 'SP3',
    endOfSupport: '2014-04-08',
  });
  await addCertificate(t, ledgerRow, {
    subject: 'CN=秘密 花子',
    signatureAlgorithm: 'sha1WithRSAEncryption',
    keyType: 'RSA',
    keyBits: 1024,
  });
  const advisory = (
    await a.admin.client.post('/api/v1/advisories', {
      trackingId: 'CVE-2026-7777',
      title: '秘密 花子 の脆弱性',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      products: [
        {
          vendor: 'Apache',
          product: 'HTTP Server',
          ranges: [{ type: 'vers', vers: 'vers:generic/>=2.4.0|<2.4.50' }],
        },
      ],
    })
  ).json();
  const [advisoryResponse] = await t.sys.db
    .select()
    .from(advisoryResponses)
    .where(eq(advisoryResponses.advisoryId, advisory.id));
  await t.sys.db
    .update(advisoryResponses)
    .set({ targetDate: '2026-01-01', reason: '秘密 花子 の対応' })
    .where(eq(advisoryResponses.id, advisoryResponse!.id));
  // Agency A's security portal: a category and an item with a file (named so a leak shows).
  const portalCategory = (
    await a.admin.client.post('/api/v1/portal/categories', { nameJa: '秘密 花子 の分類' })
  ).json();
  const portalItem = (
    await a.admin.client.post('/api/v1/portal/items', {
      categoryId: portalCategory.id,
      kind: 'document',
      titleJa: '秘密 花子 の資料',
      published: true,
    })
  ).json();
  await a.admin.client.request({
    method: 'PUT',
    url: `/api/v1/portal/items/${portalItem.id}/file?filename=himitsu.pdf`,
    payload: Buffer.from('%PDF-1.4 秘密 花子'),
    headers: { 'content-type': 'application/pdf' },
  });
  // A submission agency A holds (named so a leak shows).
  const [submission] = await t.sys.db
    .insert(submissions)
    .values({
      fromTenantId: a.tenant.id,
      toTenantId: a.tenant.id,
      kind: 'annual.statement',
      fiscalYear: 2026,
      title: '秘密 花子 の報告',
      payload: { secret: '秘密 花子' },
    })
    .returning();
  // The central body's alert, delivered to agency A only (named so a leak shows), released to its portal.
  const central = await buildAgency(t, { kind: 'central' });
  const centre = (await loginAs(t, { unit: central.root, roles: ['central_analyst'] })).client;
  const centralAlert = (
    await centre.post('/api/v1/central/alerts', {
      kind: 'notice',
      titleJa: '秘密 花子 の注意喚起',
      body: '秘密 花子 の注意喚起 本文',
      agencyIds: [a.tenant.id],
    })
  ).json();
  await centre.post(`/api/v1/central/alerts/${centralAlert.id}/publish`);
  const alertDelivery = (await a.admin.client.get('/api/v1/alerts')).json().items[0];
  await a.admin.client.post(`/api/v1/alerts/${alertDelivery.id}/release`, { release: true });
  const ids: Record<string, string> = {
    centralAlert: centralAlert.id,
    alertDelivery: alertDelivery.id,
    submission: submission!.id,
    cloudService: cloudService.id,
    snsAccount: snsAccount.id,
    contract: contract.id,
    contractFile: contractFile.id,
    advisory: advisory.id,
    advisoryResponse: advisoryResponse!.id,
    probeHost: probeHost!.id,
    findingSystem: findingSystem!.id,
    probeRun: probeRun!.id,
    finding: finding!.id,
    inspectionSet: inspectionSet.id,
    inspectionRound: inspectionRound.id,
    inspectionTarget: inspectionTarget!.id,
    inspectedSystem: inspectedSystem.id,
    system: ledgerSystem.id,
    systemHost: ledgerHost.id,
    incident: incident!.id,
    incidentAttachment: incidentAttachment!.id,
    contactDrill: contactDrill.id,
    contactCheck: contactCheck.id,
    job: String(job!.id),
    trainingCourse: trainingCourse.id,
    trainingAssignment: trainingOffline.assignmentId,
    trainingRule: trainingRule.id,
    trainingSession: trainingSession.id,
    trainingImage: trainingImage.id,
    trainingAttempt: trainingAttempt.id,
    drill: drill.json().id,
    unit: a.divA1.id,
    person: victim.person.id,
    account: victimAccount!.id,
    assignment: assignment!.id,
    role: role.id,
    token: tokenRes.json().id,
    catalogVersion: imported.json().versionId,
    policy: policyId,
    campaign: campaignId,
    member: member!.id,
    sample: sample.json().id,
    entry: entry?.id ?? '00000000-0000-4000-8000-000000000000',
    change: change?.id ?? '00000000-0000-4000-8000-000000000000',
    classificationPolicy: classificationPolicy.id,
    markedEntry: markedEntry!.id,
    handlingRequest: handlingRequest!.id,
    secauditPlan: saPlan.id,
    secauditMilestone: saPlan.milestones[0].id,
    secauditEngagement: saEngagement.id,
    secauditFinding: saFinding.id,
    secauditPaper: saPaper.id,
    securityException: securityException.id,
    portalCategory: portalCategory.id,
    portalItem: portalItem.id,
  };
  return { a, b, ids, policyDefinition, victim, central, centre };
}

/** For each route: the path parameters and body an attacker in agency B would send, aimed at agency A. */
export function attack(
  w: IsolationWorld,
  method: string,
  url: string,
): { url: string; body?: unknown; headers?: Record<string, string> } | null {
  const { ids, b, policyDefinition } = w;
  const table: Record<string, { id?: keyof typeof ids; body?: unknown; headers?: Record<string, string> }> = {
    'GET /api/v1/org/units/:id': { id: 'unit' },
    'POST /api/v1/org/units': {
      body: { parentId: ids.unit, code: 'X-ATTACK', nameJa: '侵入', kind: 'division' },
    },
    'PATCH /api/v1/org/units/:id': { id: 'unit', body: { nameJa: '乗っ取り' } },
    'GET /api/v1/people/:id': { id: 'person' },
    'POST /api/v1/people': { body: { staffNo: 'ATK1', name: '侵入者', unitId: ids.unit } },
    'PATCH /api/v1/people/:id': { id: 'person', body: { name: '乗っ取り' } },
    'GET /api/v1/roles/:id/holders': { id: 'role' },
    'PATCH /api/v1/roles/:id': { id: 'role', body: { nameJa: '乗っ取り' } },
    'POST /api/v1/people/:id/roles': { id: 'person', body: { roleId: ids.role, unitId: ids.unit } },
    'DELETE /api/v1/role-assignments/:id': { id: 'assignment' },
    'GET /api/v1/accounts/:id': { id: 'account' },
    'PATCH /api/v1/accounts/:id': { id: 'account', body: { disabled: true } },
    'POST /api/v1/accounts/:id/reset-password': { id: 'account' },
    'POST /api/v1/accounts/:id/unlock': { id: 'account' },
    'POST /api/v1/accounts/:id/reset-totp': { id: 'account' },
    'POST /api/v1/accounts': { body: { personId: ids.person, login: 'attacker-made' } },
    'DELETE /api/v1/me/tokens/:id': { id: 'token' },
    'GET /api/v1/jobs/:id': { id: 'job' },
    'POST /api/v1/jobs/:id/cancel': { id: 'job' },
    'GET /api/v1/selfcheck/catalogs/:id': { id: 'catalogVersion' },
    'GET /api/v1/selfcheck/catalogs/:id/export': { id: 'catalogVersion' },
    'POST /api/v1/selfcheck/policies': { body: { name: '侵入', catalogVersionId: ids.catalogVersion } },
    'GET /api/v1/selfcheck/policies/:id': { id: 'policy' },
    'PUT /api/v1/selfcheck/policies/:id/changes': {
      id: 'policy',
      body: { kind: 'not_applicable', itemId: '3.1.1(1)(a)', reason: '侵入' },
    },
    'DELETE /api/v1/selfcheck/policies/:id/changes/:changeId': { id: 'policy' },
    'GET /api/v1/selfcheck/policies/:id/differences.xlsx': { id: 'policy' },
    'GET /api/v1/selfcheck/policies/:id/export': { id: 'policy' },
    'POST /api/v1/selfcheck/campaigns': {
      body: {
        policyId: ids.policy,
        title: '侵入',
        fiscalYear: 2026,
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      },
    },
    'GET /api/v1/selfcheck/campaigns/:id': { id: 'campaign' },
    'PATCH /api/v1/selfcheck/campaigns/:id': { id: 'campaign', body: { title: '乗っ取り' } },
    'POST /api/v1/selfcheck/campaigns/:id/transition': { id: 'campaign', body: { to: 'closed' } },
    'GET /api/v1/selfcheck/campaigns/:id/changes-after-close': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/progress': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/pending': { id: 'campaign' },
    'POST /api/v1/selfcheck/campaigns/:id/reminders': { id: 'campaign', body: {} },
    'GET /api/v1/selfcheck/campaigns/:id/results': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/results/export': { id: 'campaign' },
    'PUT /api/v1/selfcheck/campaigns/:id/plan': {
      id: 'campaign',
      body: { policy: 'p', scope: 's', content: 'c', timing: 't', evaluation: 'e', metricDefinition: 'nisc' },
    },
    'POST /api/v1/selfcheck/campaigns/:id/approval': { id: 'campaign' },
    'DELETE /api/v1/selfcheck/campaigns/:id/approval': { id: 'campaign' },
    'POST /api/v1/selfcheck/campaigns/:id/samples': {
      id: 'campaign',
      body: { seed: 1, roleCounts: { staff: 1 } },
    },
    'GET /api/v1/selfcheck/campaigns/:id/samples': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/samples/:sampleId': { id: 'campaign' },
    'PATCH /api/v1/selfcheck/campaigns/:id/samples/:sampleId/entries/:entryId': {
      id: 'campaign',
      body: { verified: false },
    },
    'GET /api/v1/selfcheck/questionnaires/:id': { id: 'member' },
    'PUT /api/v1/selfcheck/questionnaires/:id/answers': { id: 'member', body: { answers: {} } },
    'GET /api/v1/policies/:policyId/handling-requirements': { id: 'classificationPolicy' },
    'GET /api/v1/classification/policies/:id': { id: 'classificationPolicy' },
    'GET /api/v1/classification/policies/:id/marking': { id: 'classificationPolicy' },
    'POST /api/v1/classification/policies': { body: { from: ids.classificationPolicy, name: '侵入' } },
    'PUT /api/v1/classification/policies/:id': { id: 'classificationPolicy', body: policyDefinition },
    'PUT /api/v1/classification/settings': { body: { activePolicyId: ids.classificationPolicy } },
    'GET /api/v1/classification/gateway/entries/:id/header': { id: 'markedEntry' },
    'POST /api/v1/classification/entries': {
      body: { unitId: ids.unit, title: '侵入', form: 'paper', confidentiality: 1 },
    },
    'GET /api/v1/classification/entries/export': {},
    'GET /api/v1/classification/entries/:id': { id: 'markedEntry' },
    'PATCH /api/v1/classification/entries/:id': { id: 'markedEntry', body: { title: '乗っ取り' } },
    'POST /api/v1/classification/entries/:id/confirm': { id: 'markedEntry', body: {} },
    'POST /api/v1/classification/entries/:id/return': { id: 'markedEntry', body: { comment: '侵入' } },
    'POST /api/v1/classification/entries/:id/review': { id: 'markedEntry', body: {} },
    'POST /api/v1/classification/entries/:id/archive': { id: 'markedEntry', body: {} },
    'GET /api/v1/classification/overview': {},
    'GET /api/v1/classification/requirements': {},
    'POST /api/v1/classification/requests': {
      body: { entryId: ids.markedEntry, action: 'transport', details: '侵入' },
    },
    'GET /api/v1/classification/requests/:id': { id: 'handlingRequest' },
    'POST /api/v1/classification/requests/:id/approve': { id: 'handlingRequest', body: {} },
    'POST /api/v1/classification/requests/:id/reject': { id: 'handlingRequest', body: { comment: '侵入' } },
    'POST /api/v1/classification/requests/:id/withdraw': { id: 'handlingRequest' },
    'POST /api/v1/systems/hosts/:hostId/probes': { body: { kind: 'tls', port: 443 } },
    'GET /api/v1/systems/hosts/:hostId/probes': {},
    'GET /api/v1/drills/:id': { id: 'drill' },
    'GET /api/v1/findings/:id': { id: 'finding' },
    'POST /api/v1/findings/:id/fix': { id: 'finding', body: {} },
    'POST /api/v1/findings/:id/verify': { id: 'finding', body: { retestedOn: '2026-04-02' } },
    'POST /api/v1/findings/:id/reopen': { id: 'finding', body: { note: '侵入' } },
    'POST /api/v1/findings/:id/accept': { id: 'finding', body: { reason: '侵入' } },
    'POST /api/v1/findings/from-probe/:id': { id: 'probeRun', body: { dryRun: false } },
    'POST /api/v1/findings': { body: { systemId: ids.findingSystem, title: '侵入', band: 'low' } },
    'PATCH /api/v1/drills/:id': { id: 'drill', body: { title: '乗っ取り' } },
    'DELETE /api/v1/drills/:id': { id: 'drill' },
    'GET /api/v1/drills/:id/preview': { id: 'drill' },
    'POST /api/v1/drills/:id/schedule': { id: 'drill' },
    'POST /api/v1/drills/:id/transition': { id: 'drill', body: { to: 'cancelled' } },
    'POST /api/v1/drills/:id/resend-unknown': { id: 'drill' },
    'GET /api/v1/drills/:id/progress': { id: 'drill' },
    'GET /api/v1/drills/:id/results': { id: 'drill' },
    'GET /api/v1/drills/:id/compare': { id: 'drill' },
    'GET /api/v1/drills/:id/recipients': { id: 'drill' },
    'GET /api/v1/drills/:id/results/export': { id: 'drill' },
    'POST /api/v1/drills/:id/follow-up': { id: 'drill', body: {} },
    'POST /api/v1/drills': {
      body: {
        title: '侵入',
        senderName: 'x',
        senderAddress: 'x@example.jp',
        subject: 's',
        body: 'b',
        trainingContent: 't',
        targetUnitIds: [ids.unit],
      },
    },
    'GET /api/v1/inspections/item-sets/:id': { id: 'inspectionSet' },
    'PATCH /api/v1/inspections/item-sets/:id': {
      id: 'inspectionSet',
      body: { version: 1, name: '乗っ取り' },
    },
    'DELETE /api/v1/inspections/item-sets/:id': { id: 'inspectionSet' },
    'POST /api/v1/inspections/rounds': {
      body: {
        name: '侵入',
        referenceDate: '2026-11-01',
        unitIds: [ids.unit],
        itemSets: [{ role: 'web', ref: ids.inspectionSet }],
      },
    },
    'GET /api/v1/inspections/rounds/:id': { id: 'inspectionRound' },
    'POST /api/v1/inspections/rounds/:id/close': { id: 'inspectionRound' },
    'GET /api/v1/inspections/rounds/:id/grades': { id: 'inspectionRound' },
    'GET /api/v1/inspections/rounds/:id/grades/export': { id: 'inspectionRound' },
    'GET /api/v1/inspections/targets/:id': { id: 'inspectionTarget' },
    'PUT /api/v1/inspections/targets/:id/answers': {
      id: 'inspectionTarget',
      body: { answers: [{ itemKey: 'update.os', status: 'not_met' }] },
    },
    'POST /api/v1/inspections/targets/:id/submit': { id: 'inspectionTarget' },
    'POST /api/v1/inspections/targets/:id/evidence-file': {
      id: 'inspectionTarget',
      body: { itemKey: 'update.os', name: 'x.txt', type: 'text/plain', base64: 'eA==' },
    },
    'GET /api/v1/inspections/targets/:id/evidence-file': { id: 'inspectionTarget' },
    'GET /api/v1/inspections/systems/:id/targets': { id: 'inspectedSystem' },
    'GET /api/v1/training/courses/:id': { id: 'trainingCourse' },
    'PATCH /api/v1/training/courses/:id': { id: 'trainingCourse', body: { title: '乗っ取り' } },
    'PUT /api/v1/training/courses/:id/content': { id: 'trainingCourse', body: { pages: [], questions: [] } },
    'POST /api/v1/training/courses/:id/transition': { id: 'trainingCourse', body: { to: 'archived' } },
    'GET /api/v1/training/courses/:id/print': { id: 'trainingCourse' },
    'GET /api/v1/training/courses/:id/content': { id: 'trainingCourse' },
    'POST /api/v1/training/courses/:id/attempts': { id: 'trainingCourse' },
    'POST /api/v1/training/courses/:id/assignments': {
      id: 'trainingCourse',
      body: { personIds: [ids.person] },
    },
    'POST /api/v1/training/courses/:id/reminders': { id: 'trainingCourse', body: { unitId: null } },
    'GET /api/v1/training/courses/:id/sessions': { id: 'trainingCourse' },
    'POST /api/v1/training/courses/:id/sessions': { id: 'trainingCourse', body: { heldOn: '2026-04-01' } },
    'GET /api/v1/training/images/:id': { id: 'trainingImage' },
    'POST /api/v1/training/attempts/:id/submit': { id: 'trainingAttempt', body: { answers: [] } },
    'POST /api/v1/training/rules': { body: { courseId: ids.trainingCourse } },
    'PATCH /api/v1/training/rules/:id': { id: 'trainingRule', body: { active: false } },
    'DELETE /api/v1/training/rules/:id': { id: 'trainingRule' },
    'GET /api/v1/training/sessions/:id': { id: 'trainingSession' },
    'PUT /api/v1/training/sessions/:id/attendance': {
      id: 'trainingSession',
      body: { entries: [{ personId: ids.person, attended: true }] },
    },
    'POST /api/v1/training/sessions/:id/attendance/import': {
      id: 'trainingSession',
      body: 'staff_no,attended\n1,1',
    },
    'POST /api/v1/training/courses/:id/offline-completions': {
      id: 'trainingCourse',
      body: { personId: ids.person, method: 'printed', completedOn: '2026-04-01', note: 'x' },
    },
    'POST /api/v1/systems': { body: { code: 'ATK-1', name: '侵入', unitId: ids.unit } },
    'GET /api/v1/systems/:id': { id: 'system' },
    'PATCH /api/v1/systems/:id': { id: 'system', body: { version: 1, name: '乗っ取り' } },
    'DELETE /api/v1/systems/:id': { id: 'system' },
    'POST /api/v1/systems/:id/review': { id: 'system' },
    'GET /api/v1/systems/:id/history': { id: 'system' },
    'POST /api/v1/systems/:id/hosts': { id: 'system', body: { role: 'web', name: '侵入' } },
    'PATCH /api/v1/systems/:id/hosts/:componentId': { id: 'system', body: { name: '乗っ取り' } },
    'DELETE /api/v1/systems/:id/hosts/:componentId': { id: 'system' },
    'POST /api/v1/systems/:id/software': { id: 'system', body: { vendor: 'x', product: 'y' } },
    'PATCH /api/v1/systems/:id/software/:componentId': { id: 'system', body: { version: '9' } },
    'DELETE /api/v1/systems/:id/software/:componentId': { id: 'system' },
    'POST /api/v1/systems/:id/certificates': { id: 'system', body: { subject: 'CN=x' } },
    'PATCH /api/v1/systems/:id/certificates/:componentId': { id: 'system', body: { subject: 'CN=y' } },
    'DELETE /api/v1/systems/:id/certificates/:componentId': { id: 'system' },
    'GET /api/v1/training/courses/:id/survey': { id: 'trainingCourse' },
    'PUT /api/v1/training/courses/:id/survey': {
      id: 'trainingCourse',
      body: { questions: [{ kind: 'scale', text: '乗っ取り' }] },
    },
    'DELETE /api/v1/training/courses/:id/survey': { id: 'trainingCourse' },
    'GET /api/v1/training/courses/:id/survey/results': { id: 'trainingCourse' },
    'GET /api/v1/training/offline-completions/:id/file': { id: 'trainingAssignment' },
    'POST /api/v1/training/my/assignments/:id/survey': { id: 'trainingAssignment', body: { answers: [] } },
    'GET /api/v1/training/completion': {},
    'GET /api/v1/training/completion/quarterly': {},
    'GET /api/v1/training/completion/people': {},
    'GET /api/v1/training/completion/export': {},
    // Security audits and exceptions.
    'GET /api/v1/secaudit/plans/:id': { id: 'secauditPlan' },
    'PUT /api/v1/secaudit/plans/:id': {
      id: 'secauditPlan',
      body: { policy: '乗っ取り', targets: 'x', methods: 'x', criteria: 'x' },
    },
    'POST /api/v1/secaudit/plans/:id/approve': { id: 'secauditPlan' },
    'POST /api/v1/secaudit/plans/:id/milestones': {
      id: 'secauditPlan',
      body: { step: '侵入', roleLabel: 'x', dueOn: '2026-04-01' },
    },
    'PATCH /api/v1/secaudit/plans/:id/milestones/:milestoneId': { id: 'secauditPlan', body: { done: true } },
    'POST /api/v1/secaudit/engagements': {
      body: {
        planId: ids.secauditPlan,
        kind: 'operation_manuals',
        title: '侵入',
        unitId: ids.unit,
        auditorKind: 'internal',
        auditorName: 'x',
        independence: 'x',
      },
    },
    'GET /api/v1/secaudit/engagements/:id': { id: 'secauditEngagement' },
    'PATCH /api/v1/secaudit/engagements/:id': { id: 'secauditEngagement', body: { title: '乗っ取り' } },
    'GET /api/v1/secaudit/engagements/:id/samples': { id: 'secauditEngagement' },
    'POST /api/v1/secaudit/engagements/:id/papers': { id: 'secauditEngagement' },
    'GET /api/v1/secaudit/engagements/:id/papers/:paperId': { id: 'secauditEngagement' },
    'POST /api/v1/secaudit/findings': {
      body: { engagementId: ids.secauditEngagement, clause: '侵入', condition: 'x', severity: 'low' },
    },
    'GET /api/v1/secaudit/findings/:id': { id: 'secauditFinding' },
    'PATCH /api/v1/secaudit/findings/:id': { id: 'secauditFinding', body: { clause: '乗っ取り' } },
    'POST /api/v1/secaudit/findings/:id/response': {
      id: 'secauditFinding',
      body: { response: '乗っ取り', plan: 'x', dueOn: '2026-04-01' },
    },
    'POST /api/v1/secaudit/findings/:id/return': { id: 'secauditFinding', body: {} },
    'POST /api/v1/secaudit/findings/:id/verify': { id: 'secauditFinding', body: {} },
    'POST /api/v1/exceptions': {
      body: {
        clause: '侵入',
        reason: 'x',
        fromOn: '2026-04-01',
        toOn: '2026-04-02',
        measures: 'x',
        renewsId: ids.securityException,
      },
    },
    'GET /api/v1/exceptions/:id': { id: 'securityException' },
    'GET /api/v1/reports/annual/:fiscalYear/export': {},
    'PUT /api/v1/exceptions/:id': {
      id: 'securityException',
      body: { clause: '乗っ取り', reason: 'x', fromOn: '2026-04-01', toOn: '2026-04-02', measures: 'x' },
    },
    'POST /api/v1/exceptions/:id/withdraw': { id: 'securityException' },
    'POST /api/v1/exceptions/:id/decision': { id: 'securityException', body: { decision: 'approve' } },
    // The central body's routes: an agency user holds no central.read at all.
    'GET /api/v1/central/submissions': {},
    'GET /api/v1/central/submissions/:id': { id: 'campaign' },
    'GET /api/v1/central/alerts': {},
    'GET /api/v1/central/alerts/agencies': {},
    'POST /api/v1/central/alerts': { body: { kind: 'notice', titleJa: '侵入', body: '侵入' } },
    'GET /api/v1/central/alerts/:id': { id: 'centralAlert' },
    'PUT /api/v1/central/alerts/:id': {
      id: 'centralAlert',
      body: { kind: 'notice', titleJa: '乗っ取り', body: '乗っ取り' },
    },
    'POST /api/v1/central/alerts/:id/publish': { id: 'centralAlert' },
    'POST /api/v1/central/alerts/:id/withdraw': { id: 'centralAlert' },
    // The central body's alerts as agency A received them.
    'GET /api/v1/alerts/:id': { id: 'alertDelivery' },
    'POST /api/v1/alerts/:id/acknowledge': { id: 'alertDelivery' },
    'GET /api/v1/alerts/:id/forward-preview': { id: 'alertDelivery' },
    'POST /api/v1/alerts/:id/forward': { id: 'alertDelivery', body: { roleIds: [] } },
    'POST /api/v1/alerts/:id/release': { id: 'alertDelivery', body: { release: false } },
    'POST /api/v1/alerts/:id/report': { id: 'alertDelivery', body: { text: '乗っ取り' } },
    'GET /api/v1/central/selfcheck': {},
    'GET /api/v1/central/national': {},
    'GET /api/v1/central/national/export': {},
    'PUT /api/v1/central/common-items': { body: { fiscalYear: 2026, items: [{ code: '侵入' }] } },
    // An agency's own submissions and its 独法's: agency A's is "not found" for agency B.
    'GET /api/v1/central/my-submissions/:id': { id: 'submission' },
    'POST /api/v1/central/subsidiary-submissions/:id/forward': { id: 'submission' },
    'GET /api/v1/incidents/:id': { id: 'incident' },
    'POST /api/v1/incidents/:id/triage': {
      id: 'incident',
      body: { title: '乗っ取り', type: 'other', severity: 'low', personalData: false },
    },
    'POST /api/v1/incidents/:id/steps/:key/complete': { id: 'incident', body: {} },
    'POST /api/v1/incidents/:id/liaisons': {
      id: 'incident',
      body: { direction: 'sent', counterpart: 'nisc', at: '2026-04-01T00:00:00Z', content: '乗っ取り' },
    },
    'GET /api/v1/incidents/:id/liaisons/export': { id: 'incident' },
    'GET /api/v1/incidents/:id/attachments/:attachmentId': { id: 'incident' },
    'GET /api/v1/incidents/contact-drills/:id': { id: 'contactDrill' },
    'GET /api/v1/incidents/contact-checks/:id': { id: 'contactCheck' },
    'POST /api/v1/incidents/contact-checks/:id/confirm': {
      id: 'contactCheck',
      body: { contact: '乗っ取り' },
    },
    'POST /api/v1/incidents/contact-drills': {
      body: { title: '侵入', message: '侵入', personIds: [ids.person] },
    },
    'POST /api/v1/incidents/contact-checks': {
      body: { title: '侵入', dueDay: '2026-04-28', personIds: [ids.person] },
    },
    // The public form takes the agency from its code: an attacker reporting to agency A only adds a report.
    'POST /api/v1/incident-ack/:token': {},
    // Vendors: a register entry under agency A's unit, or agency B's own naming A's people or systems.
    'POST /api/v1/vendors/cloud-services': { body: { unitId: ids.unit, name: '侵入', provider: 'x' } },
    'GET /api/v1/vendors/cloud-services/:id': { id: 'cloudService' },
    'PATCH /api/v1/vendors/cloud-services/:id': { id: 'cloudService', body: { name: '乗っ取り' } },
    'PUT /api/v1/vendors/cloud-services/:id/responsible': {
      id: 'cloudService',
      body: { personId: b.admin.person.id },
    },
    'POST /api/v1/vendors/cloud-services/:id/confirm': { id: 'cloudService' },
    'POST /api/v1/vendors/sns-accounts': {
      body: { unitId: b.divA1.id, platform: 'X', accountName: '侵入', managerIds: [ids.person] },
    },
    'GET /api/v1/vendors/sns-accounts/:id': { id: 'snsAccount' },
    'PATCH /api/v1/vendors/sns-accounts/:id': { id: 'snsAccount', body: { purpose: '乗っ取り' } },
    'PUT /api/v1/vendors/sns-accounts/:id/checklist': {
      id: 'snsAccount',
      body: { answers: { strong_authentication: { answer: 'no', evidence: '乗っ取り' } } },
    },
    'POST /api/v1/vendors/sns-accounts/:id/confirm': { id: 'snsAccount' },
    'POST /api/v1/vendors/contracts': {
      body: { unitId: b.divA1.id, name: '侵入', contractor: 'x', systemIds: [ids.system] },
    },
    'GET /api/v1/vendors/contracts/:id': { id: 'contract' },
    'PATCH /api/v1/vendors/contracts/:id': { id: 'contract', body: { name: '乗っ取り' } },
    'PUT /api/v1/vendors/contracts/:id/checks/:phase/:item': {
      id: 'contract',
      body: { result: 'ng', evidence: '乗っ取り' },
    },
    'POST /api/v1/vendors/contracts/:id/checks/:phase/:item/files': {
      id: 'contract',
      body: Buffer.from('%PDF-1.4 侵入'),
      headers: { 'content-type': 'application/pdf' },
    },
    'GET /api/v1/vendors/contracts/:id/files/:fileId': { id: 'contract' },
    // Advisories: agency A's advisory and its response.
    'GET /api/v1/advisories/:id': { id: 'advisory' },
    'POST /api/v1/advisories/:id/match': { id: 'advisory' },
    'PATCH /api/v1/advisories/responses/:id': {
      id: 'advisoryResponse',
      body: { status: 'risk_accepted', reason: '乗っ取り' },
    },
    // The security portal: agency A's categories and items are "not found" to agency B.
    'PATCH /api/v1/portal/categories/:id': { id: 'portalCategory', body: { nameJa: '乗っ取り' } },
    'DELETE /api/v1/portal/categories/:id': { id: 'portalCategory' },
    'PUT /api/v1/portal/categories/order': { body: { ids: [ids.portalCategory] } },
    'POST /api/v1/portal/items': {
      body: { categoryId: ids.portalCategory, kind: 'document', titleJa: '侵入' },
    },
    'GET /api/v1/portal/items/:id': { id: 'portalItem' },
    'PATCH /api/v1/portal/items/:id': { id: 'portalItem', body: { titleJa: '乗っ取り' } },
    'DELETE /api/v1/portal/items/:id': { id: 'portalItem' },
    'POST /api/v1/portal/items/:id/publication': { id: 'portalItem', body: { published: false } },
    'GET /api/v1/portal/items/:id/file': { id: 'portalItem' },
    'PUT /api/v1/portal/items/:id/file': {
      id: 'portalItem',
      body: Buffer.from('%PDF-1.4 侵入'),
      headers: { 'content-type': 'application/pdf' },
    },
  };
  const entry = table[`${method} ${url}`];
  if (!entry) return null;
  // The annual report is named by the fiscal year alone: agency B gets its own (empty) year, never A's.
  if (url === '/api/v1/reports/annual/:fiscalYear/export')
    return { url: '/api/v1/reports/annual/2026/export?format=html' };
  const filled = (entry.id ? url.replace(':id', ids[entry.id]!) : url)
    .replace(':sampleId', ids.sample!)
    .replace(':entryId', ids.entry!)
    .replace(':changeId', ids.change!)
    .replace(':policyId', ids.classificationPolicy!)
    .replace(':milestoneId', ids.secauditMilestone!)
    .replace(':paperId', ids.secauditPaper!)
    .replace(':attachmentId', ids.incidentAttachment!)
    .replace(':key', 'report')
    .replace(':token', 'x'.repeat(32))
    .replace(':componentId', ids.systemHost!)
    .replace(':hostId', ids.probeHost!)
    .replace(':phase', 'during')
    .replace(':item', 'education')
    .replace(':fileId', ids.contractFile!);
  if (method === 'DELETE' && url === '/api/v1/systems/:id') return { url: `${filled}?version=1` };
  if (url.endsWith('/papers')) return { url: `${filled}?filename=x.txt` };
  if (url.endsWith('/portal/items/:id/file') && method === 'PUT')
    return { url: `${filled}?filename=x.pdf`, body: entry.body, headers: entry.headers };
  if (url.endsWith('/handling-requirements')) return { url: `${filled}?action=copy&confidentiality=1` };
  if (url.endsWith('/marking')) return { url: `${filled}?confidentiality=1` };
  if (url.endsWith('/entries/export') || url.endsWith('/classification/overview'))
    return { url: `${filled}?unitId=${ids.unit}` };
  if (url.startsWith('/api/v1/training/completion'))
    return { url: `${filled}?courseId=${ids.trainingCourse}&unitId=${ids.unit}` };
  if (url.endsWith('/classification/requirements'))
    return { url: `${filled}?entryId=${ids.markedEntry}&action=transport` };
  const query =
    url.endsWith('/central/selfcheck') || url.endsWith('/central/national')
      ? '?fiscalYear=2026'
      : url.endsWith('/central/national/export')
        ? '?fiscalYear=2026&format=html'
        : method === 'GET' && url.endsWith('/evidence-file')
          ? '?item=update.os'
          : '';
  return { url: `${filled}${query}`, body: entry.body, headers: entry.headers };
}

// Routes that take no foreign identifier: they are checked for leaking agency A's data in their answer.
export const LISTS = new Set([
  'GET /api/v1/systems',
  'GET /api/v1/systems/export',
  'GET /api/v1/systems/counts',
  'GET /api/v1/systems/settings',
  'GET /api/v1/org/units',
  'GET /api/v1/people',
  'GET /api/v1/roles',
  'GET /api/v1/accounts',
  'GET /api/v1/audit-events',
  'GET /api/v1/audit-events/verify',
  'GET /api/v1/me',
  'GET /api/v1/me/tokens',
  'GET /api/v1/auth/session',
  'GET /api/v1/auth/oidc',
  'GET /api/health',
  'GET /api/v1/selfcheck/catalogs',
  'GET /api/v1/selfcheck/policies',
  'GET /api/v1/selfcheck/campaigns',
  'GET /api/v1/selfcheck/my',
  'GET /api/v1/selfcheck/my/preparing',
  'GET /api/v1/drills',
  'GET /api/v1/training/courses',
  'GET /api/v1/training/my',
  'GET /api/v1/training/my/attempts',
  'GET /api/v1/training/rules',
  'GET /api/v1/training/summary',
  'GET /api/v1/drills/summary',
  'GET /api/v1/drills/reports',
  'GET /api/v1/findings',
  'GET /api/v1/findings/export',
  'GET /api/v1/findings/summary',
  'GET /api/v1/findings/critical',
  'GET /api/v1/findings/policy',
  'GET /api/v1/classification/policies',
  'GET /api/v1/classification/settings',
  'GET /api/v1/classification/entries',
  'GET /api/v1/inspections/item-sets',
  'GET /api/v1/inspections/rounds',
  'GET /api/v1/inspections/my-targets',
  'GET /api/v1/classification/requests',
  'GET /api/v1/incidents',
  'GET /api/v1/incidents/summary',
  'GET /api/v1/incidents/flow',
  'GET /api/v1/incidents/year/:fy',
  'GET /api/v1/incidents/year/:fy/export',
  'GET /api/v1/incidents/contact-drills',
  'GET /api/v1/classification/dashboard',
  'GET /api/v1/mail/failures',
  'GET /api/v1/org/settings',
  'GET /api/v1/jobs',
  'GET /api/v1/secaudit/plans',
  'GET /api/v1/secaudit/engagements',
  'GET /api/v1/secaudit/findings',
  'GET /api/v1/secaudit/findings/summary',
  'GET /api/v1/secaudit/findings/export.xlsx',
  'GET /api/v1/exceptions',
  'GET /api/v1/exceptions/summary',
  'GET /api/v1/exceptions/register.xlsx',
  'GET /api/v1/reports/annual/:fiscalYear',
  'GET /api/v1/reports/annual/:fiscalYear/narratives/:key/history',
  'GET /api/v1/vendors/cloud-services',
  'GET /api/v1/vendors/cloud-services/choices',
  'GET /api/v1/vendors/sns-accounts',
  'GET /api/v1/vendors/contracts',
  'GET /api/v1/alerts',
  'GET /api/v1/vendors/checklists',
  'GET /api/v1/vendors/dashboard',
  'GET /api/v1/advisories',
  'GET /api/v1/advisories/responses',
  'GET /api/v1/advisories/mine',
  'GET /api/v1/advisories/overdue',
  'GET /api/v1/portal',
  'GET /api/v1/portal/roles',
  'GET /api/v1/portal/manage/items',
  'GET /api/v1/advisories/card',
  'GET /api/v1/advisories/policy',
  'GET /api/v1/advisories/end-of-support',
  'GET /api/v1/advisories/crypto-migrations',
  'GET /api/v1/central/my-submissions',
  'GET /api/v1/central/subsidiary-submissions',
]);
// Routes that only act on the caller's own session or account, or take files for the caller's own agency.
export const SELF_ONLY = new Set([
  'POST /api/v1/inspections/item-sets',
  'POST /api/v1/auth/login',
  // Single sign-on takes no identifier: only people of the configured agency are matched (oidc.test.ts).
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  // Diagnosis files match hosts of the caller's own ledger only (findings.test.ts: another agency's host is refused).
  'POST /api/v1/findings/import',
  'PUT /api/v1/findings/policy',
  'POST /api/v1/auth/totp',
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  // The ledger's import and consolidation targets act on the caller's own agency only.
  'POST /api/v1/systems/import',
  'PATCH /api/v1/systems/settings',
  'POST /api/v1/me/totp/setup',
  'POST /api/v1/me/totp/enable',
  'POST /api/v1/me/totp/disable',
  'POST /api/v1/me/tokens',
  'POST /api/v1/roles',
  'PATCH /api/v1/org/settings',
  'POST /api/v1/imports/org',
  'POST /api/v1/imports/staff',
  'POST /api/v1/selfcheck/catalogs/import',
  'POST /api/v1/training/courses',
  'POST /api/v1/training/images',
  'POST /api/v1/training/starter-courses/install',
  'POST /api/v1/training/rules/apply',
  // A new audit plan is the caller's own agency's.
  'POST /api/v1/secaudit/plans',
  // A gateway's forwarded mail: only tokens of the caller's own agency's drills are recognised.
  'POST /api/v1/drills/reports/inbound',
  // Incidents: a report into the caller's own agency; the caller's own agency's flow.
  'POST /api/v1/incidents',
  'PUT /api/v1/incidents/flow',
  // The public reporting form: the agency is named by its code; a report adds a case, reads nothing.
  'POST /api/v1/report/:tenantCode',
  // Advisories enter the caller's own agency and are matched against its own ledger only (checked below);
  // the advisory policy is the caller's own agency's.
  // The annual report is the caller's own agency's, named by the fiscal year alone (checked below).
  'PUT /api/v1/reports/annual/:fiscalYear/facts',
  'PUT /api/v1/reports/annual/:fiscalYear/narratives/:key',
  'POST /api/v1/reports/annual/:fiscalYear/request-approval',
  'POST /api/v1/reports/annual/:fiscalYear/approve',
  'POST /api/v1/reports/annual/:fiscalYear/return',
  'POST /api/v1/reports/annual/:fiscalYear/reopen',
  'POST /api/v1/reports/annual/:fiscalYear/statement',
  // A new portal category is the caller's own agency's.
  'POST /api/v1/portal/categories',
  'POST /api/v1/advisories',
  'POST /api/v1/advisories/import',
  'PATCH /api/v1/advisories/policy',
  // Specification clauses are generated from the shipped items alone: no agency's data in or out.
  'POST /api/v1/vendors/spec/text',
  'POST /api/v1/vendors/spec/docx',
  // The caller's own central body's common items, and the government means beside the caller's own
  // figures (submissions.test.ts: never another agency's).
  'GET /api/v1/central/common-items',
  'GET /api/v1/central/government-average',
]);
// Drill tracking: no login; the token alone decides, and unknown tokens get the same answer (drills.test.ts).
export const PUBLIC_TRACKING = new Set([
  'GET /api/v1/t/o/:token',
  'GET /api/v1/t/a/:token',
  'GET /api/v1/t/c/:token',
  'GET /api/v1/t/r/:token',
  'POST /api/v1/t/r/:token',
  'GET /api/v1/t/landing/:token',
  'POST /api/v1/t/survey/:token',
]);

/** Nothing of agency A changed, and agency B's settings still point at its own policy. */
export async function expectAgencyAUnchanged(t: TestApp, w: IsolationWorld) {
  const { a, b, ids } = w;
  const [unit] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.id, ids.unit!));
  expect(unit!.nameJa).not.toBe('乗っ取り');
  const [acc] = await t.sys.db.select().from(accounts).where(eq(accounts.id, ids.account!));
  expect(acc!.disabledAt).toBeNull();
  const [tok] = await t.sys.db.select().from(apiTokens).where(eq(apiTokens.id, ids.token!));
  expect(tok!.revokedAt).toBeNull();
  const probes = await t.sys.db
    .select()
    .from(systemProbeRuns)
    .where(eq(systemProbeRuns.hostId, ids.probeHost!));
  expect(probes).toEqual([]);
  const policy = await a.admin.client.get(`/api/v1/classification/policies/${ids.classificationPolicy}`);
  expect(policy.json().name).toBe('秘密 花子 の格付');
  expect((await b.admin.client.get('/api/v1/classification/settings')).json().activePolicyId).toBe(
    'unified-5th',
  );
  const cloud = (await a.admin.client.get(`/api/v1/vendors/cloud-services/${ids.cloudService}`)).json();
  expect(cloud).toMatchObject({ name: '秘密 花子 のクラウド', lastConfirmedAt: null });
  expect(cloud.responsible.id).toBe(ids.person);
  const sns = (await a.admin.client.get(`/api/v1/vendors/sns-accounts/${ids.snsAccount}`)).json();
  expect(sns).toMatchObject({
    purpose: '秘密 花子 の広報',
    lastConfirmedAt: null,
    checklistUpdatedAt: null,
  });
  const portal = (await a.admin.client.get(`/api/v1/portal/items/${ids.portalItem}`)).json();
  expect(portal).toMatchObject({ titleJa: '秘密 花子 の資料', published: true, file: { size: 22 } });
  expect((await a.admin.client.get('/api/v1/portal')).json().categories).toHaveLength(1);
  const contract = (await a.admin.client.get(`/api/v1/vendors/contracts/${ids.contract}`)).json();
  expect(contract.name).toBe('秘密 花子 の委託');
  const education = contract.checks.find((c: { itemKey: string }) => c.itemKey === 'education');
  expect(education).toMatchObject({ result: null, evidence: '' });
  expect(education.files).toHaveLength(1);
  const [response] = await t.sys.db
    .select()
    .from(advisoryResponses)
    .where(eq(advisoryResponses.id, ids.advisoryResponse!));
  expect(response).toMatchObject({ status: 'open', reason: '秘密 花子 の対応' });
  const delivery = (await a.admin.client.get(`/api/v1/alerts/${ids.alertDelivery}`)).json();
  expect(delivery).toMatchObject({ actionReport: null, reportedAt: null, forwardedCount: 0 });
  expect(delivery.releasedAt).not.toBeNull();
}
