import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/schema.js';
import { buildLedgerWorld, createSystem, type LedgerWorld, NOBODY, systemBody } from './ledger.fixtures.js';
import { systemChanges } from './schema.js';

let w: LedgerWorld;
beforeAll(async () => {
  w = await buildLedgerWorld();
});
afterAll(async () => w.t.close());

const admin = () => w.a.admin.client;

describe('ledger entries', () => {
  it('creates a system with its responsible people and reads it back', async () => {
    const s = await createSystem(
      admin(),
      systemBody(w.a.divA1.id, {
        securityOfficerId: w.officer.person.id,
        administratorId: w.administrator.person.id,
        maintenanceUnitId: w.a.divA2.id,
        maxClassification: 'c3',
        cloud: { used: true, confidentialData: true, storedInJapan: true, contractTerms: '日本法' },
        bcpStatus: 'documented',
      }),
    );
    const res = await admin().get(`/api/v1/systems/${s.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      unit: { id: w.a.divA1.id },
      maintenanceUnit: { id: w.a.divA2.id },
      securityOfficer: { id: w.officer.person.id },
      administrator: { id: w.administrator.person.id },
      maxClassification: 'c3',
      cloud: { used: true, confidentialData: true, storedInJapan: true, contractTerms: '日本法' },
      bcpStatus: 'documented',
      version: 1,
      reviewedOn: null,
      reviewedThisYear: false,
      can: { manage: true, editComponents: true, review: true },
    });
  });

  it('refuses a duplicate system ID with 409', async () => {
    const body = systemBody(w.a.divA1.id);
    await createSystem(admin(), body);
    const res = await admin().post('/api/v1/systems', { ...body, name: 'another' });
    expect(res.statusCode).toBe(409);
  });

  it.each([
    ['a unit of another agency', () => ({ unitId: w.b.divA1.id }), 'body.unitId'],
    ['a person who left', () => ({ securityOfficerId: w.left.person.id }), 'body.securityOfficerId'],
    [
      'a person of another agency',
      () => ({ administratorId: w.otherAgencyPerson.person.id }),
      'body.administratorId',
    ],
    [
      'a level the policy in force does not have (unified-5th: c1-c3)',
      () => ({ maxClassification: 'c4' }),
      'body.maxClassification',
    ],
  ])('refuses %s', async (_label, extra, path) => {
    const res = await admin().post('/api/v1/systems', systemBody(w.a.divA1.id, extra()));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('edits with the current version, records field → [before, after] and an audit event, in one go', async () => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id, { internetFacing: false }));
    const res = await admin().patch(`/api/v1/systems/${s.id}`, {
      version: 1,
      internetFacing: true,
      lifecycle: 'retiring',
      name: s.name,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, internetFacing: true, lifecycle: 'retiring' });
    const history = (await admin().get(`/api/v1/systems/${s.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      action: 'updated',
      changes: { internetFacing: [false, true], lifecycle: ['operating', 'retiring'] },
      actor: expect.any(String),
    });
    expect(history[0].changes).not.toHaveProperty('name');
    expect(history[1]).toMatchObject({ action: 'created' });
    const audit = await w.t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, s.id));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['system.create', 'system.update']));
  });

  it('answers 409 to an edit made on a stale version, and changes nothing', async () => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id));
    expect(
      (await admin().patch(`/api/v1/systems/${s.id}`, { version: 1, purpose: 'first' })).statusCode,
    ).toBe(200);
    const stale = await admin().patch(`/api/v1/systems/${s.id}`, { version: 1, purpose: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', reason: 'stale_version' });
    expect((await admin().get(`/api/v1/systems/${s.id}`)).json()).toMatchObject({
      purpose: 'first',
      version: 2,
    });
  });

  it('confirms the yearly review with today and the reviewer, and the list stops showing it as unreviewed', async () => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id, { name: 'レビュー対象' }));
    const before = (await admin().get('/api/v1/systems?unreviewed=true&q=レビュー対象')).json();
    expect(before.items.map((x: { id: string }) => x.id)).toContain(s.id);
    const res = await admin().post(`/api/v1/systems/${s.id}/review`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reviewedThisYear: true, reviewedBy: expect.any(String) });
    expect(res.json().reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const after = (await admin().get('/api/v1/systems?unreviewed=true&q=レビュー対象')).json();
    expect(after.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    const history = (await admin().get(`/api/v1/systems/${s.id}/history`)).json().items;
    expect(history[0].action).toBe('reviewed');
  });

  it('deletes with the current version only', async () => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id));
    expect((await admin().delete(`/api/v1/systems/${s.id}?version=7`)).statusCode).toBe(409);
    expect((await admin().delete(`/api/v1/systems/${s.id}?version=1`)).statusCode).toBe(204);
    expect((await admin().get(`/api/v1/systems/${s.id}`)).statusCode).toBe(404);
    const audit = await w.t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, s.id));
    expect(audit.map((e) => e.action)).toContain('system.delete');
  });

  it('answers 404 for a random id', async () => {
    expect((await admin().get(`/api/v1/systems/${NOBODY}`)).statusCode).toBe(404);
  });
});

