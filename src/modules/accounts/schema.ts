import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people, tenants } from '../org/schema.js';
import { LOGIN_METHODS, THROTTLE_SCOPES } from './rules.js';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A login for a person. Permissions never live here: they come from the person's role assignments. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  personId: uuid('person_id')
    .notNull()
    .unique()
    .references(() => people.id),
  login: text('login').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** TOTP secret, encrypted with the server's secret key (see server/secrets.ts). */
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totpLastStep: integer('totp_last_step'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  locale: text('locale', { enum: LOCALES }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    /** How the user proved who they are: a password (and TOTP) here, or the organisation's provider. */
    method: text('method', { enum: LOGIN_METHODS }).notNull().default('password'),
    /**
     * Set when the person's privileges change (role granted, removed or redefined): the next request
     * moves the session to a new id (auth-service.ts `rotateSession`).
     */
    rotationDue: boolean('rotation_due').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/** Machine-client tokens: hashed at rest, limited to a set of permissions, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_tokens_account').on(t.accountId)],
);

/**
 * Failed logins, counted in the shared database so every instance sees them (rules.ts `throttle…`):
 * per (account, client address) — `pair`; per client address whatever the login — `address`; per
 * account across all addresses — `account`. A pair row also remembers that the address once logged
 * in to the account, which exempts it from the account-wide slowdown.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    /** `pair:<account id>:<address>`, `address:<address>` or `account:<account id>`. */
    key: text('key').primaryKey(),
    scope: text('scope', { enum: THROTTLE_SCOPES }).notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    address: text('address'),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  },
  (t) => [index('login_throttles_account').on(t.accountId)],
);
