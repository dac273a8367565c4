import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.js';
import type { Client, TestApp } from '../test/app.js';
import { buildTestApp } from '../test/app.js';
import { buildAgencyTree, loginAs } from '../test/factories.js';
import {
  hostileJson,
  hostilePathParam,
  hostileQuery,
  invalidJson,
  type JsonSchema,
  type Parameter,
  validJson,
  validQuery,
} from '../test/hostile.js';
import { rowWatch } from '../test/rows.js';

// Issue #13, fuzzing: every route, called with hostile path ids, query strings and bodies derived from
// its own OpenAPI schema, answers below 500; every 4xx is problem+json with a stable code and a title;
// a refused request writes nothing. FUZZ_SEED and FUZZ_RUNS reproduce a run or make it longer.

const SEED = Number(process.env.FUZZ_SEED ?? 13_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);

interface Operation {
  method: string;
  url: string;
  access: string;
  params: Parameter[];
  body: JsonSchema | null;
}

// Routes that end or change the caller's own session: fuzzing them would log the administrator out.
const SESSION_ENDING = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/me/password']);
// Refusals that are meant to be recorded: a failed login counts towards the lockout (throttle tables).
const WRITES_ON_REFUSAL = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/totp']);

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let nobody: Client;
let operations: Operation[];
let watch: Awaited<ReturnType<typeof rowWatch>>;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const accepted: string[] = [];

beforeAll(async () => {
  console.info(`fuzz: seed ${SEED}, ${RUNS} runs per route (set FUZZ_SEED / FUZZ_RUNS to change)`);
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  nobody = (await loginAs(t, { unit: tree.divA1, roles: [] })).client;
  const doc = (t.app as unknown as { swagger(): OpenApi }).swagger();
  operations = t.app.mamoruRoutes.map((r) => {
    const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
    return {
      method: r.method,
      url: r.url,
      access: r.access,
      params: op?.parameters ?? [],
      body: op?.requestBody?.content['application/json']?.schema ?? null,
    };
  });
  watch = await rowWatch(t.sys.db);
}, 120_000);

afterAll(async () => {
  if (accepted.length) console.info(`fuzz: accepted hostile-but-valid requests:\n  ${accepted.join('\n  ')}`);
  await t?.close();
});

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

async function auditCount(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.sys.db.execute(sql`select count(*)::int as n from audit_events`),
  );
  return row!.n;
}

/** A request for one operation: hostile path ids (or real ids of the wrong kind), query and body. */
function requestFor(op: Operation, mode: 'hostile' | 'valid'): fc.Arbitrary<InjectOptions> {
  const names = [...op.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const realIds = [tree.root.id, tree.divA1.id, tree.admin.person.id];
  const path = fc
    .tuple(
      ...names.map(() =>
        mode === 'valid'
          ? fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...realIds))
          : fc.oneof(hostilePathParam(), fc.constantFrom(...realIds)),
      ),
    )
    .map((values) => names.reduce((url, name, i) => url.replace(`:${name}`, values[i]!), op.url));
  const writes = op.method !== 'GET' && op.method !== 'DELETE';
  const body: fc.Arbitrary<string | undefined> = !writes
    ? fc.constant(undefined)
    : op.body
      ? mode === 'valid'
        ? validJson(op.body)
        : fc.oneof({ weight: 3, arbitrary: invalidJson(op.body, { huge: true }) }, validJson(op.body))
      : fc.option(hostileJson(), { nil: undefined });
  const query = mode === 'valid' ? validQuery(op.params) : hostileQuery(op.params);
  return fc.tuple(path, query, body).map(([url, query, payload]) => ({
    method: op.method as 'GET',
    url: query ? `${url}?${query}` : url,
    ...(payload !== undefined ? { payload, headers: { 'content-type': 'application/json' } } : {}),
  }));
}

/** What must hold of every answer, whatever was sent. Returns a description of what went wrong. */
function problemWith(res: LightMyRequestResponse): string | null {
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    if (!type.startsWith('application/problem+json')) return `${res.statusCode} as ${type}`;
    const body = res.json() as { code?: unknown; title?: unknown; status?: unknown };
    if (typeof body.code !== 'string' || !/^[a-z_]+$/.test(body.code)) return `no stable code: ${res.body}`;
    if (typeof body.title !== 'string' || !body.title) return `no title: ${res.body}`;
    if (body.status !== res.statusCode) return `status ${res.statusCode} but body says ${body.status}`;
    if (/at .*\.(ts|js):\d+/.test(res.body)) return `stack trace in ${res.body.slice(0, 300)}`;
    return null;
  }
  if (type.startsWith('text/html') && /<script>alert|<img src=x onerror/i.test(res.body))
    return 'hostile HTML echoed unescaped into text/html';
  return null;
}

