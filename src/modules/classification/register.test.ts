import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInJapan } from '../../lib/dates.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { auditEvents } from '../audit/schema.js';
import {
  buildRegisterWorld,
  captureMail,
  entryBody,
  type RegisterWorld,
  type Sent,
  useMetiPolicy,
} from './register.fixtures.js';
import { addMonths } from './register-rules.js';
import { classificationEntries } from './register-schema.js';

// The register under METI's policy (000 L740-800): staff propose, the division head confirms or returns
// with a correction, 機密性4 gets a serial number, and people outside an entry's access scope never
// learn that it exists — on any path.

let t: TestApp;
let w: RegisterWorld;
let mail: Sent[];

beforeAll(async () => {
  t = await buildTestApp();
  mail = captureMail(t);
  w = await buildRegisterWorld(t);
  await useMetiPolicy(w.admin.client);
});
afterAll(() => t.close());

const API = '/api/v1/classification';

async function propose(client: Client, body: Record<string, unknown>) {
  const res = await client.post(`${API}/entries`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function titlesSeenBy(client: Client, query = '') {
  const res = await client.get(`${API}/entries?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { title: string }[]).map((i) => i.title);
}

describe('proposing an entry', () => {
  it('records a proposal by any staff member in their own division and mails the division head', async () => {
    mail.length = 0;
    const entry = await propose(w.staff.client, entryBody(2));
    expect(entry.status).toBe('proposed');
    expect(entry.policyId).toBe('meti-2011');
    expect(entry.unitId).toBe(w.divA1.id);
    expect(entry.owner.id).toBe(w.staff.person.id);
    expect(entry.serialNo).toBeNull();
    expect(entry.marking).toBe('機密性2情報 完全性2情報 可用性2情報');
    expect(entry.history.map((h: { kind: string }) => h.kind)).toEqual(['proposed']);
    const toHead = mail.filter((m) => m.subject.includes('確認依頼'));
    expect(toHead).toHaveLength(1);
    expect(toHead[0]!.text).toMatch(/課長 一郎 様/);
  });

  it('requires an access scope for 機密性3 and names the field', async () => {
    const res = await w.staff.client.post(`${API}/entries`, { ...entryBody(2), confidentiality: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.accessScope');
  });

  it('rejects levels and restrictions the policy does not define', async () => {
    const bad = await w.staff.client.post(`${API}/entries`, entryBody(2, { confidentiality: 7 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.confidentiality');
    const badR = await w.staff.client.post(
      `${API}/entries`,
      entryBody(2, { restrictions: [{ key: 'top_secret' }] }),
    );
    expect(badR.statusCode).toBe(400);
    expect(badR.json().errors[0].path).toBe('body.restrictions.0.key');
  });

  it('refuses to register in a division the proposer does not belong to', async () => {
    const res = await w.staff.client.post(`${API}/entries`, entryBody(2, { unitId: w.divB1.id }));
    expect(res.statusCode).toBe(403);
  });

  it('refuses an unauthenticated caller on every register and request route', async () => {
    const mine = t.app.mamoruRoutes.filter((r) =>
      /^\/api\/v1\/classification\/(entries|requests|requirements|overview|dashboard)/.test(r.url),
    );
    expect(mine.length).toBe(18);
    for (const r of mine) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});

describe('the correction flow', () => {
  it('propose → return with comment → edit → re-propose → confirm, every step in the history and the audit trail', async () => {
    const entry = await propose(w.staff.client, entryBody(3, {}, [w.named.person.id]));
    // Only the head may return, and only with a comment.
    expect(
      (await w.staff.client.post(`${API}/entries/${entry.id}/return`, { comment: 'x' })).statusCode,
    ).toBe(403);
    expect((await w.head.client.post(`${API}/entries/${entry.id}/return`, { comment: '' })).statusCode).toBe(
      400,
    );
    mail.length = 0;
    const returned = await w.head.client.post(`${API}/entries/${entry.id}/return`, {
      comment: '個人情報を含むため取扱制限「複製禁止」を付けてください',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().correctionComment).toMatch(/複製禁止/);
    expect(mail.some((m) => m.subject.includes('修正指示') && m.text.includes('複製禁止'))).toBe(true);
    // Confirming a returned entry is not possible until it is proposed again.
    expect((await w.head.client.post(`${API}/entries/${entry.id}/confirm`, {})).statusCode).toBe(409);
    // A colleague cannot edit someone else's proposal (and cannot even see this 機密性3 entry).
    expect((await w.colleague.client.patch(`${API}/entries/${entry.id}`, { title: 'x' })).statusCode).toBe(
      404,
    );

    const edited = await w.staff.client.patch(`${API}/entries/${entry.id}`, {
      restrictions: [{ key: 'no_copy' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().status).toBe('proposed');
    expect(edited.json().correctionComment).toMatch(/複製禁止/);
    const confirmed = await w.head.client.post(`${API}/entries/${entry.id}/confirm`, { comment: '妥当' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const c = confirmed.json();
    expect(c.status).toBe('confirmed');
    expect(c.correctionComment).toBeNull();
    expect(c.confirmedBy.id).toBe(w.head.person.id);
    expect(c.reviewDueOn).toBe(addMonthsIso(12));
    expect(c.marking).toBe('機密性3情報 完全性2情報 可用性2情報 取扱制限：複製禁止');
    expect(c.history.map((h: { kind: string }) => h.kind)).toEqual([
      'proposed',
      'returned',
      'proposed',
      'confirmed',
    ]);
    expect(c.history[1].comment).toMatch(/複製禁止/);
    expect(c.history[1].person.id).toBe(w.head.person.id);
    expect(c.history[2].changes.restrictions).toEqual([[], [{ key: 'no_copy', param: null }]]);
    // Editing a confirmed entry is over; a second confirmation too.
    expect((await w.staff.client.patch(`${API}/entries/${entry.id}`, { title: 'y' })).statusCode).toBe(409);
    expect((await w.head.client.post(`${API}/entries/${entry.id}/confirm`, {})).statusCode).toBe(409);

    const trail = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, entry.id));
    expect(trail.map((a) => a.action)).toEqual([
      'classification.entry_propose',
      'classification.entry_return',
      'classification.entry_update',
      'classification.entry_confirm',
    ]);
  });

  it('lets owner or head mark a review (next date) and archive; others may not', async () => {
    const entry = await propose(w.staff.client, entryBody(2));
    await w.head.client.post(`${API}/entries/${entry.id}/confirm`, {});
    expect((await w.colleague.client.post(`${API}/entries/${entry.id}/review`, {})).statusCode).toBe(403);
    const reviewed = await w.staff.client.post(`${API}/entries/${entry.id}/review`, {
      nextReviewOn: '2099-01-31',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().reviewDueOn).toBe('2099-01-31');
    expect(
      (await w.staff.client.post(`${API}/entries/${entry.id}/review`, { nextReviewOn: '2000-01-01' }))
        .statusCode,
    ).toBe(400);
    expect((await w.colleague.client.post(`${API}/entries/${entry.id}/archive`, {})).statusCode).toBe(403);
    const archived = await w.head.client.post(`${API}/entries/${entry.id}/archive`, { comment: '廃棄済み' });
    expect(archived.json().status).toBe('archived');
    expect((await w.head.client.post(`${API}/entries/${entry.id}/archive`, {})).statusCode).toBe(409);
    // Archived entries leave the default list but stay findable by status.
    expect(await titlesSeenBy(w.staff.client)).not.toContain(entry.title);
    expect(await titlesSeenBy(w.staff.client, '&status=archived')).toContain(entry.title);
  });
});

/** Review dates count from today in Japan (the service's day), not from the UTC date. */
function addMonthsIso(months: number) {
  return addMonths(todayInJapan(), months);
}

describe('serial numbers of 機密性4 (000 L790)', () => {
  it('gives 50 concurrent creations 50 distinct contiguous numbers, and never issues one again', async () => {
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        w.staff.client.post(`${API}/entries`, entryBody(4, { title: `並行${i}` }, [w.staff.person.id])),
      ),
    );
    for (const res of created) expect(res.statusCode, res.body).toBe(201);
    const serials = created.map((r) => r.json().serialNo as string);
    expect(new Set(serials).size).toBe(50);
    const numbers = serials.map((s) => Number(s.split('-')[1])).sort((a, b) => a - b);
    expect(numbers[49]! - numbers[0]!).toBe(49);
    expect(serials[0]).toMatch(/^\d{4}-\d{6}$/);

    // Lowering the level keeps the number; archiving keeps it; the next entry gets a new one.
    const first = created[0]!.json();
    const lowered = await w.staff.client.patch(`${API}/entries/${first.id}`, {
      confidentiality: 3,
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json().serialNo).toBe(first.serialNo);
    const second = created[1]!.json();
    await w.head.client.post(`${API}/entries/${second.id}/archive`, {});
    const next = await propose(w.staff.client, entryBody(4, {}, [w.staff.person.id]));
    expect(Number(next.serialNo.split('-')[1])).toBe(numbers[49]! + 1);
    const all = await t.sys.db.select({ s: classificationEntries.serialNo }).from(classificationEntries);
    const issued = all.map((r) => r.s).filter(Boolean);
    expect(new Set(issued).size).toBe(issued.length);
  });
});

describe('access scope hides an entry on every path', () => {
  let secret: { id: string; title: string };
  let open: { id: string; title: string };

  beforeAll(async () => {
    secret = await propose(
      w.staff.client,
      entryBody(3, { title: '極秘ではない人事案（機密性3）', description: '合言葉は青い鳥' }, [
        w.named.person.id,
      ]),
    );
    await w.head.client.post(`${API}/entries/${secret.id}/confirm`, {});
    open = await propose(
      w.staff.client,
      entryBody(2, { title: '課内向け会議資料', restrictions: [{ key: 'no_copy' }] }),
    );
  });

  const seers = () =>
    [
      ['the proposer', w.staff],
      ['the division head', w.head],
      ['a person named in the scope (another bureau)', w.named],
    ] as const;
  const blind = () =>
    [
      ['a colleague in the same division', w.colleague],
      ['a neighbour division', w.neighbour],
      ['an outsider in another bureau', w.outsider],
      ['the bureau officer above the head', w.officer],
      ['the CISO', w.ciso],
      ['the system administrator (confirm at the root)', w.admin],
    ] as const;

  it('shows it to owner, head and named people', async () => {
    for (const [, who] of seers()) {
      expect(await titlesSeenBy(who.client)).toContain(secret.title);
      expect((await who.client.get(`${API}/entries/${secret.id}`)).statusCode).toBe(200);
    }
  });

  it('hides it in lists, search, detail, counts and export from everyone else', async () => {
    for (const [label, who] of blind()) {
      const list = await who.client.get(`${API}/entries?pageSize=200`);
      expect(list.body, label).not.toContain(secret.title);
      const search = await who.client.get(`${API}/entries?q=${encodeURIComponent('青い鳥')}`);
      expect(search.json().total, label).toBe(0);
      const filtered = await who.client.get(`${API}/entries?confidentiality=3&unitId=${w.divA1.id}`);
      expect(filtered.body, label).not.toContain(secret.id);
      const detail = await who.client.get(`${API}/entries/${secret.id}`);
      expect(detail.statusCode, label).toBe(404);
      for (const op of ['confirm', 'return', 'review', 'archive']) {
        const res = await who.client.post(
          `${API}/entries/${secret.id}/${op}`,
          op === 'return' ? { comment: 'x' } : {},
        );
        // confirm/return need classification.confirm: without it the route itself answers 403, which
        // says nothing about the entry; everything else is 404.
        const routeLevel =
          (op === 'confirm' || op === 'return') &&
          !['the bureau officer above the head', 'the system administrator (confirm at the root)'].includes(
            label,
          );
        expect(res.statusCode, `${label} ${op}`).toBe(routeLevel ? 403 : 404);
      }
      expect((await who.client.patch(`${API}/entries/${secret.id}`, { title: 'x' })).statusCode, label).toBe(
        404,
      );
      const xlsx = await who.client.get(`${API}/entries/export?unitId=${w.divA1.id}`);
      expect(xlsx.statusCode, label).toBe(200);
      const titles = await xlsxTitles(xlsx.rawPayload);
      expect(titles, label).not.toContain(secret.title);
      const dash = await who.client.get(`${API}/dashboard`);
      expect(dash.body, label).not.toContain(secret.title);
    }
  });

  it('lets everyone in a unit named in the scope see it, and nobody else', async () => {
    const shared = await propose(w.staff.client, {
      ...entryBody(3, { title: '第二課と共有する資料' }),
      accessScope: { personIds: [], unitIds: [w.divA2.id] },
    });
    expect((await w.neighbour.client.get(`${API}/entries/${shared.id}`)).statusCode).toBe(200);
    expect((await w.head2.client.get(`${API}/entries/${shared.id}`)).statusCode).toBe(200);
    expect((await w.colleague.client.get(`${API}/entries/${shared.id}`)).statusCode).toBe(404);
    expect((await w.outsider.client.get(`${API}/entries/${shared.id}`)).statusCode).toBe(404);
    const detail = (await w.staff.client.get(`${API}/entries/${shared.id}`)).json();
    expect(detail.accessScope.units).toEqual([{ id: w.divA2.id, name: w.divA2.nameJa }]);
  });

  it('lets unit members see 機密性2 entries of their division, not other divisions', async () => {
    expect(await titlesSeenBy(w.colleague.client)).toContain(open.title);
    expect(await titlesSeenBy(w.neighbour.client)).not.toContain(open.title);
    expect((await w.neighbour.client.get(`${API}/entries/${open.id}`)).statusCode).toBe(404);
  });

  it('exports the visible part of a unit register to .xlsx', async () => {
    const res = await w.head.client.get(`${API}/entries/export?unitId=${w.divA1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const titles = await xlsxTitles(res.rawPayload);
    expect(titles).toContain(secret.title);
    expect(titles).toContain(open.title);
  });

  it('gives managers and the CISO counts by unit and level, never titles', async () => {
    const res = await w.ciso.client.get(`${API}/overview`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const c3 = body.items.find(
      (i: { unitId: string; confidentiality: number; status: string }) =>
        i.unitId === w.divA1.id && i.confidentiality === 3 && i.status === 'confirmed',
    );
    expect(c3.count).toBeGreaterThanOrEqual(1);
    expect(res.body).not.toContain(secret.title);
    expect(res.body).not.toContain('青い鳥');
    // Staff without classification.overview may not ask; a head sees only their subtree.
    expect((await w.staff.client.get(`${API}/overview`)).statusCode).toBe(403);
    const own = await w.head2.client.get(`${API}/overview`);
    expect(own.json().items.every((i: { unitId: string }) => i.unitId === w.divA2.id)).toBe(true);
    expect((await w.head2.client.get(`${API}/overview?unitId=${w.divA1.id}`)).statusCode).toBe(404);
  });

  it('filters by level, restriction, status and review due', async () => {
    const c3 = await w.head.client.get(`${API}/entries?confidentiality=3&pageSize=200`);
    expect(c3.json().items.every((i: { confidentiality: number }) => i.confidentiality === 3)).toBe(true);
    const noCopy = await w.head.client.get(`${API}/entries?restriction=no_copy`);
    expect(noCopy.json().total).toBeGreaterThanOrEqual(1);
    expect(
      noCopy
        .json()
        .items.every((i: { restrictions: { key: string }[] }) =>
          i.restrictions.some((r) => r.key === 'no_copy'),
        ),
    ).toBe(true);
    await t.sys.db
      .update(classificationEntries)
      .set({ reviewDueOn: '2020-01-01' })
      .where(eq(classificationEntries.id, secret.id));
    const due = await w.head.client.get(`${API}/entries?reviewDue=true`);
    expect(due.json().items.map((i: { id: string }) => i.id)).toEqual([secret.id]);
    const dash = (await w.head.client.get(`${API}/dashboard`)).json();
    expect(dash.reviewsDue.items.map((i: { id: string }) => i.id)).toContain(secret.id);
    const proposed = await w.head.client.get(`${API}/entries?status=proposed&unitId=${w.divA1.id}`);
    expect(dash.pendingConfirmations.count).toBe(proposed.json().total);
    expect(dash.pendingConfirmations.count).toBeGreaterThan(0);
    // Another division's head sees none of it on their dashboard.
    const other = (await w.head2.client.get(`${API}/dashboard`)).json();
    expect(other.pendingConfirmations.count).toBe(0);
    expect(other.reviewsDue.count).toBe(0);
  });
});

async function xlsxTitles(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const titles: string[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) titles.push(String(row.getCell(2).value));
  });
  return titles;
}
