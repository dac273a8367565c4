// The demo's information register: デモ省 classifies under its own copy of METI's policy (機密性1-4, the
// division head confirms every classification, 機密性3/4 need an access scope), and a few divisions hold
// entries at every status — one returned with a correction comment — with a pending and an approved
// request. Everything goes through the product's services as the people concerned, so serial numbers,
// histories and the audit trail are exactly what the app itself writes.
import { and, eq, inArray } from 'drizzle-orm';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { loadActor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { copyPolicy, setSettings } from '../classification/policy-service.js';
import { confirmEntry, createEntry, returnEntry } from '../classification/register-service.js';
import type { CreateEntryBody } from '../classification/register-validation.js';
import { createRequest, decideRequest } from '../classification/request-service.js';
import { orgUnits, people } from '../org/schema.js';
import type { DemoPlan } from './generate.js';

export const DEMO_CLASSIFICATION_POLICY = 'デモ省 情報の格付及び取扱制限に関する基準';

export interface ClassificationSeedResult {
  policyId: string;
  entries: number;
  /** Divisions that hold entries, by unit code, with the staff numbers of the people used. */
  divisions: { unitCode: string; headStaffNo: string; staffNos: string[] }[];
}

type Body = Omit<CreateEntryBody, 'description' | 'storageLocation' | 'restrictions' | 'retentionNote'> &
  Partial<Pick<CreateEntryBody, 'description' | 'storageLocation' | 'restrictions' | 'retentionNote'>>;

const entry = (b: Body): CreateEntryBody => ({
  description: '',
  storageLocation: '',
  restrictions: [],
  retentionNote: '',
  ...b,
});

/**
 * Divisions with a head and at least two active regular members of the division itself, in plan order
 * (so the same plan always gives the same picks). Exported for the browser test, which uses the next one.
 */
export function demoDivisions(plan: DemoPlan) {
  const heads = new Map(
    plan.assignments
      .filter((a) => a.role === 'division_security_officer')
      .map((a) => [a.unitCode, a.staffNo]),
  );
  const special = new Set(
    plan.assignments
      .filter((a) => a.role !== 'staff' && a.role !== 'division_security_officer')
      .map((a) => a.staffNo),
  );
  special.add(plan.adminStaffNo);
  return plan.units
    .filter((u) => u.kind === 'division' && heads.has(u.code))
    .map((u) => ({
      unitCode: u.code,
      unitName: u.nameJa,
      headStaffNo: heads.get(u.code)!,
      staffNos: plan.people
        .filter(
          (p) =>
            p.unitCode === u.code &&
            p.staffNo !== heads.get(u.code) &&
            !special.has(p.staffNo) &&
            p.status === 'active' &&
            p.employmentType === 'regular',
        )
        .map((p) => p.staffNo),
    }))
    .filter((d) => d.staffNos.length >= 3);
}

async function actorsByStaffNo(ctx: Ctx, tenantId: string, staffNos: string[]) {
  const rows = await ctx.db
    .select({ accountId: accounts.id, staffNo: people.staffNo, personId: people.id, unitId: people.unitId })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(accounts.tenantId, tenantId), inArray(people.staffNo, staffNos)));
  const out = new Map<string, ActorCtx & { unitId: string }>();
  for (const r of rows) {
    const actor = await loadActor(ctx.db, r.accountId, 'session');
    if (!actor) throw new Error(`demo account ${r.staffNo} cannot act`);
    out.set(r.staffNo, { ...ctx, actor, requestId: null, ip: null, unitId: r.unitId });
  }
  return (staffNo: string) => {
    const a = out.get(staffNo);
    if (!a) throw new Error(`demo person ${staffNo} has no account`);
    return a;
  };
}

