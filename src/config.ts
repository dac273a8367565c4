import path from 'node:path';
import { z } from 'zod';

// Every setting comes from the environment, for the server and the CLI alike (README "Configuration").
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32).optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(0).default(100),
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(0).default(50),
  LOGIN_FAILURE_MEMORY_HOURS: z.coerce.number().int().min(1).default(24),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Mamoru <no-reply@mamoru.invalid>'),
  JOBS: z.enum(['on', 'off']).default('on'),
  SELFCHECK_SYNC_OPEN_MAX_PEOPLE: z.coerce.number().int().min(0).default(2000),
  MAMORU_DRILL_SMTP_URL: z.string().optional(),
  MAMORU_DRILL_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  /** Senders (claim loops) per drill in one process; other instances may send the same drill too. */
  MAMORU_DRILL_SENDERS: z.coerce.number().int().min(1).max(16).default(2),
  MAMORU_REPORT_ADDRESS: z.string().optional(),
  MAMORU_REPORT_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MAMORU_REPORT_SMTP_HOST: z.string().default('127.0.0.1'),
  MAMORU_INCIDENT_ADDRESS: z.string().optional(),
  MAMORU_OIDC_ISSUER: z.string().url().optional(),
  MAMORU_OIDC_CLIENT_ID: z.string().optional(),
  MAMORU_OIDC_CLIENT_SECRET: z.string().optional(),
  MAMORU_OIDC_TENANT: z.string().optional(),
  MAMORU_OIDC_MATCH: z.enum(['staff_number', 'email']).default('staff_number'),
  MAMORU_OIDC_STAFF_CLAIM: z.string().min(1).default('employee_number'),
  MAMORU_OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  MAMORU_OIDC_NAME_CLAIM: z.string().min(1).default('name'),
  MAMORU_OIDC_SCOPE: z.string().default('openid profile email'),
  MAMORU_OIDC_JIT: z.enum(['true', 'false']).default('false'),
  MAMORU_OIDC_JIT_UNIT: z.string().optional(),
  MAMORU_OIDC_LABEL: z.string().optional(),
});

