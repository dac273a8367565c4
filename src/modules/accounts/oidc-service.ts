import { and, eq, isNull, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../../config.js';
import type { Ctx } from '../../server/context.js';
import { decryptSecret, encryptSecret } from '../../server/crypto.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { completeLogin, openSession } from './auth-service.js';
import type { OidcRefusalCode } from './oidc-refusals.js';
import { type OidcIdentity, readOidcIdentity } from './rules.js';
import { accounts } from './schema.js';

/** The cookie that carries state, nonce and PKCE verifier from /start to /callback, sealed. */
export const OIDC_COOKIE = 'mamoru_oidc';
export const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/** A sign-in at the provider must finish within this time. */
export const OIDC_FLOW_SECONDS = 600;

/** The password hash of an account made for single sign-on: no password ever verifies against it. */
export const NO_PASSWORD = '!oidc';

export class OidcRefusal extends Error {
  constructor(
    readonly code: OidcRefusalCode,
    readonly reason?: unknown,
  ) {
    super(`single sign-on refused: ${code}`);
  }
}

const Flow = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), until: z.number() });

// Discovery once per process and provider; a failed one is forgotten so the next login retries.
const discovered = new Map<string, Promise<oidc.Configuration>>();

function configurationOf(cfg: OidcConfig): Promise<oidc.Configuration> {
  const key = `${cfg.issuer} ${cfg.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(cfg.issuer);
    found = oidc.discovery(
      issuer,
      cfg.clientId,
      cfg.clientSecret,
      cfg.clientSecret ? undefined : oidc.None(),
      // config.ts allows plain http only on the loopback address.
      issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

function redirectUri(ctx: Ctx) {
  return new URL(OIDC_CALLBACK_PATH, ctx.config.publicUrl).href;
}

/** First leg: where to send the browser, and the sealed cookie that must come back with it. */
export async function startOidcLogin(ctx: Ctx, cfg: OidcConfig) {
  const configuration = await configurationOf(cfg).catch((err: unknown) => {
    throw new OidcRefusal('failed', err);
  });
  const flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    until: Date.now() + OIDC_FLOW_SECONDS * 1000,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(ctx),
    scope: cfg.scope,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, cookie: encryptSecret(ctx.env.secretKey, JSON.stringify(flow)) };
}

function openFlow(ctx: Ctx, sealed: string | undefined) {
  if (!sealed) throw new OidcRefusal('expired');
  let flow: z.infer<typeof Flow>;
  try {
    flow = Flow.parse(JSON.parse(decryptSecret(ctx.env.secretKey, sealed)));
  } catch (err) {
    throw new OidcRefusal('failed', err);
  }
  if (flow.until < Date.now()) throw new OidcRefusal('expired');
  return flow;
}

/**
 * Second leg: the provider's answer is checked by openid-client (state, PKCE, ID token signature,
 * issuer, audience, nonce), then the person is found in the configured agency only, and a session
 * is opened exactly as after a password login.
 */
export async function finishOidcLogin(
  ctx: Ctx,
  cfg: OidcConfig,
  input: { query: string; sealed: string | undefined; userAgent: string | null; replaces: string | null },
) {
  const flow = openFlow(ctx, input.sealed);
  const configuration = await configurationOf(cfg).catch((err: unknown) => {
    throw new OidcRefusal('failed', err);
  });
  let claims: Record<string, unknown>;
  try {
    const current = new URL(`${OIDC_CALLBACK_PATH}${input.query}`, ctx.config.publicUrl);
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      : {};
    claims = { ...userinfo, ...idClaims };
  } catch (err) {
    throw new OidcRefusal('failed', err);
  }

  const [tenant] = await ctx.db.select().from(tenants).where(eq(tenants.code, cfg.tenantCode));
  if (!tenant) throw new OidcRefusal('failed', new Error(`MAMORU_OIDC_TENANT ${cfg.tenantCode} is unknown`));
  const identity = readOidcIdentity(claims, cfg);
  if (typeof identity === 'string') {
    await auditRefusal(ctx, tenant.id, String(claims.sub ?? '?'), identity);
    throw new OidcRefusal(identity);
  }
  const account = await accountFor(ctx, cfg, tenant, identity);
  const opened = await openSession(ctx, account, {
    mfaPending: false,
    userAgent: input.userAgent,
    method: 'oidc',
    replaces: input.replaces,
  });
  await completeLogin(ctx, account, 'oidc');
  return opened;
}

async function auditRefusal(ctx: Ctx, tenantId: string, subject: string, reason: OidcRefusalCode) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'auth.login_failed',
      tenantId,
      actorLabel: `oidc:${subject}`,
      after: { method: 'oidc', reason },
    }),
  );
}

/** The matched person's account, made on their first sign-in; a new person only with JIT on. */
async function accountFor(
  ctx: Ctx,
  cfg: OidcConfig,
  tenant: typeof tenants.$inferSelect,
  identity: OidcIdentity,
) {
  const refuse = async (code: OidcRefusalCode) => {
    await auditRefusal(ctx, tenant.id, identity.subject, code);
    return new OidcRefusal(code);
  };
  // Only people of the configured agency: the same staff number elsewhere is someone else.
  const matches = await ctx.db
    .select()
    .from(people)
    .where(
      and(
        eq(people.tenantId, tenant.id),
        cfg.match === 'staff_number'
          ? eq(people.staffNo, identity.key)
          : eq(sql`lower(${people.email})`, identity.key),
      ),
    )
    .limit(2);
  if (matches.length > 1) throw await refuse('ambiguous');
  let person = matches[0];
  if (!person) {
    if (!cfg.jitUnitCode || !identity.staffNumber) throw await refuse('unknown_person');
    person = await createPerson(ctx, tenant.id, cfg.jitUnitCode, identity);
  }
  if (person.status === 'left') throw await refuse('disabled');
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.personId, person.id));
  if (account?.disabledAt) throw await refuse('disabled');
  return account ?? (await createAccount(ctx, tenant, person));
}

async function createPerson(ctx: Ctx, tenantId: string, unitCode: string, identity: OidcIdentity) {
  const [unit] = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.code, unitCode), isNull(orgUnits.abolishedAt)));
  if (!unit) throw new OidcRefusal('failed', new Error(`MAMORU_OIDC_JIT_UNIT ${unitCode} is not a unit`));
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx
      .insert(people)
      .values({
        tenantId,
        unitId: unit.id,
        staffNo: identity.staffNumber!,
        name: identity.name ?? identity.staffNumber!,
        email: identity.email,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'person.create',
      tenantId,
      targetId: person!.id,
      actorLabel: `oidc:${identity.subject}`,
      after: { ...person, via: 'oidc' },
    });
    return person!;
  });
}

/** Login names of single sign-on accounts: the agency code and staff number, never typed by anyone. */
async function createAccount(
  ctx: Ctx,
  tenant: typeof tenants.$inferSelect,
  person: typeof people.$inferSelect,
) {
  return ctx.db.transaction(async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({
        tenantId: tenant.id,
        personId: person.id,
        login: `${tenant.code}.${person.staffNo}`.toLowerCase(),
        passwordHash: NO_PASSWORD,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'account.create',
      tenantId: tenant.id,
      targetId: account!.id,
      actorLabel: `oidc:${person.staffNo}`,
      after: { login: account!.login, method: 'oidc' },
    });
    return account!;
  });
}