const short = (o: InjectOptions) => {
  const body = typeof o.payload === 'string' ? o.payload : '';
  return `${o.method} ${String(o.url).slice(0, 160)} ${body.length > 200 ? `${body.slice(0, 200)}… (${body.length} chars)` : body}`;
};

/**
 * Runs the property for one operation as `client`; returns failures (empty when all is well).
 * A batch of refusals must leave every table's row count as it was; with `neverWrites`, so must a
 * batch with accepted requests (public links called with unknown tokens).
 */
async function fuzzOperation(
  client: Client,
  op: Operation,
  mode: 'hostile' | 'valid',
  opts: { judge?: (res: LightMyRequestResponse) => string | null; neverWrites?: boolean } = {},
): Promise<string[]> {
  const key = `${op.method} ${op.url}`;
  const failures: string[] = [];
  let acceptedAny = false;
  const details = await fc.check(
    fc.asyncProperty(requestFor(op, mode), async (req) => {
      const audit = await auditCount();
      const res = await client.request(req);
      const wrong = problemWith(res) ?? opts.judge?.(res) ?? null;
      if (wrong) throw new Error(`${wrong}\n    request: ${short(req)}`);
      if (res.statusCode < 400) {
        acceptedAny = true;
        accepted.push(`${res.statusCode} ${short(req).slice(0, 200)}`);
      } else if (!WRITES_ON_REFUSAL.has(key) && (await auditCount()) !== audit) {
        throw new Error(`a ${res.statusCode} added an audit event\n    request: ${short(req)}`);
      }
    }),
    {
      seed: SEED,
      numRuns: mode === 'valid' ? Math.max(RUNS, 3) : RUNS,
      endOnFailure: !process.env.FUZZ_SHRINK,
    },
  );
  const diff = await watch.changes();
  if (details.failed) {
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    failures.push(`${key} (seed ${details.seed}, path "${details.counterexamplePath}"): ${error}`);
  } else if ((!acceptedAny || opts.neverWrites) && !WRITES_ON_REFUSAL.has(key) && diff.length) {
    failures.push(
      `${key}: ${acceptedAny ? 'public link' : 'only refusals'}, yet rows changed: ${diff.join(', ')}`,
    );
  }
  return failures;
}

describe('fuzzing every route with input derived from its own schema', () => {
  it('as the agency administrator: no 5xx, every refusal is a problem, a refusal writes nothing', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      if (SESSION_ENDING.has(`${op.method} ${op.url}`)) continue;
      failures.push(...(await fuzzOperation(tree.admin.client, op, 'hostile')));
    }
    // The administrator is still signed in: no hostile request ended the session.
    expect((await tree.admin.client.get('/api/v1/me')).statusCode).toBe(200);
    expect(failures).toEqual([]);
  }, 600_000);

  it('as a person with no role: a well-formed write to a route is refused and writes nothing', async () => {
    const failures: string[] = [];
    const refused = (res: LightMyRequestResponse) =>
      res.statusCode < 400 ? `a person with no role got ${res.statusCode}: ${res.body.slice(0, 200)}` : null;
    for (const op of operations) {
      const key = `${op.method} ${op.url}`;
      if (op.method === 'GET' || SESSION_ENDING.has(key) || SELF_SERVICE.has(key)) continue;
      // Links in drill mails and surveys are public and answer alike for unknown tokens, but record nothing.
      const opts = op.access === 'public' ? { neverWrites: true } : { judge: refused, neverWrites: true };
      failures.push(...(await fuzzOperation(nobody, op, 'valid', opts)));
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('left Object.prototype as it was (no prototype pollution)', () => {
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
  });
});

// What any signed-in person may do for themself, so a person with no role may be answered 2xx here.
// A new route belongs on this list only if everyone, whatever their roles, may use it.
const SELF_SERVICE = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/totp',
  'PATCH /api/v1/me',
  'POST /api/v1/me/totp/setup',
  'POST /api/v1/me/totp/enable',
  'POST /api/v1/me/totp/disable',
  'POST /api/v1/me/tokens',
  'POST /api/v1/incidents',
  'POST /api/v1/classification/entries',
  'POST /api/v1/classification/requests',
  'POST /api/v1/exceptions',
]);
