import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson } from '../../test/factories.js';
import { ClassificationAnnual } from '../report/figures-model.js';
import { policyDifferences, ruleText } from './policy-diff.js';
import type { ClassificationPolicy } from './policy-model.js';
import { classificationPolicies, classificationSettings } from './policy-schema.js';
import { shippedPolicy } from './policy-shipped.js';
import { annualFigures } from './public.js';
import { classificationEntries } from './register-schema.js';

// The classification policy in force and its differences from the policy it is based on, as the
// annual report's table lists them (METI's 表1/表2 beside the Unified Standards', 000 L611-751).

function edited(): ClassificationPolicy {
  const p = shippedPolicy('unified-5th');
  p.id = 'copy';
  p.basedOn = 'unified-5th';
  p.levels.confidentiality[2]!.reviewIntervalMonths = 6;
  p.levels.confidentiality[2]!.requiresAccessScope = true;
  const rule = p.rules.find((r) => r.action === 'copy' && r.confidentiality === 3)!;
  rule.allowed = false;
  rule.requirements = [];
  rule.rule = '当省規程 第12条：機密性3情報の複製は禁止';
  return p;
}

describe('differences between two policies (pure)', () => {
  const base = shippedPolicy('unified-5th');
  it.each([
    ['none for the same policy', base, []],
    [
      'a level whose handling changed, and a rule now forbidding',
      edited(),
      [
        {
          subject: '機密性：機密性3情報',
          change: 'アクセス範囲の指定：不要→要／見直し周期：12か月→6か月',
          reason: '',
        },
        {
          subject: '複製：機密性3',
          change: `${ruleText(base.rules.find((r) => r.action === 'copy' && r.confidentiality === 3)!)}→禁止`,
          reason: '当省規程 第12条：機密性3情報の複製は禁止',
        },
      ],
    ],
  ])('gives %s', (_name, mine, expected) => {
    expect(policyDifferences(base, mine as ClassificationPolicy)).toEqual(expected);
  });

  it('lists METI’s fourth confidentiality level and its rules as additions (000 L611-680)', () => {
    const rows = policyDifferences(base, shippedPolicy('meti-2011'));
    expect(rows.some((r) => r.subject.startsWith('機密性：') && r.change.startsWith('区分を追加'))).toBe(
      true,
    );
    expect(rows.filter((r) => r.subject.endsWith('機密性4')).length).toBeGreaterThan(0);
  });
});

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let copyId: string;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  const [row] = await t.sys.db
    .insert(classificationPolicies)
    .values({
      tenantId: tree.tenant.id,
      name: '当省の格付基準',
      basedOn: 'unified-5th',
      definition: edited(),
    })
    .returning();
  copyId = row!.id;
  await t.sys.db
    .update(classificationPolicies)
    .set({ definition: { ...edited(), id: copyId, name: '当省の格付基準' } })
    .where(eq(classificationPolicies.id, copyId));
  await t.sys.db.insert(classificationSettings).values({ tenantId: tree.tenant.id, activePolicyId: copyId });
  const owner = await buildPerson(t, { unit: tree.divA1, account: false });
  const entry = (createdAt: string, status: 'confirmed' | 'archived') => ({
    tenantId: tree.tenant.id,
    unitId: tree.divA1.id,
    policyId: copyId,
    title: `台帳 ${createdAt}`,
    ownerPersonId: owner.person.id,
    form: 'electronic' as const,
    confidentiality: 2,
    scopeRestricted: false,
    status,
    proposedBy: owner.person.id,
    createdAt: new Date(createdAt),
  });
  await t.sys.db.insert(classificationEntries).values([
    // 2027-03-31 23:59 in Japan: FY2026.
    entry('2027-03-31T14:59:00Z', 'confirmed'),
    // 2027-04-01 00:00 in Japan (still 31 March in UTC): FY2027.
    entry('2027-03-31T15:00:00Z', 'confirmed'),
    entry('2026-06-01T00:00:00Z', 'archived'),
  ]);
});
afterAll(() => t.close());

describe('the classification figures of a fiscal year', () => {
  it('names the policy in force, its base and its differences', async () => {
    const f = (await annualFigures(t.sys.db, tree.tenant.id, 2026))!;
    expect(f.policy).toMatchObject({ id: copyId, name: '当省の格付基準', basedOn: 'unified-5th' });
    expect(f.policy!.inForceSince).not.toBeNull();
    expect(f.differences.map((d) => d.subject)).toEqual(['機密性：機密性3情報', '複製：機密性3']);
    expect(f.link).toBe(`/classification/policies/${copyId}`);
    expect(ClassificationAnnual.parse(f)).toEqual(f);
  });

  it('counts the register’s entries at the fiscal year’s end in Japan, archived ones left out', async () => {
    expect((await annualFigures(t.sys.db, tree.tenant.id, 2026))!.registerEntries).toBe(1);
    expect((await annualFigures(t.sys.db, tree.tenant.id, 2027))!.registerEntries).toBe(2);
  });

  it('compares a shipped policy other than the Unified Standards with them', async () => {
    const other = await buildAgencyTree(t);
    await t.sys.db
      .insert(classificationSettings)
      .values({ tenantId: other.tenant.id, activePolicyId: 'meti-2011' });
    const f = (await annualFigures(t.sys.db, other.tenant.id, 2026))!;
    expect(f.policy).toMatchObject({ id: 'meti-2011', basedOn: 'unified-5th' });
    expect(f.differences.length).toBeGreaterThan(0);
    expect(f.registerEntries).toBe(0);
  });

  it('is null for an agency that has not used classification', async () => {
    const other = await buildAgencyTree(t);
    expect(await annualFigures(t.sys.db, other.tenant.id, 2026)).toBeNull();
  });
});