/**
 * OpenID Connect login (accounts/oidc-service.ts). `issuer` must be https, except on the loopback
 * address (a provider on the same machine, as in the tests): tokens never cross a network in clear.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The agency (tenant code) whose people the provider's users are; nobody else can be matched. */
  tenantCode: string;
  /** Which person field the claim is matched against. */
  match: 'staff_number' | 'email';
  claims: { staffNumber: string; email: string; name: string };
  scope: string;
  /** Unknown users become people of this unit (code within the agency); null: they are refused. */
  jitUnitCode: string | null;
  /** The text of the login page's button (default: 組織のアカウントでログイン / its English). */
  label: string | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function oidcConfig(e: z.infer<typeof Env>): OidcConfig | null {
  if (!e.MAMORU_OIDC_ISSUER) return null;
  const missing = (
    [
      ['MAMORU_OIDC_CLIENT_ID', e.MAMORU_OIDC_CLIENT_ID],
      ['MAMORU_OIDC_TENANT', e.MAMORU_OIDC_TENANT],
      ...(e.MAMORU_OIDC_JIT === 'true' ? [['MAMORU_OIDC_JIT_UNIT', e.MAMORU_OIDC_JIT_UNIT]] : []),
    ] as const
  ).filter(([, v]) => !v);
  if (missing.length > 0) {
    throw new Error(`MAMORU_OIDC_ISSUER is set, so ${missing.map(([k]) => k).join(' and ')} must be too.`);
  }
  const issuer = new URL(e.MAMORU_OIDC_ISSUER);
  if (issuer.protocol !== 'https:' && !LOOPBACK.has(issuer.hostname)) {
    throw new Error('MAMORU_OIDC_ISSUER must be an https address (plain http only on localhost).');
  }
  return {
    issuer: e.MAMORU_OIDC_ISSUER,
    clientId: e.MAMORU_OIDC_CLIENT_ID!,
    clientSecret: e.MAMORU_OIDC_CLIENT_SECRET || undefined,
    tenantCode: e.MAMORU_OIDC_TENANT!,
    match: e.MAMORU_OIDC_MATCH,
    claims: {
      staffNumber: e.MAMORU_OIDC_STAFF_CLAIM,
      email: e.MAMORU_OIDC_EMAIL_CLAIM,
      name: e.MAMORU_OIDC_NAME_CLAIM,
    },
    scope: e.MAMORU_OIDC_SCOPE,
    jitUnitCode: e.MAMORU_OIDC_JIT === 'true' ? e.MAMORU_OIDC_JIT_UNIT! : null,
    label: e.MAMORU_OIDC_LABEL || null,
  };
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string;
  secretKey: string | undefined;
  cookieSecure: boolean;
  /** Server-wide session timeouts; an agency may set its own (org settings, accounts/session-policy.ts). */
  session: { idleMinutes: number; absoluteHours: number };
  /**
   * Login throttling (accounts/rules.ts): `maxFailures` wrong passwords or codes from one address on
   * one account before that address waits; `lockMinutes` is the longest such wait.
   */
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  /** The rest of the throttling: first wait, per-address and per-account ceilings, memory. */
  loginThrottle: {
    delaySeconds: number;
    addressMaxFailures: number;
    accountMaxFailures: number;
    memoryHours: number;
  };
  bodyLimit: number;
  uploadLimit: number;
  trustProxy: boolean;
  logLevel: string;
  mail: { smtpUrl: string | undefined; from: string };
  jobs: boolean;
  /**
   * Opening a self-check campaign creates the questionnaires in the request up to this many people
   * (the office sees it open at once); beyond it a background job creates them in batches.
   */
  selfcheck: { syncOpenMaxPeople: number };
  /**
   * Drill mail: its own relay (default SMTP_URL) with pooled connections; the report mailbox that
   * receives forwarded lures, replies and bounces; its optional SMTP listener started by `serve`.
   */
  drills: {
    smtpUrl: string | undefined;
    connections: number;
    /** Concurrent senders (claim loops) per drill in this process. */
    senders: number;
    reportAddress: string | undefined;
    reportSmtpPort: number | undefined;
    reportSmtpHost: string;
    /** The incident mailbox: mail to it (received by the same listener) becomes an incident report. */
    incidentAddress: string | undefined;
  };
  /** Single sign-on with OpenID Connect; null when MAMORU_OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Password hashing cost; tests lower it, production keeps the library's argon2id defaults. */
  passwordHash: { memoryCost?: number; timeCost?: number };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl,
    secretKey: e.SECRET_KEY,
    // Behind an https address the cookie is always Secure; COOKIE_SECURE=true forces it on plain http too.
    cookieSecure: publicUrl.startsWith('https:') || e.COOKIE_SECURE === 'true',
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    loginThrottle: {
      delaySeconds: e.LOGIN_DELAY_SECONDS,
      addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
      accountMaxFailures: e.LOGIN_ACCOUNT_MAX_FAILURES,
      memoryHours: e.LOGIN_FAILURE_MEMORY_HOURS,
    },
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    jobs: e.JOBS === 'on',
    selfcheck: { syncOpenMaxPeople: e.SELFCHECK_SYNC_OPEN_MAX_PEOPLE },
    drills: {
      smtpUrl: e.MAMORU_DRILL_SMTP_URL || e.SMTP_URL || undefined,
      connections: e.MAMORU_DRILL_SMTP_CONNECTIONS,
      senders: e.MAMORU_DRILL_SENDERS,
      reportAddress: e.MAMORU_REPORT_ADDRESS || undefined,
      reportSmtpPort: e.MAMORU_REPORT_SMTP_PORT,
      reportSmtpHost: e.MAMORU_REPORT_SMTP_HOST,
      incidentAddress: e.MAMORU_INCIDENT_ADDRESS || undefined,
    },
    oidc: oidcConfig(e),
    passwordHash: {},
  };
}
