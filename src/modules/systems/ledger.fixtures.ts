import { expect } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';

/**
 * Two agencies (A is tested, B attacks), a ledger manager for bureau A (chief_security_officer:
 * system.manage over 第一局), division heads (system.view over their division), staff, and the
 * security officer and administrator of one system in 第一課.
 */
export async function buildLedgerWorld() {
  const t = await buildTestApp();
  const a = await buildAgencyTree(t);
  const b = await buildAgencyTree(t);
  const bureauChief = await loginAs(t, { unit: a.bureauA, roles: ['chief_security_officer'] });
  const headA1 = await loginAs(t, { unit: a.divA1, roles: ['division_security_officer'] });
  const headB1 = await loginAs(t, { unit: a.divB1, roles: ['division_security_officer'] });
  const staff = await loginAs(t, { unit: a.divA1, roles: ['staff'] });
  const officer = await loginAs(t, { unit: a.divA2, roles: ['system_security_officer'] });
  const administrator = await loginAs(t, { unit: a.divA2, roles: ['system_security_administrator'] });
  const left = await buildPerson(t, { unit: a.divA1, status: 'left', account: false });
  const otherAgencyPerson = await buildPerson(t, { unit: b.divA1, account: false });
  return { t, a, b, bureauChief, headA1, headB1, staff, officer, administrator, left, otherAgencyPerson };
}
export type LedgerWorld = Awaited<ReturnType<typeof buildLedgerWorld>>;

let n = 0;
export function systemBody(unitId: string, extra: Record<string, unknown> = {}) {
  n++;
  return {
    code: `SYS-${String(n).padStart(3, '0')}`,
    name: `テストシステム${n}`,
    purpose: '業務',
    unitId,
    lifecycle: 'operating',
    internetFacing: true,
    ...extra,
  };
}

export async function createSystem(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/systems', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number } & Record<string, unknown>;
}

export async function tokenFor(client: Client, scopes: string[]) {
  const res = await client.post('/api/v1/me/tokens', { name: `t-${scopes.join('-')}`, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

export const withToken = (t: TestApp, token: string, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

export const NOBODY = '00000000-0000-4000-8000-000000000000';