/** Seeds the register of the demo agency (called by seedDemo inside its transaction). */
export async function seedDemoClassification(
  ctx: Ctx,
  opts: { tenantId: string; plan: DemoPlan },
): Promise<ClassificationSeedResult> {
  const { plan, tenantId } = opts;
  const picked = demoDivisions(plan).slice(0, 3);
  const staffNos = [plan.adminStaffNo, ...picked.flatMap((d) => [d.headStaffNo, ...d.staffNos.slice(0, 3)])];
  const as = await actorsByStaffNo(ctx, tenantId, staffNos);

  // The agency's own copy of METI's stricter policy, in force.
  const admin = as(plan.adminStaffNo);
  const policy = await copyPolicy(admin, { from: 'meti-2011', name: DEMO_CLASSIFICATION_POLICY });
  await setSettings(admin, { activePolicyId: policy.id });

  let entries = 0;
  const create = async (who: ActorCtx, body: Body) => {
    entries++;
    return createEntry(who, entry(body));
  };
  const units = await ctx.db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.tenantId, tenantId),
        inArray(
          orgUnits.code,
          picked.map((d) => d.unitCode),
        ),
      ),
    );
  const unitId = new Map(units.map((u) => [u.code, u.id]));

  for (const [i, d] of picked.entries()) {
    const head = as(d.headStaffNo);
    const [a, b, c] = [as(d.staffNos[0]!), as(d.staffNos[1]!), as(d.staffNos[2]!)];
    const unitScope = { personIds: [], unitIds: [unitId.get(d.unitCode)!] };

    const budget = await create(a, {
      title: `令和9年度 概算要求資料（${d.unitName}・検討中）`,
      description: '省内調整中の概算要求の積算資料。',
      form: 'electronic',
      storageLocation: `共有フォルダ ¥${d.unitName}¥予算`,
      confidentiality: 2,
      integrity: 2,
      availability: 1,
      retentionUntil: '2032-03-31',
      retentionNote: '保存期間5年',
    });
    await confirmEntry(head, budget.id, {});

    const personnel = await create(b, {
      title: `${d.unitName} 職員の人事評価記録（令和8年度上期）`,
      form: 'paper',
      confidentiality: 3,
      restrictions: [{ key: 'no_copy' }, { key: 'no_takeout' }],
      accessScope: { personIds: [b.actor.personId], unitIds: [] },
      retentionNote: '評価期間終了後5年',
    });
    await confirmEntry(head, personnel.id, {
      storageLocation: `${d.unitName} 施錠書庫 A-2`,
      comment: '保存場所を施錠書庫に指定しました。',
    });

    if (i === 0) {
      // A 機密性4 item gets its serial number from the agency counter.
      const secret = await create(a, {
        title: '国際交渉における対処方針（非公開部分）',
        form: 'both',
        confidentiality: 4,
        restrictions: [{ key: 'no_copy' }, { key: 'no_redistribution' }],
        accessScope: unitScope,
      });
      await confirmEntry(head, secret.id, { storageLocation: '金庫室 第1金庫' });

      // Returned with a correction comment, waiting for the owner to correct it.
      const memo = await create(c, {
        title: '関係団体との打合せメモ（11月5日）',
        description: '打合せの出席者と議事の要旨。',
        form: 'electronic',
        confidentiality: 3,
        accessScope: unitScope,
      });
      await returnEntry(head, memo.id, {
        comment:
          '公表予定の内容が中心のため機密性2で足ります。出席者の個人情報を含む部分だけを別に登録してください。',
      });

      // Waiting for the head's confirmation.
      await create(c, {
        title: '課内勉強会の資料（情報セキュリティ）',
        form: 'electronic',
        confidentiality: 1,
      });

      // An approved request to carry the budget papers out, and one waiting for the head.
      const carry = await createRequest(a, {
        entryId: budget.id,
        action: 'transport',
        details: '財務省との協議に持参するため（ノートPCに暗号化して保存）。',
        destination: '財務省 主計局 会議室',
      });
      await decideRequest(head, carry.id, 'approved', '協議後は速やかに消去してください。');
      await createRequest(b, {
        entryId: personnel.id,
        action: 'provide',
        details: '人事課の評価調整会議に提出するため。',
        destination: '省内の評価調整会議',
      });
    } else {
      await create(c, {
        title: `${d.unitName} 業務委託契約の仕様書（案）`,
        form: 'electronic',
        confidentiality: 2,
        restrictions: [{ key: 'no_redistribution' }],
      });
    }
  }
  return {
    policyId: policy.id,
    entries,
    divisions: picked.map((d) => ({
      unitCode: d.unitCode,
      headStaffNo: d.headStaffNo,
      staffNos: d.staffNos.slice(0, 3),
    })),
  };
}
