// Pure rules of accounts and sessions: no I/O, tested with tables of cases (rules.test.ts).

/**
 * Login throttling. Failures are counted per (account, client address), per address and per account;
 * a count is forgotten `memoryHours` after its last failure. An address that failed `pairMaxFailures`
 * times on an account waits `delaySeconds`, doubling with each further failure up to `maxDelayMinutes`,
 * before that account answers it again: the owner elsewhere is not locked out. `addressMaxFailures`
 * does the same for an address trying many logins. Past `accountMaxFailures` (across all addresses)
 * each further wrong password closes the account for `delaySeconds` to addresses that have never
 * logged in to it: a slowdown, never a lock for the owner's usual address.
 */
export interface ThrottlePolicy {
  pairMaxFailures: number;
  addressMaxFailures: number;
  accountMaxFailures: number;
  delaySeconds: number;
  maxDelayMinutes: number;
  memoryHours: number;
}

export const THROTTLE_SCOPES = ['pair', 'address', 'account'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/** An address that logged in to an account this recently is "known" to it. */
export const KNOWN_ADDRESS_DAYS = 90;

/** The wait (seconds) after the `failures`-th counted failure of one scope; 0 below its threshold. */
export function throttleDelaySeconds(scope: ThrottleScope, failures: number, policy: ThrottlePolicy): number {
  const threshold =
    scope === 'pair'
      ? policy.pairMaxFailures
      : scope === 'address'
        ? policy.addressMaxFailures
        : policy.accountMaxFailures;
  if (threshold <= 0 || failures < threshold) return 0;
  // Across all addresses it only slows down: a fixed interval, not a growing one.
  if (scope === 'account') return policy.delaySeconds;
  const doublings = Math.min(failures - threshold, 20);
  return Math.min(policy.delaySeconds * 2 ** doublings, policy.maxDelayMinutes * 60);
}

/** True when this failure is the one that first makes the scope wait (audited as `auth.locked`). */
export function startsThrottle(scope: ThrottleScope, failures: number, policy: ThrottlePolicy): boolean {
  return (
    throttleDelaySeconds(scope, failures, policy) > 0 &&
    throttleDelaySeconds(scope, failures - 1, policy) === 0
  );
}

export interface ThrottleState {
  blockedUntil: Date | null;
  lastSuccessAt: Date | null;
}

/** Whether an attempt from this address on this account is refused now (answered like a wrong password). */
export function loginThrottled(
  rows: {
    pair?: ThrottleState | undefined;
    address?: ThrottleState | undefined;
    account?: ThrottleState | undefined;
  },
  now: Date,
): boolean {
  const blocked = (r: ThrottleState | undefined) => Boolean(r?.blockedUntil && r.blockedUntil > now);
  if (blocked(rows.pair) || blocked(rows.address)) return true;
  const known =
    rows.pair?.lastSuccessAt != null &&
    now.getTime() - rows.pair.lastSuccessAt.getTime() < KNOWN_ADDRESS_DAYS * 86_400_000;
  return blocked(rows.account) && !known;
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Bounds of an agency's own timeouts: never so short that work is lost, never past a working day. */
export const SESSION_POLICY_BOUNDS = {
  idleMinutes: { min: 5, max: 480 },
  absoluteHours: { min: 1, max: 24 },
} as const;

/** The agency's own values where it set them, the server's otherwise. */
export function effectiveSessionPolicy(
  server: SessionPolicy,
  agency: { sessionIdleMinutes: number | null; sessionAbsoluteHours: number | null },
): SessionPolicy {
  return {
    idleMinutes: agency.sessionIdleMinutes ?? server.idleMinutes,
    absoluteHours: agency.sessionAbsoluteHours ?? server.absoluteHours,
  };
}

export const LOGIN_METHODS = ['password', 'oidc'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

export type SessionState = 'valid' | 'idle_expired' | 'expired';

/**
 * `expiresAt` is fixed at login; the absolute limit is also measured from `createdAt`, so an agency
 * that shortens its policy ends the sessions already open past the new limit.
 */
export function sessionState(
  s: { createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy,
): SessionState {
  if (s.expiresAt <= now) return 'expired';
  if (now.getTime() - s.createdAt.getTime() >= policy.absoluteHours * 3_600_000) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() > policy.idleMinutes * 60_000) return 'idle_expired';
  return 'valid';
}

/** Refresh "last seen" at most once a minute, so reads don't each become a write. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= 60_000;
}

export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(
  password: string,
  login: string,
): 'too_short' | 'same_as_login' | 'one_character' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.toLowerCase().includes(login.toLowerCase())) return 'same_as_login';
  if (new Set(password).size === 1) return 'one_character';
  return null;
}

/** Logins are case-insensitive and stored in lower case. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** What Mamoru reads from a provider's claims: the value matched, and what a new person is made of. */
export interface OidcIdentity {
  subject: string;
  /** The claim value compared with the configured person field. */
  key: string;
  staffNumber: string | null;
  email: string | null;
  name: string | null;
}

export type OidcClaimProblem = 'claim_missing' | 'email_unverified';

const claimText = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;

/**
 * Reads the identity from the ID token and userinfo claims. Matching by mail needs a mail the
 * provider did not mark unverified (`email_verified: false`), or anyone able to set their own
 * address at the provider could take over the person who has it.
 */
export function readOidcIdentity(
  claims: Record<string, unknown>,
  opts: { match: 'staff_number' | 'email'; claims: { staffNumber: string; email: string; name: string } },
): OidcIdentity | OidcClaimProblem {
  const staffNumber = claimText(claims[opts.claims.staffNumber]);
  const email = claimText(claims[opts.claims.email])?.toLowerCase() ?? null;
  const key = opts.match === 'staff_number' ? staffNumber : email;
  const subject = claimText(claims.sub);
  if (!key || !subject) return 'claim_missing';
  if (opts.match === 'email' && claims.email_verified === false) return 'email_unverified';
  return { subject, key, staffNumber, email, name: claimText(claims[opts.claims.name]) };
}