describe('components', () => {
  it('adds, edits and removes hosts, software and certificates, each in the history', async () => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id));
    const host = await admin().post(`/api/v1/systems/${s.id}/hosts`, {
      role: 'web',
      name: 'web01',
      addresses: ['192.0.2.10', '2001:db8::10'],
      domains: ['WWW.Example.go.jp'],
      probeOptIn: true,
      probePorts: [443],
    });
    expect(host.statusCode, host.body).toBe(201);
    expect(host.json().domains).toEqual(['www.example.go.jp']);
    const hostId = host.json().id;
    const sw = await admin().post(`/api/v1/systems/${s.id}/software`, {
      hostId,
      vendor: 'Apache Software Foundation',
      product: 'HTTP Server',
      version: '2.4.57',
      cpe: 'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*',
      endOfSupport: '2000-01-01',
    });
    expect(sw.statusCode, sw.body).toBe(201);
    expect(sw.json()).toMatchObject({
      vendorKey: 'apache_software_foundation',
      productKey: 'http_server',
      pastEndOfSupport: true,
    });
    const cert = await admin().post(`/api/v1/systems/${s.id}/certificates`, {
      hostId,
      subject: 'CN=www.example.go.jp',
      notAfter: '2030-01-01T00:00:00Z',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
    expect(cert.statusCode, cert.body).toBe(201);

    const edited = await admin().patch(`/api/v1/systems/${s.id}/software/${sw.json().id}`, {
      version: '2.4.58',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: '2.4.58', vendor: 'Apache Software Foundation' });
    const hostEdit = await admin().patch(`/api/v1/systems/${s.id}/hosts/${hostId}`, { note: 'DMZ' });
    expect(hostEdit.json()).toMatchObject({ note: 'DMZ', addresses: ['192.0.2.10', '2001:db8::10'] });
    expect((await admin().delete(`/api/v1/systems/${s.id}/certificates/${cert.json().id}`)).statusCode).toBe(
      204,
    );

    const detail = (await admin().get(`/api/v1/systems/${s.id}`)).json();
    expect(detail.hosts).toHaveLength(1);
    expect(detail.software).toHaveLength(1);
    expect(detail.certificates).toHaveLength(0);
    const actions = (await admin().get(`/api/v1/systems/${s.id}/history`))
      .json()
      .items.map((x: { action: string }) => x.action);
    expect(actions).toEqual([
      'certificate_removed',
      'host_updated',
      'software_updated',
      'certificate_added',
      'software_added',
      'host_added',
      'created',
    ]);
    const rows = await w.t.sys.db.select().from(systemChanges).where(eq(systemChanges.systemId, s.id));
    expect(rows.find((r) => r.action === 'software_updated')?.changes).toMatchObject({
      version: ['2.4.57', '2.4.58'],
    });
  });

  it.each([
    [
      'an address that is not IPv4/IPv6',
      'hosts',
      { role: 'web', name: 'x', addresses: ['192.0.2.300'] },
      'body.addresses.0',
    ],
    [
      'a domain that is not a DNS name',
      'hosts',
      { role: 'mail', name: 'x', domains: ['not a domain'] },
      'body.domains.0',
    ],
    ['an unknown role', 'hosts', { role: 'router', name: 'x' }, 'body.role'],
    [
      'a malformed CPE',
      'software',
      { vendor: 'a', product: 'b', cpe: 'cpe:/a:apache:http_server' },
      'body.cpe',
    ],
    ['a port out of range', 'hosts', { role: 'web', name: 'x', probePorts: [70000] }, 'body.probePorts.0'],
  ])('refuses %s', async (_label, part, body, path) => {
    const s = await createSystem(admin(), systemBody(w.a.divA1.id));
    const res = await admin().post(`/api/v1/systems/${s.id}/${part}`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses software that names a host of another system', async () => {
    const s1 = await createSystem(admin(), systemBody(w.a.divA1.id));
    const s2 = await createSystem(admin(), systemBody(w.a.divA1.id));
    const h = (await admin().post(`/api/v1/systems/${s2.id}/hosts`, { role: 'web', name: 'w' })).json();
    const res = await admin().post(`/api/v1/systems/${s1.id}/software`, {
      hostId: h.id,
      vendor: 'a',
      product: 'b',
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 for a component of another system', async () => {
    const s1 = await createSystem(admin(), systemBody(w.a.divA1.id));
    const s2 = await createSystem(admin(), systemBody(w.a.divA1.id));
    const h = (await admin().post(`/api/v1/systems/${s2.id}/hosts`, { role: 'web', name: 'w' })).json();
    expect((await admin().delete(`/api/v1/systems/${s1.id}/hosts/${h.id}`)).statusCode).toBe(404);
  });
});

describe('list and counts', () => {
  it('pages, searches by product and filters by role, division, internet-facing, lifecycle and EoS', async () => {
    const mail = await createSystem(
      admin(),
      systemBody(w.a.divB1.id, { name: '一覧メール', internetFacing: false }),
    );
    await admin().post(`/api/v1/systems/${mail.id}/hosts`, { role: 'mail', name: 'mx1' });
    await admin().post(`/api/v1/systems/${mail.id}/software`, {
      vendor: 'Postfix',
      product: 'Postfix-Unique',
      version: '3.7',
    });
    const old = await createSystem(
      admin(),
      systemBody(w.a.divA2.id, { name: '一覧旧', lifecycle: 'retiring' }),
    );
    await admin().post(`/api/v1/systems/${old.id}/software`, {
      vendor: 'Microsoft',
      product: 'Windows XP',
      endOfSupport: '2014-04-08',
    });

    const ids = async (q: string) =>
      (await admin().get(`/api/v1/systems?${q}`)).json().items.map((x: { id: string }) => x.id) as string[];
    expect(await ids('q=postfix-unique')).toEqual([mail.id]);
    expect(await ids('role=mail')).toContain(mail.id);
    expect(await ids('role=mail')).not.toContain(old.id);
    expect(await ids(`unitId=${w.a.bureauB.id}`)).toContain(mail.id);
    expect(await ids(`unitId=${w.a.bureauB.id}`)).not.toContain(old.id);
    expect(await ids('internetFacing=false')).toContain(mail.id);
    expect(await ids('internetFacing=false')).not.toContain(old.id);
    expect(await ids('lifecycle=retiring')).toContain(old.id);
    expect(await ids('lifecycle=retiring')).not.toContain(mail.id);
    const eos = await ids('endOfSupport=true');
    expect(eos).toContain(old.id);
    expect(eos).not.toContain(mail.id);

    const page1 = (await admin().get('/api/v1/systems?pageSize=2&page=1')).json();
    const page2 = (await admin().get('/api/v1/systems?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(2);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const row = (await admin().get('/api/v1/systems?q=一覧旧')).json().items[0];
    expect(row).toMatchObject({ endOfSupportCount: 1, softwareCount: 1, lifecycle: 'retiring' });
  });

  it('counts public web and mail servers against the consolidation target (001 L3131-3143)', async () => {
    const before = (await admin().get('/api/v1/systems/counts')).json();
    const s = await createSystem(admin(), systemBody(w.a.divA1.id, { internetFacing: true }));
    await admin().post(`/api/v1/systems/${s.id}/hosts`, { role: 'web', name: 'w1' });
    await admin().post(`/api/v1/systems/${s.id}/hosts`, { role: 'web', name: 'w2' });
    await admin().post(`/api/v1/systems/${s.id}/hosts`, { role: 'mail', name: 'm1' });
    const internal = await createSystem(admin(), systemBody(w.a.divA1.id, { internetFacing: false }));
    await admin().post(`/api/v1/systems/${internal.id}/hosts`, { role: 'web', name: 'intranet' });
    const set = await admin().patch('/api/v1/systems/settings', {
      webServerTarget: before.web,
      mailServerTarget: 100,
    });
    expect(set.statusCode, set.body).toBe(200);
    const counts = (await admin().get('/api/v1/systems/counts')).json();
    expect(counts).toMatchObject({
      web: before.web + 2,
      mail: before.mail + 1,
      agencyWide: true,
      webServerTarget: before.web,
      webOverTarget: 2,
      mailOverTarget: 0,
    });
    expect((await admin().get('/api/v1/systems/settings')).json()).toEqual({
      webServerTarget: before.web,
      mailServerTarget: 100,
    });
  });
});
