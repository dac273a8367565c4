// Test fixtures of the register: an agency on METI's policy with a division head, staff, outsiders,
// and a mailer that keeps what it was asked to send.
import type { MailMessage } from '../../server/mail.js';
import type { Client, TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { systems } from '../systems/schema.js';

export interface Sent extends MailMessage {}

/** Replaces the app's mailer with one that records messages (the app shares t.env). */
export function captureMail(t: TestApp): Sent[] {
  const sent: Sent[] = [];
  t.env.mailer = {
    async send(m) {
      sent.push(m);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  return sent;
}

export async function useMetiPolicy(admin: Client) {
  const res = await admin.request({
    method: 'PUT',
    url: '/api/v1/classification/settings',
    payload: { activePolicyId: 'meti-2011' },
  });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
}

/**
 * 第一局 (bureauA) with 第一課 (divA1) and 第二課 (divA2); 第二局 with 第三課 (divB1).
 * head: 課室情報セキュリティ責任者 of 第一課; officer: 情報セキュリティ責任者 at 第一局;
 * staff, colleague: 第一課; neighbour: 第二課; outsider: 第三課; ciso at the root.
 */
export async function buildRegisterWorld(t: TestApp) {
  const tree = await buildAgencyTree(t);
  const head = await loginAs(t, {
    unit: tree.divA1,
    roles: ['division_security_officer', 'staff'],
    name: '課長 一郎',
  });
  const head2 = await loginAs(t, { unit: tree.divA2, roles: ['division_security_officer', 'staff'] });
  const officer = await loginAs(t, { unit: tree.bureauA, roles: ['security_officer', 'staff'] });
  const sysOfficer = await loginAs(t, { unit: tree.divA1, roles: ['system_security_officer'] });
  const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'], name: '職員 花子' });
  const colleague = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  const neighbour = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  const outsider = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  const named = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  const ciso = await loginAs(t, { unit: tree.root, roles: ['ciso', 'staff'] });
  // A ledger system of 第一課 whose 情報システムセキュリティ責任者 is sysOfficer (inserted directly: the
  // ledger has its own routes).
  const [system] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: tree.tenant.id,
      unitId: tree.divA1.id,
      code: `SYS-${tree.tenant.id.slice(0, 8)}`,
      name: '第一課業務システム',
      securityOfficerId: sysOfficer.person.id,
    })
    .returning();
  return {
    ...tree,
    head,
    head2,
    officer,
    sysOfficer,
    staff,
    colleague,
    neighbour,
    outsider,
    named,
    ciso,
    system: system!,
  };
}
export type RegisterWorld = Awaited<ReturnType<typeof buildRegisterWorld>>;

let n = 0;
/** A valid create body; `level` 3 and 4 get an access scope naming `scopePersonIds`. */
export function entryBody(level: number, extra: Record<string, unknown> = {}, scopePersonIds: string[] = []) {
  n++;
  return {
    title: `文書${n}（機密性${level}）`,
    description: `説明${n}`,
    form: 'electronic',
    storageLocation: '共有フォルダ/第一課/限定',
    confidentiality: level,
    integrity: 2,
    availability: 2,
    ...(level >= 3 ? { accessScope: { personIds: scopePersonIds, unitIds: [] } } : {}),
    ...extra,
  };
}
