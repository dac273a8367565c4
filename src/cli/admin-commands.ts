import fs from 'node:fs';
import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { TOKEN_PREFIX } from '../modules/accounts/auth-service.js';
import { accounts, apiTokens } from '../modules/accounts/schema.js';
import { insertAccount, temporaryPassword } from '../modules/accounts/service.js';
import { type AnchorPoint, auditAnchor, recordAudit, verifyAuditTrail } from '../modules/audit/service.js';
import { chainLabel } from '../modules/audit/shards.js';
import { importOrg, importStaff } from '../modules/org/import-service.js';
import { orgUnits, people, tenants } from '../modules/org/schema.js';
import { createTenant, rootUnit } from '../modules/org/service.js';
import { CENTRAL_ROLES } from '../modules/roles/catalog.js';
import { roleAssignments, roles } from '../modules/roles/schema.js';
import { boot } from '../server/boot.js';
import { type Ctx, systemCtx } from '../server/context.js';
import { hashPassword, randomToken, sha256 } from '../server/crypto.js';
import { AppError, ERRORS } from '../server/errors.js';
import { isPermission, type TokenScope } from '../server/policy.js';
import { progressLine } from './progress.js';

/** Runs a CLI action with a booted database and a context labelled "cli" in the audit trail. */
async function withCtx(fn: (ctx: Ctx) => Promise<number | undefined>) {
  const booted = await boot();
  const ctx = systemCtx(booted.database.db, booted.config, booted.env);
  let code = 0;
  try {
    code = (await fn(ctx)) ?? 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const def = ERRORS[err.code];
    console.error(`${err.code}: ${err.detail?.ja ?? def.ja} / ${err.detail?.en ?? def.en}`);
    for (const e of err.errors ?? []) {
      console.error(
        `  ${e.path}: ${typeof e.message === 'string' ? e.message : `${e.message.ja} / ${e.message.en}`}`,
      );
    }
    code = 2;
  } finally {
    await booted.database.close();
  }
  process.exitCode = code;
}

/** The agency named by --agency, or the only agency there is. */
async function resolveTenant(db: Db, code: string | undefined) {
  const all = await db.select().from(tenants);
  if (code) {
    const t = all.find((x) => x.code === code);
    if (!t)
      throw new Error(
        `No agency with code "${code}". Known: ${all.map((x) => x.code).join(', ') || '(none)'}`,
      );
    return t;
  }
  const agencies = all.filter((t) => t.kind === 'agency');
  if (agencies.length !== 1) {
    throw new Error(
      `Say which agency with --agency CODE (known: ${all.map((x) => x.code).join(', ') || 'none — run `mamoru agency create` or `mamoru demo`'}).`,
    );
  }
  return agencies[0]!;
}

const cli = { actorLabel: 'cli' } as const;

