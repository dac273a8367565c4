import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { type Listening, makeTestCerts, startTlsServer, type TestCerts } from './probe/testing.js';
import { type DnsServer, startDnsServer, startSmtpServer } from './probe/testing-mail.js';
import { probeSettings } from './probe-jobs.js';
import { systemHosts, systemProbeRuns, systems } from './schema.js';

// POST/GET /v1/systems/hosts/:hostId/probes: only ledger hosts, opted in, on allowed ports; rate-
// limited; audited; run as a job against the target the ledger names.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let worker: Worker;
let certs: TestCerts;
let tls: Listening;
let dns: DnsServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let code = 0;

async function buildHost(opts: {
  unit?: { id: string; tenantId: string };
  optIn?: boolean;
  ports?: number[];
  role?: 'web' | 'mail' | 'dns';
  addresses?: string[];
  domains?: string[];
  name?: string;
  securityOfficerId?: string;
}) {
  const unit = opts.unit ?? tree.divA1;
  const [system] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: unit.tenantId,
      code: `SYS-${++code}`,
      name: `システム${code}`,
      unitId: unit.id,
      securityOfficerId: opts.securityOfficerId ?? null,
    })
    .returning();
  const [host] = await t.sys.db
    .insert(systemHosts)
    .values({
      tenantId: unit.tenantId,
      systemId: system!.id,
      role: opts.role ?? 'web',
      name: opts.name ?? `web${code}.example.go.jp`,
      addresses: opts.addresses ?? ['127.0.0.1'],
      domains: opts.domains ?? ['localhost'],
      probeOptIn: opts.optIn ?? true,
      probePorts: opts.ports ?? [tls.port],
    })
    .returning();
  return host!;
}

const url = (hostId: string) => `/api/v1/systems/hosts/${hostId}/probes`;

beforeAll(async () => {
  certs = makeTestCerts();
  tls = await startTlsServer({ ...certs.rsa2048 });
  smtp = await startSmtpServer({ tls: certs.rsa2048 });
  dns = await startDnsServer({
    'mail.example.go.jp': {
      MX: [{ preference: 10, exchange: 'mx1.mail.example.go.jp' }],
      TXT: [['v=spf1 mx ~all']],
    },
  });
  Object.assign(probeSettings, { dns: [dns.address], smtpPort: smtp.port, timeoutMs: 2000 });
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  worker = new Worker(t.sys, JOBS);
});
afterAll(async () => {
  await t.close();
  await tls.close();
  await smtp.close();
  await dns.close();
  certs.cleanup();
});

describe('probing a ledger host', () => {
  it('queues the probe (202), runs it as a job against the ledger target, stores and audits it', async () => {
    const host = await buildHost({});
    const res = await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({
      hostId: host.id,
      kind: 'tls',
      target: `127.0.0.1:${tls.port}`,
      status: 'running',
    });

    await worker.drain();
    const list = await tree.admin.client.get(url(host.id));
    expect(list.statusCode).toBe(200);
    const [run] = list.json().items;
    expect(run).toMatchObject({ id: queued.id, status: 'done', error: null });
    expect(run.result.protocols).toMatchObject({ 'TLSv1.2': true, 'TLSv1.3': true, 'TLSv1.1': false });
    expect(run.result.certificate).toMatchObject({ keyBits: 2048, nameMatches: true, selfSigned: false });

    const events = await t.sys.db
      .select({ action: auditEvents.action, actor: auditEvents.actorLabel })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, 'system_host'), eq(auditEvents.targetId, host.id)));
    expect(events.map((e) => e.action).sort()).toEqual(['systems.probe_complete', 'systems.probe_request']);
  });

  it('one probe per host and kind per 10 minutes: the second is refused with probe_rate_limited', async () => {
    const host = await buildHost({});
    expect((await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(
      202,
    );
    const again = await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port });
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('probe_rate_limited');
    await worker.drain();
  });

  it('an unreachable ledger target is a failed run with the reason', async () => {
    const host = await buildHost({ ports: [1] });
    expect((await tree.admin.client.post(url(host.id), { kind: 'tls', port: 1 })).statusCode).toBe(202);
    await worker.drain();
    const [run] = (await tree.admin.client.get(url(host.id))).json().items;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^unreachable: .*ECONNREFUSED/);
  });

  it('a mail probe measures STARTTLS only on an MX that is this ledger host', async () => {
    const host = await buildHost({
      role: 'mail',
      name: 'mx1.mail.example.go.jp',
      domains: ['mail.example.go.jp'],
      ports: [25],
    });
    expect((await tree.admin.client.post(url(host.id), { kind: 'mail' })).statusCode).toBe(202);
    await worker.drain();
    const [run] = (await tree.admin.client.get(url(host.id))).json().items;
    expect(run.result).toMatchObject({
      domain: 'mail.example.go.jp',
      mx: ['mx1.mail.example.go.jp'],
      spf: { all: '~all' },
      dmarc: { policy: 'missing' },
      starttls: { host: 'mx1.mail.example.go.jp', offered: true, protocols: { 'TLSv1.2': true } },
    });
  });

  it('the ledger changed before the job ran (opt-in withdrawn): nothing is probed', async () => {
    const host = await buildHost({});
    expect((await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(
      202,
    );
    await t.sys.db.update(systemHosts).set({ probeOptIn: false }).where(eq(systemHosts.id, host.id));
    await worker.drain();
    const [run] = await t.sys.db.select().from(systemProbeRuns).where(eq(systemProbeRuns.hostId, host.id));
    expect(run).toMatchObject({ error: 'probe_not_opted_in', result: null });
  });

  it('lists runs newest first, paged', async () => {
    const host = await buildHost({ ports: [tls.port, 80] });
    await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port });
    await tree.admin.client.post(url(host.id), { kind: 'http', port: 80 });
    const page = (await tree.admin.client.get(`${url(host.id)}?page=2&pageSize=1`)).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].kind).toBe('tls');
    const onlyHttp = (await tree.admin.client.get(`${url(host.id)}?kind=http`)).json();
    expect(onlyHttp.total).toBe(1);
    await worker.drain();
  });
});

