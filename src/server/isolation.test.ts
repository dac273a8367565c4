import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, apiTokens } from '../modules/accounts/schema.js';
import {
  handlingRequests,
  classificationEntries as markedEntries,
} from '../modules/classification/register-schema.js';
import { orgUnits } from '../modules/org/schema.js';
import { roleAssignments } from '../modules/roles/schema.js';
import { auditSampleEntries, campaignMembers, policyChanges } from '../modules/selfcheck/schema.js';
import { systemHosts, systemProbeRuns, systems } from '../modules/systems/schema.js';
import { buildTestApp, type Client, type TestApp } from '../test/app.js';
import { buildAgencyTree, buildPerson, loginAs, roleByKey } from '../test/factories.js';
import { answerAll, buildOpenCampaign } from '../test/selfcheck.js';

// The permission model's promises, tried on every route:
// an agency's user never reads or changes another agency's anything, and a division head sees only
// their own division's subtree.

let t: TestApp;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;
let b: Awaited<ReturnType<typeof buildAgencyTree>>;
let ids: Record<string, string>;
let policyDefinition: Record<string, unknown>;

beforeAll(async () => {
  t = await buildTestApp();
  a = await buildAgencyTree(t);
  b = await buildAgencyTree(t);
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
  policyDefinition = { name: '乗っ取り', levels, restrictions, rules };
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
  // Agency A's ledger host, opted in to probes on 443.
  const [system] = await t.sys.db
    .insert(systems)
    .values({ tenantId: a.tenant.id, code: 'SYS-A', name: '秘密 花子 のシステム', unitId: a.divA1.id })
    .returning();
  const [host] = await t.sys.db
    .insert(systemHosts)
    .values({
      tenantId: a.tenant.id,
      systemId: system!.id,
      role: 'web',
      name: 'www.a.example.go.jp',
      addresses: ['127.0.0.1'],
      probeOptIn: true,
      probePorts: [443],
    })
    .returning();
  ids = {
    systemHost: host!.id,
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
  };
});
afterAll(() => t.close());

/** For each route: the path parameters and body an attacker in agency B would send, aimed at agency A. */
function attack(method: string, url: string): { url: string; body?: unknown } | null {
  const table: Record<string, { id?: keyof typeof ids; body?: unknown }> = {
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
    // The central body's routes: an agency user holds no central.read at all.
    'GET /api/v1/central/submissions': {},
    'GET /api/v1/central/submissions/:id': { id: 'campaign' },
    'GET /api/v1/central/selfcheck': {},
  };
  const entry = table[`${method} ${url}`];
  if (!entry) return null;
  const filled = (entry.id ? url.replace(':id', ids[entry.id]!) : url)
    .replace(':sampleId', ids.sample!)
    .replace(':entryId', ids.entry!)
    .replace(':changeId', ids.change!)
    .replace(':policyId', ids.classificationPolicy!)
    .replace(':hostId', ids.systemHost!);
  if (url.endsWith('/handling-requirements')) return { url: `${filled}?action=copy&confidentiality=1` };
  if (url.endsWith('/marking')) return { url: `${filled}?confidentiality=1` };
  if (url.endsWith('/entries/export') || url.endsWith('/classification/overview'))
    return { url: `${filled}?unitId=${ids.unit}` };
  if (url.startsWith('/api/v1/training/completion'))
    return { url: `${filled}?courseId=${ids.trainingCourse}&unitId=${ids.unit}` };
  if (url.endsWith('/classification/requirements'))
    return { url: `${filled}?entryId=${ids.markedEntry}&action=transport` };
  return { url: url.endsWith('/central/selfcheck') ? `${filled}?fiscalYear=2026` : filled, body: entry.body };
}

// Routes that take no foreign identifier: they are checked for leaking agency A's data in their answer.
const LISTS = new Set([
  'GET /api/v1/org/units',
  'GET /api/v1/people',
  'GET /api/v1/roles',
  'GET /api/v1/accounts',
  'GET /api/v1/audit-events',
  'GET /api/v1/audit-events/verify',
  'GET /api/v1/me',
  'GET /api/v1/me/tokens',
  'GET /api/v1/auth/session',
  'GET /api/health',
  'GET /api/v1/selfcheck/catalogs',
  'GET /api/v1/selfcheck/policies',
  'GET /api/v1/selfcheck/campaigns',
  'GET /api/v1/selfcheck/my',
  'GET /api/v1/drills',
  'GET /api/v1/training/courses',
  'GET /api/v1/training/my',
  'GET /api/v1/training/my/attempts',
  'GET /api/v1/training/rules',
  'GET /api/v1/training/summary',
  'GET /api/v1/drills/summary',
  'GET /api/v1/drills/reports',
  'GET /api/v1/classification/policies',
  'GET /api/v1/classification/settings',
  'GET /api/v1/classification/entries',
  'GET /api/v1/classification/requests',
  'GET /api/v1/classification/dashboard',
  'GET /api/v1/mail/failures',
  'GET /api/v1/org/settings',
]);
// Routes that only act on the caller's own session or account, or take files for the caller's own agency.
const SELF_ONLY = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/totp',
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
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
  // A gateway's forwarded mail: only tokens of the caller's own agency's drills are recognised.
  'POST /api/v1/drills/reports/inbound',
]);
// Drill tracking: no login; the token alone decides, and unknown tokens get the same answer (drills.test.ts).
const PUBLIC_TRACKING = new Set([
  'GET /api/v1/t/o/:token',
  'GET /api/v1/t/a/:token',
  'GET /api/v1/t/c/:token',
  'GET /api/v1/t/r/:token',
  'POST /api/v1/t/r/:token',
  'GET /api/v1/t/landing/:token',
  'POST /api/v1/t/survey/:token',
]);

