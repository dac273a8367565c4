import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { classificationSettings } from '../classification/policy-schema.js';
import { collectAnnualFigures } from './figures.js';
import { ClassificationAnnual, OrgAnnual, SelfcheckAnnual } from './figures-model.js';

// Every capability's figures must match its contract's schema: drift between a module and the report
// (which stores statements as JSON and reads them back) fails here.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  const { campaignId } = await buildOpenCampaign(tree.admin.client, { fiscalYear: 2026 });
  await answerAll(tree.admin.client, campaignId, (_, i) => (i % 3 ? 'implemented' : 'not_implemented'));
  await t.sys.db
    .insert(classificationSettings)
    .values({ tenantId: tree.tenant.id, activePolicyId: 'meti-2011' });
});
afterAll(() => t.close());

describe('collectAnnualFigures', () => {
  it('gathers the organisation, the self-check and classification, each valid against its schema', async () => {
    const f = await collectAnnualFigures(t.sys.db, tree.tenant.id, 2026);
    expect([f.tenantId, f.fiscalYear]).toEqual([tree.tenant.id, 2026]);
    expect(OrgAnnual.strict().parse(f.org)).toEqual(f.org);
    expect(f.selfcheck).not.toBeNull();
    expect(SelfcheckAnnual.strict().parse(f.selfcheck)).toEqual(f.selfcheck);
    expect(f.classification).not.toBeNull();
    expect(ClassificationAnnual.strict().parse(f.classification)).toEqual(f.classification);
  });

  it('is null where a capability was not used that year', async () => {
    const f = await collectAnnualFigures(t.sys.db, tree.tenant.id, 2020);
    expect(f.selfcheck).toBeNull();
    const other = await buildAgencyTree(t);
    expect((await collectAnnualFigures(t.sys.db, other.tenant.id, 2026)).classification).toBeNull();
    for (const k of [
      'inspections',
      'training',
      'drills',
      'incidents',
      'audits',
      'systems',
      'vendors',
    ] as const)
      expect(f[k]).toBeNull();
  });
});
