import { expect } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';

/** The agencies and people the policy route tests act as (two agencies: A is tested, B attacks). */
export interface PolicyWorld {
  t: TestApp;
  a: Awaited<ReturnType<typeof buildAgencyTree>>;
  b: Awaited<ReturnType<typeof buildAgencyTree>>;
  staff: Client;
  head: Client;
  /** classification.manage, but held at a bureau rather than agency-wide. */
  bureauChief: Client;
}

export async function buildPolicyWorld(): Promise<PolicyWorld> {
  const t = await buildTestApp();
  const a = await buildAgencyTree(t);
  const b = await buildAgencyTree(t);
  const staff = (await loginAs(t, { unit: a.divA1, roles: ['staff'] })).client;
  const head = (await loginAs(t, { unit: a.divA1, roles: ['division_security_officer'] })).client;
  const bureauChief = (await loginAs(t, { unit: a.bureauA, roles: ['chief_security_officer'] })).client;
  return { t, a, b, staff, head, bureauChief };
}

export const put = (client: Client, url: string, payload: unknown) =>
  client.request({ method: 'PUT', url, payload: payload as object });
export const rq = (policy: string, query: string) =>
  `/api/v1/policies/${policy}/handling-requirements?${query}`;
export const NOBODY = '00000000-0000-4000-8000-000000000000';

export async function tokenFor(client: Client, scopes: string[]) {
  const res = await client.post('/api/v1/me/tokens', { name: `t-${scopes.join('-')}`, scopes });
  expect(res.statusCode).toBe(201);
  return res.json().token as string;
}
export const withToken = (t: TestApp, token: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

export async function copy(client: Client, from: string, name: string) {
  return client.post('/api/v1/classification/policies', { from, name });
}

export interface Definition {
  name: string;
  levels: { confidentiality: Record<string, unknown>[]; integrity: unknown[]; availability: unknown[] };
  restrictions: unknown[];
  rules: {
    action: string;
    confidentiality: number;
    allowed: boolean;
    requirements: { kind: string; roleKey: string; roleName: string }[];
    rule: string;
  }[];
}

/** The editable part of a policy detail, as PUT takes it back. */
export function definitionOf(detail: Definition): Definition {
  const { name, levels, restrictions, rules } = detail;
  return structuredClone({ name, levels, restrictions, rules });
}