export function registerAdminCommands(program: Command) {
  program
    .command('agency')
    .description('Agencies and the central body')
    .command('create')
    .description('Create an agency (or the central body) with its root unit and the standard roles')
    .requiredOption('--code <code>', 'short code, e.g. meti')
    .requiredOption('--name <name>', 'Japanese name, e.g. 経済産業省')
    .option('--name-en <name>', 'English name')
    .option('--central', 'create the central body (NISC) instead of an agency')
    .option(
      '--parent <code>',
      'the central body it reports to, or the supervising ministry of an incorporated administrative agency (独法)',
    )
    .action((o: { code: string; name: string; nameEn?: string; central?: boolean; parent?: string }) =>
      withCtx(async (ctx) => {
        let parentTenantId: string | null = null;
        if (o.parent) {
          const [parent] = await ctx.db.select().from(tenants).where(eq(tenants.code, o.parent));
          if (!parent) {
            console.error(`No agency or central body with the code ${o.parent}.`);
            return 2;
          }
          parentTenantId = parent.id;
        }
        const { tenant } = await createTenant(ctx, {
          parentTenantId,
          code: o.code,
          kind: o.central ? 'central' : 'agency',
          nameJa: o.name,
          nameEn: o.nameEn ?? null,
          ...(o.central ? { roleCatalog: CENTRAL_ROLES } : {}),
        });
        console.log(`Created ${tenant.kind} ${tenant.code} (${tenant.nameJa}).`);
        return 0;
      }),
    );

  const user = program.command('user').description('Accounts');
  user
    .command('create')
    .description('Create a login (and the person, unless --staff-no names an existing one)')
    .requiredOption('--login <login>', 'login ID')
    .option('--name <name>', 'the person’s name (for a new person)')
    .option('--staff-no <no>', 'staff number of an existing person, or of the new one (default: the login)')
    .option('--agency <code>', 'agency code (default: the only agency)')
    .option('--unit <code>', 'unit code where the roles are held (default: the root unit)')
    .option('--role <key...>', 'role keys to give, e.g. mamoru_admin staff', [])
    .option('--password <password>', 'initial password (default: a temporary one that must be changed)')
    .action(
      (o: {
        login: string;
        name?: string;
        staffNo?: string;
        agency?: string;
        unit?: string;
        role: string[];
        password?: string;
      }) =>
        withCtx(async (ctx) => {
          const tenant = await resolveTenant(ctx.db, o.agency);
          const unit = o.unit
            ? (
                await ctx.db
                  .select()
                  .from(orgUnits)
                  .where(and(eq(orgUnits.tenantId, tenant.id), eq(orgUnits.code, o.unit)))
              )[0]
            : await rootUnit(ctx.db, tenant.id);
          if (!unit) throw new Error(`No unit with code "${o.unit}".`);
          const password = o.password ?? temporaryPassword();
          const passwordHash = await hashPassword(password, ctx.config.passwordHash);
          const staffNo = o.staffNo ?? o.login;
          await ctx.db.transaction(async (tx) => {
            let [person] = await tx
              .select()
              .from(people)
              .where(and(eq(people.tenantId, tenant.id), eq(people.staffNo, staffNo)));
            if (!person) {
              if (!o.name)
                throw new Error(`No person with staff number ${staffNo}: give --name to create one.`);
              [person] = await tx
                .insert(people)
                .values({ tenantId: tenant.id, staffNo, name: o.name, unitId: unit.id })
                .returning();
              await recordAudit(tx, ctx, {
                ...cli,
                action: 'person.create',
                tenantId: tenant.id,
                targetId: person!.id,
                after: person,
              });
            }
            const account = await insertAccount(tx, {
              tenantId: tenant.id,
              personId: person!.id,
              login: o.login,
              passwordHash,
              mustChangePassword: !o.password,
            });
            await recordAudit(tx, ctx, {
              ...cli,
              action: 'account.create',
              tenantId: tenant.id,
              targetId: account.id,
              after: { login: account.login },
            });
            for (const key of o.role) {
              const [role] = await tx
                .select()
                .from(roles)
                .where(and(eq(roles.tenantId, tenant.id), eq(roles.key, key)));
              if (!role)
                throw new Error(
                  `No role "${key}". Known: ${(await tx.select().from(roles).where(eq(roles.tenantId, tenant.id))).map((r) => r.key).join(', ')}`,
                );
              const [a] = await tx
                .insert(roleAssignments)
                .values({ tenantId: tenant.id, personId: person!.id, roleId: role.id, unitId: unit.id })
                .onConflictDoNothing()
                .returning();
              if (a)
                await recordAudit(tx, ctx, {
                  ...cli,
                  action: 'role.assign',
                  tenantId: tenant.id,
                  targetId: a.id,
                  after: { person: staffNo, role: key, unit: unit.code },
                });
            }
          });
          console.log(`login:    ${o.login.toLowerCase()}`);
          console.log(
            `password: ${password}${o.password ? '' : '   (temporary: must be changed at first login / 初回ログイン時に変更が必要です)'}`,
          );
          return 0;
        }),
    );

  program
    .command('token')
    .description('API tokens for machine clients')
    .command('create')
    .description('Print a new API token for a user (send it as "Authorization: Bearer <token>")')
    .requiredOption('--user <login>', 'the account the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option(
      '--scopes <list>',
      'comma-separated permissions, and self for what any signed-in user may do (default: all the user holds, and self)',
    )
    .option('--days <n>', 'days until it expires (0 = never)', '365')
    .action((o: { user: string; name: string; scopes?: string; days: string }) =>
      withCtx(async (ctx) => {
        const [account] = await ctx.db
          .select()
          .from(accounts)
          .where(eq(accounts.login, o.user.toLowerCase()));
        if (!account) throw new Error(`No account "${o.user}".`);
        const held = await ctx.db
          .select({ permissions: roles.permissions })
          .from(roleAssignments)
          .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
          .where(eq(roleAssignments.personId, account.personId));
        const holds = new Set(held.flatMap((h) => h.permissions).filter(isPermission));
        const scopes = o.scopes ? o.scopes.split(',').map((s) => s.trim()) : [...holds, 'self'];
        const bad = scopes.filter((s) => s !== 'self' && (!isPermission(s) || !holds.has(s)));
        if (bad.length) throw new Error(`Not permissions of ${account.login}: ${bad.join(', ')}`);
        if (scopes.length === 0) throw new Error(`${account.login} holds no permissions to put in a token.`);
        const days = Number(o.days);
        if (!Number.isInteger(days) || days < 0) throw new Error('--days must be a whole number ≥ 0');
        const token = `${TOKEN_PREFIX}${randomToken(32)}`;
        await ctx.db.transaction(async (tx) => {
          const [row] = await tx
            .insert(apiTokens)
            .values({
              accountId: account.id,
              name: o.name,
              tokenHash: sha256(token),
              prefix: token.slice(0, TOKEN_PREFIX.length + 6),
              scopes: scopes as TokenScope[],
              expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
            })
            .returning();
          await recordAudit(tx, ctx, {
            ...cli,
            action: 'token.create',
            tenantId: account.tenantId,
            targetId: row!.id,
            after: { name: o.name, scopes, account: account.login },
          });
        });
        console.log(token);
        return 0;
      }),
    );

  const imp = program
    .command('import')
    .description('Import org units or staff from CSV (UTF-8 or Shift_JIS) or .xlsx');
  for (const kind of ['org', 'staff'] as const) {
    const c = imp
      .command(`${kind} <file>`)
      .description(
        kind === 'org'
          ? 'Org units: code,name_ja,name_en,parent_code,kind,sort_order'
          : 'Staff: staff_no,name,kana,email,unit_code,employment_type,status,roles',
      )
      .option('--dry-run', 'check the file and report what would change; write nothing')
      .option('--agency <code>', 'agency code (default: the only agency)');
    if (kind === 'staff')
      c.option('--full-roster', 'the file lists everyone: mark people not in it as having left');
    c.action((file: string, o: { dryRun?: boolean; agency?: string; fullRoster?: boolean }) =>
      withCtx(async (ctx) => {
        const tenant = await resolveTenant(ctx.db, o.agency);
        if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
        const bar = progressLine(`import ${kind}`, 2);
        bar.step('read');
        const buf = fs.readFileSync(file);
        const input = { tenantId: tenant.id, file: buf, dryRun: Boolean(o.dryRun) };
        bar.step(o.dryRun ? 'check' : 'write');
        const s =
          kind === 'org'
            ? await importOrg(ctx, input)
            : await importStaff(ctx, { ...input, fullRoster: Boolean(o.fullRoster) });
        bar.end();
        console.log(
          `${s.dryRun ? '[dry run] ' : ''}${file}: ${s.rows} rows — created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}` +
            (kind === 'staff' ? `, marked as left ${s.left}, roles added ${s.rolesAdded}` : ''),
        );
        return 0;
      }),
    );
  }

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description(
      'Re-hash every chain and check its seals; with --anchor, also check rows an earlier `audit anchor` recorded (exit code 1 if anything is wrong)',
    )
    .option('--anchor <file>', 'a file written by `mamoru audit anchor`')
    .action((o: { anchor?: string }) =>
      withCtx(async (ctx) => {
        const anchors = o.anchor ? readAnchorFile(o.anchor) : undefined;
        const result = await verifyAuditTrail(ctx, { anchors });
        const codes = new Map((await ctx.db.select().from(tenants)).map((t) => [t.id, t.code]));
        for (const c of result.chains) {
          const name = chainLabel(c.chain, (id) => codes.get(id));
          const legacy = c.unsealedRows ? ` (${c.unsealedRows} written before sealing)` : '';
          if (!c.firstBreak) console.log(`OK      ${name}: ${c.rows} events, chain intact${legacy}`);
          else {
            const why = {
              edited: 'the row was edited',
              missing_before: 'a row before it was deleted',
              bad_link: 'its link to the previous row is wrong',
              bad_seal: 'its seal does not match (re-chained without the secret key, or SECRET_KEY changed)',
              unsealed: 'it is not sealed although earlier rows are',
              missing_newest:
                'a later event of another chain of the agency saw it, but it is gone (newest events were deleted)',
            }[c.firstBreak.reason];
            console.log(
              `BROKEN  ${name}: first broken link at seq ${c.firstBreak.seq} (id ${c.firstBreak.id}): ${why}`,
            );
          }
          if (c.anchorMismatch) {
            const m = c.anchorMismatch;
            console.log(
              m.found === null
                ? `BROKEN  ${name}: the anchored event seq ${m.seq} is gone (newest events were deleted)`
                : `BROKEN  ${name}: the anchored event seq ${m.seq} differs from the anchor (the chain was rewritten)`,
            );
          }
        }
        if (result.chains.length === 0) console.log('No audit events yet.');
        return result.ok ? 0 : 1;
      }),
    );
  audit
    .command('anchor')
    .description(
      'Print the newest event of every chain (sequence number and hash) as JSON; keep it outside the database and pass it to `audit verify --anchor`',
    )
    .action(() =>
      withCtx(async (ctx) => {
        const points = await auditAnchor(ctx.db);
        const codes = new Map((await ctx.db.select().from(tenants)).map((t) => [t.id, t.code]));
        const out = {
          takenAt: new Date().toISOString(),
          chains: points.map((p) => ({ ...p, name: chainLabel(p.chain, (id) => codes.get(id)) })),
        };
        console.log(JSON.stringify(out, null, 2));
        return 0;
      }),
    );
}

/** Reads an anchor file written by `mamoru audit anchor`. */
function readAnchorFile(file: string): AnchorPoint[] {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const parsed = AnchorFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not an anchor written by \`mamoru audit anchor\``);
  return parsed.data.chains;
}

const AnchorFile = z.object({
  chains: z.array(
    z.object({
      chain: z.string(),
      seq: z.number().int().positive(),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