describe('an agency administrator cannot reach another agency', () => {
  it('every route is covered by this sweep', () => {
    const uncovered = t.app.mamoruRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter(
        (k) =>
          !LISTS.has(k) &&
          !SELF_ONLY.has(k) &&
          !PUBLIC_TRACKING.has(k) &&
          !attack(k.split(' ')[0]!, k.split(' ')[1]!),
      );
    expect(uncovered).toEqual([]);
  });

  it('gets "not found" (never data, never a change) on every route aimed at agency A', async () => {
    const outcomes: string[] = [];
    for (const r of t.app.mamoruRoutes) {
      const target = attack(r.method, r.url);
      if (!target) continue;
      const res = await b.admin.client.request({
        method: r.method as 'GET',
        url: target.url,
        ...(target.body !== undefined ? { payload: target.body as object } : {}),
      });
      outcomes.push(`${r.method} ${r.url} → ${res.statusCode}`);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
      expect(res.body).not.toContain('秘密 花子');
    }
    expect(outcomes.length).toBeGreaterThan(10);
    // Nothing of agency A changed.
    const [unit] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.id, ids.unit!));
    expect(unit!.nameJa).not.toBe('乗っ取り');
    const [acc] = await t.sys.db.select().from(accounts).where(eq(accounts.id, ids.account!));
    expect(acc!.disabledAt).toBeNull();
    const [tok] = await t.sys.db.select().from(apiTokens).where(eq(apiTokens.id, ids.token!));
    expect(tok!.revokedAt).toBeNull();
    const probes = await t.sys.db
      .select()
      .from(systemProbeRuns)
      .where(eq(systemProbeRuns.hostId, ids.systemHost!));
    expect(probes).toEqual([]);
    const policy = await a.admin.client.get(`/api/v1/classification/policies/${ids.classificationPolicy}`);
    expect(policy.json().name).toBe('秘密 花子 の格付');
    expect((await b.admin.client.get('/api/v1/classification/settings')).json().activePolicyId).toBe(
      'unified-5th',
    );
  });

  it('sees none of agency A in any list', async () => {
    for (const key of LISTS) {
      const url = key.split(' ')[1]!;
      const res = await b.admin.client.get(url === '/api/v1/people' ? `${url}?q=秘密` : url);
      expect(res.statusCode, key).toBeLessThan(300);
      expect(res.body, key).not.toContain('秘密 花子');
      expect(res.body, key).not.toContain(a.tenant.nameJa);
      expect(res.body, key).not.toContain(a.divA1.id);
    }
  });

  it('cannot use an API token of agency B on agency A either', async () => {
    const res = await b.admin.client.post('/api/v1/me/tokens', { name: 'b', scopes: ['org.read', 'self'] });
    const token = res.json().token as string;
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${ids.person}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.statusCode).toBe(404);
  });
});

describe('a division head sees only their division', () => {
  let head: Client;
  beforeAll(async () => {
    head = (await loginAs(t, { unit: a.divA1, roles: ['division_security_officer'] })).client;
  });

  it('lists units and people of their own subtree only', async () => {
    await buildPerson(t, { unit: a.divA2, name: '隣課 職員' });
    const units = (await head.get('/api/v1/org/units')).json().items as { id: string }[];
    expect(units.map((u) => u.id)).toEqual([a.divA1.id]);
    const list = await head.get('/api/v1/people?pageSize=200');
    expect(list.body).toContain('秘密 花子');
    expect(list.body).not.toContain('隣課 職員');
  });

  it('gets "not found" for a person or unit of the neighbouring division', async () => {
    const neighbour = await buildPerson(t, { unit: a.divA2 });
    expect((await head.get(`/api/v1/people/${neighbour.person.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/org/units/${a.divA2.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/people?unitId=${a.divA2.id}`)).statusCode).toBe(404);
  });

  it('cannot change people, roles or accounts (no such permission)', async () => {
    expect((await head.patch(`/api/v1/people/${ids.person}`, { name: '変更' })).statusCode).toBe(403);
    expect(
      (await head.post(`/api/v1/people/${ids.person}/roles`, { roleId: ids.role, unitId: ids.unit }))
        .statusCode,
    ).toBe(403);
    expect((await head.get('/api/v1/accounts')).statusCode).toBe(403);
    expect((await head.get('/api/v1/audit-events')).statusCode).toBe(403);
  });

  it('can still read their own profile', async () => {
    const me = (await head.get('/api/v1/me')).json();
    expect((await head.get(`/api/v1/people/${me.person.id}`)).statusCode).toBe(200);
  });
});

describe('a bureau security officer sees the whole bureau', () => {
  it('lists both divisions of the bureau but not the other bureau', async () => {
    const officer = await loginAs(t, { unit: a.bureauA, roles: ['security_officer'] });
    const ids2 = ((await officer.client.get('/api/v1/org/units')).json().items as { id: string }[])
      .map((u) => u.id)
      .sort();
    expect(ids2).toEqual([a.bureauA.id, a.divA1.id, a.divA2.id].sort());
  });
});