describe('refusals', () => {
  it('a host not in the ledger is 404, as is a random id', async () => {
    const res = await tree.admin.client.post(url('00000000-0000-4000-8000-000000000000'), { kind: 'tls' });
    expect(res.statusCode).toBe(404);
  });

  it('a host not opted in: 409 probe_not_opted_in', async () => {
    const host = await buildHost({ optIn: false });
    const res = await tree.admin.client.post(url(host.id), { kind: 'tls', port: tls.port });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('probe_not_opted_in');
  });

  it('a port the ledger does not allow: 409 probe_port_not_allowed; role defaults apply when none listed', async () => {
    const host = await buildHost({});
    const res = await tree.admin.client.post(url(host.id), { kind: 'tls', port: 8443 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'probe_port_not_allowed', allowed: [tls.port] });
    const web = await buildHost({ ports: [] });
    expect((await tree.admin.client.post(url(web.id), { kind: 'tls', port: 25 })).json().code).toBe(
      'probe_port_not_allowed',
    );
  });

  it('the target cannot come from the request body', async () => {
    const host = await buildHost({});
    const res = await tree.admin.client.post(url(host.id), {
      kind: 'tls',
      port: tls.port,
      host: 'evil.example',
    });
    expect(res.statusCode).toBe(400);
  });

  it('another agency sees 404 for our host', async () => {
    const host = await buildHost({});
    const { root } = await buildAgency(t);
    const other = await loginAs(t, { unit: root, roles: ['mamoru_admin', 'staff'] });
    expect((await other.client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(404);
    expect((await other.client.get(url(host.id))).statusCode).toBe(404);
  });

  it('view-only officers may list but not probe (403); another unit’s staff get 404; signed out 401', async () => {
    const host = await buildHost({});
    const viewer = await loginAs(t, { unit: tree.root, roles: ['security_officer'] });
    expect((await viewer.client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(403);
    expect((await viewer.client.get(url(host.id))).statusCode).toBe(200);
    const elsewhere = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
    expect((await elsewhere.client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(404);
    expect((await elsewhere.client.get(url(host.id))).statusCode).toBe(404);
    const anon = new Client(t.app);
    expect((await anon.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(401);
  });

  it('the system’s security officer may probe it without system.manage', async () => {
    const officer = await buildPerson(t, { unit: tree.divB1, roles: ['staff'] });
    const host = await buildHost({ securityOfficerId: officer.person.id });
    const client = new Client(t.app);
    await client.login(officer.login, 'correct horse battery staple');
    expect((await client.post(url(host.id), { kind: 'tls', port: tls.port })).statusCode).toBe(202);
    await worker.drain();
  });
});
