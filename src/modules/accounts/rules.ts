// Pure rules of accounts and sessions: no I/O, tested with tables of cases (rules.test.ts).

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export type LoginGate = 'disabled' | 'locked' | 'open';

export function loginGate(
  account: { disabledAt: Date | null; lockedUntil: Date | null },
  now: Date,
): LoginGate {
  if (account.disabledAt) return 'disabled';
  if (account.lockedUntil && account.lockedUntil > now) return 'locked';
  return 'open';
}

/** After a wrong password: count it, and lock the account once the limit is reached. */
export function afterFailure(
  failedLogins: number,
  now: Date,
  policy: LockoutPolicy,
): { failedLogins: number; lockedUntil: Date | null } {
  const n = failedLogins + 1;
  if (n >= policy.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedLogins: n, lockedUntil: null };
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionState = 'valid' | 'idle_expired' | 'expired';

export function sessionState(
  s: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy,
): SessionState {
  if (s.expiresAt <= now) return 'expired';
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
