import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../test/app.js';
import {
  buildLedgerWorld,
  createSystem,
  type LedgerWorld,
  systemBody,
  tokenFor,
  withToken,
} from './ledger.fixtures.js';

// Who may NOT: a division head of another division, staff, another agency, signed out, a token
// without the scope. And who may: the system's own security officer and administrator.

let w: LedgerWorld;
let sysId: string;
let hostId: string;
beforeAll(async () => {
  w = await buildLedgerWorld();
  const s = await createSystem(
    w.a.admin.client,
    systemBody(w.a.divA1.id, {
      securityOfficerId: w.officer.person.id,
      administratorId: w.administrator.person.id,
    }),
  );
  sysId = s.id;
  hostId = (await w.a.admin.client.post(`/api/v1/systems/${sysId}/hosts`, { role: 'web', name: 'w' })).json()
    .id;
});
afterAll(async () => w.t.close());

const readRoutes = () =>
  [
    ['GET', `/api/v1/systems/${sysId}`, undefined],
    ['GET', `/api/v1/systems/${sysId}/history`, undefined],
  ] as const;
const componentRoutes = () =>
  [
    ['POST', `/api/v1/systems/${sysId}/hosts`, { role: 'mail', name: 'm' }],
    ['PATCH', `/api/v1/systems/${sysId}/hosts/${hostId}`, { note: 'x' }],
    ['POST', `/api/v1/systems/${sysId}/software`, { vendor: 'v', product: 'p' }],
    ['POST', `/api/v1/systems/${sysId}/certificates`, { subject: 'CN=x' }],
    ['POST', `/api/v1/systems/${sysId}/review`, undefined],
  ] as const;
const manageRoutes = () =>
  [
    ['PATCH', `/api/v1/systems/${sysId}`, { version: 1, purpose: 'x' }],
    ['DELETE', `/api/v1/systems/${sysId}?version=1`, undefined],
  ] as const;

const call = (c: Client, m: string, url: string, body: unknown) =>
  c.request({ method: m as 'GET', url, ...(body !== undefined ? { payload: body as object } : {}) });

describe('ledger permissions', () => {
  it('staff and the head of another division get 404 for the system on every route, and an empty list', async () => {
    for (const c of [w.staff.client, w.headB1.client]) {
      for (const [m, url, body] of [...readRoutes(), ...componentRoutes(), ...manageRoutes()]) {
        const res = await call(c, m, url, body);
        // Routes that need system.manage are refused before the system is looked up.
        expect([403, 404], `${m} ${url}`).toContain(res.statusCode);
        if (m === 'GET' || url.includes('/hosts') || url.includes('/review'))
          expect(res.statusCode, `${m} ${url}`).toBe(404);
      }
      const list = (await c.get('/api/v1/systems')).json();
      expect(list.items.map((x: { id: string }) => x.id)).not.toContain(sysId);
    }
  });

  it('another agency’s administrator gets 404 everywhere and never sees it listed', async () => {
    const c = w.b.admin.client;
    for (const [m, url, body] of [...readRoutes(), ...componentRoutes(), ...manageRoutes()]) {
      expect((await call(c, m, url, body)).statusCode, `${m} ${url}`).toBe(404);
    }
    expect((await c.get('/api/v1/systems')).json().total).toBe(0);
  });

  it('the division head (system.view) reads it but may not edit it or its components', async () => {
    const c = w.headA1.client;
    for (const [m, url, body] of readRoutes()) expect((await call(c, m, url, body)).statusCode).toBe(200);
    expect((await c.get(`/api/v1/systems/${sysId}`)).json().can).toEqual({
      manage: false,
      editComponents: false,
      review: false,
    });
    for (const [m, url, body] of [...componentRoutes(), ...manageRoutes()])
      expect((await call(c, m, url, body)).statusCode, `${m} ${url}`).toBe(403);
    expect((await c.post('/api/v1/systems', systemBody(w.a.divA1.id))).statusCode).toBe(403);
    expect((await c.patch('/api/v1/systems/settings', { webServerTarget: 1 })).statusCode).toBe(403);
    expect((await c.get('/api/v1/systems')).json().items.map((x: { id: string }) => x.id)).toContain(sysId);
  });

  it('the system’s security officer and administrator read it, edit components and review, but not its fields', async () => {
    for (const c of [w.officer.client, w.administrator.client]) {
      for (const [m, url, body] of readRoutes()) expect((await call(c, m, url, body)).statusCode).toBe(200);
      for (const [m, url, body] of componentRoutes())
        expect((await call(c, m, url, body)).statusCode, `${m} ${url}`).toBeLessThan(300);
      for (const [m, url, body] of manageRoutes())
        expect((await call(c, m, url, body)).statusCode, `${m} ${url}`).toBe(403);
      expect((await c.get('/api/v1/systems')).json().items.map((x: { id: string }) => x.id)).toEqual([sysId]);
      expect((await c.get('/api/v1/systems/export')).statusCode).toBe(403);
    }
  });

  it('a bureau manager edits systems of the bureau only, and cannot move one out of it', async () => {
    const c = w.bureauChief.client;
    expect((await c.patch(`/api/v1/systems/${sysId}`, { version: 1, purpose: 'bureau' })).statusCode).toBe(
      200,
    );
    expect((await c.patch(`/api/v1/systems/${sysId}`, { version: 2, unitId: w.a.divB1.id })).statusCode).toBe(
      403,
    );
    expect((await c.post('/api/v1/systems', systemBody(w.a.divB1.id))).statusCode).toBe(403);
    expect((await c.post('/api/v1/systems', systemBody(w.a.divA2.id))).statusCode).toBe(201);
    // Consolidation targets are agency-wide settings.
    expect((await c.patch('/api/v1/systems/settings', { webServerTarget: 1 })).statusCode).toBe(403);
  });

  it('signed out: 401 on every route', async () => {
    const anon = new Client(w.t.app);
    for (const [m, url, body] of [
      ['GET', '/api/v1/systems', undefined],
      ['GET', '/api/v1/systems/export', undefined],
      ['GET', '/api/v1/systems/counts', undefined],
      ['GET', '/api/v1/systems/settings', undefined],
      ['POST', '/api/v1/systems/import', undefined],
      ...readRoutes(),
      ...componentRoutes(),
      ...manageRoutes(),
    ] as const)
      expect((await call(anon, m, url, body)).statusCode, `${m} ${url}`).toBe(401);
  });

  it('a token without the scope is refused; with system.view it exports, with self it reads', async () => {
    const token = await tokenFor(w.a.admin.client, ['org.read']);
    for (const url of [
      '/api/v1/systems',
      `/api/v1/systems/${sysId}`,
      '/api/v1/systems/export',
      '/api/v1/systems/counts',
    ]) {
      const res = await withToken(w.t, token, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('token_scope');
    }
    const viewOnly = await tokenFor(w.a.admin.client, ['system.view']);
    expect((await withToken(w.t, viewOnly, 'GET', '/api/v1/systems/export')).statusCode).toBe(200);
    expect(
      (await withToken(w.t, viewOnly, 'PATCH', `/api/v1/systems/${sysId}`, { version: 9 })).statusCode,
    ).toBe(403);
    const selfAndView = await tokenFor(w.a.admin.client, ['self', 'system.view']);
    expect((await withToken(w.t, selfAndView, 'GET', `/api/v1/systems/${sysId}`)).statusCode).toBe(200);
    const selfOnly = await tokenFor(w.a.admin.client, ['self']);
    expect((await withToken(w.t, selfOnly, 'GET', `/api/v1/systems/${sysId}`)).statusCode).toBe(403);
  });
});
