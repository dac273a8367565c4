import { addDays, daysBetween } from '../../lib/dates.js';
import type { FindingBand, FindingSource, FindingStatus, RetestResult } from './finding-schema.js';
import type { HttpProbeResult, MailProbeResult, TlsProbeResult } from './probe/types.js';

// Pure rules of diagnosis findings: CVSS → band → target date, ageing, the status machine, and the
// verdicts of Mamoru's probes that are findings. Sources: 001 L11748-11796 (the yearly diagnosis,
// graded by CVSS base score: 7.0–10.0 dealt with at once, 4.0–6.9 on a plan).

/** The band of a CVSS base score (001 L11788-11796). */
export function bandOfCvss(score: number): FindingBand {
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const SEVERITY_WORDS: Record<string, FindingBand> = {
  critical: 'high',
  high: 'high',
  緊急: 'high',
  重要: 'high',
  高: 'high',
  medium: 'medium',
  moderate: 'medium',
  警告: 'medium',
  中: 'medium',
  low: 'low',
  注意: 'low',
  低: 'low',
  info: 'info',
  informational: 'info',
  情報: 'info',
};

/** A severity word as diagnosis reports write it, or null when unknown. */
export function bandOfSeverity(word: string): FindingBand | null {
  return SEVERITY_WORDS[word.trim().toLowerCase()] ?? null;
}

/** Days from discovery to the target date, per band: the tenant's policy data. */
export interface FindingPolicy {
  highDays: number;
  mediumDays: number;
  lowDays: number;
  infoDays: number;
}

/** "At once" for high (a fortnight to fix and re-test), a quarter for medium, half a year below. */
export const DEFAULT_FINDING_POLICY: FindingPolicy = {
  highDays: 14,
  mediumDays: 90,
  lowDays: 180,
  infoDays: 365,
};

export function targetDate(foundOn: string, band: FindingBand, policy: FindingPolicy): string {
  const days = {
    high: policy.highDays,
    medium: policy.mediumDays,
    low: policy.lowDays,
    info: policy.infoDays,
  }[band];
  return addDays(foundOn, days);
}

export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '181+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(foundOn: string, today: string): AgeBucket {
  const age = daysBetween(foundOn, today);
  if (age <= 30) return '0-30';
  if (age <= 90) return '31-90';
  if (age <= 180) return '91-180';
  return '181+';
}

/** Still to be dealt with: open, or reported fixed but not yet verified. */
export function isOutstanding(status: FindingStatus): boolean {
  return status === 'open' || status === 'fixed';
}

export function isOverdue(f: { status: FindingStatus; targetDate: string }, today: string): boolean {
  return isOutstanding(f.status) && f.targetDate < today;
}

export type FindingAction = 'fix' | 'verify' | 'reopen' | 'accept';

/**
 * Whether an action is possible from a status. `verify` closes a finding only after a re-test: the
 * latest import no longer found it, or the verifier records a re-test of their own (`manualRetest`).
 */
export function canTransition(
  action: FindingAction,
  f: { status: FindingStatus; retest: RetestResult | null },
  opts: { manualRetest?: boolean } = {},
): boolean {
  switch (action) {
    case 'fix':
      return f.status === 'open';
    case 'verify':
      return (
        (f.status === 'open' || f.status === 'fixed') &&
        (f.retest === 'absent' || (f.status === 'fixed' && !!opts.manualRetest))
      );
    case 'reopen':
      return f.status === 'fixed' || f.status === 'closed' || f.status === 'accepted';
    case 'accept':
      return f.status === 'open' || f.status === 'fixed';
  }
}

/** Lower-cased, whitespace-collapsed text for matching a finding across years. */
export function normaliseKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** system / host / source / key: the same finding in next year's diagnosis has the same key. */
export function matchKey(
  systemId: string,
  hostId: string | null,
  source: FindingSource,
  key: string,
): string {
  return `${systemId}|${hostId ?? '-'}|${source}|${normaliseKey(key)}`;
}

// --- CVSS v3.x base score (FIRST CVSS v3.1 specification, section 7) ---

const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function roundUp(x: number): number {
  const i = Math.round(x * 100_000);
  return i % 10_000 === 0 ? i / 100_000 : (Math.floor(i / 10_000) + 1) / 10;
}

/** The base score of a CVSS 3.0/3.1 vector, or null when the vector is not one. */
export function cvssBaseScore(vector: string): number | null {
  const m = /^CVSS:3\.[01]\/(.+)$/.exec(vector.trim());
  if (!m) return null;
  const parts = new Map<string, string>();
  for (const p of m[1]!.split('/')) {
    const [k, v] = p.split(':');
    if (!k || !v || parts.has(k)) return null;
    parts.set(k, v);
  }
  const get = <T extends Record<string, number>>(k: string, table: T): number | null => {
    const v = parts.get(k);
    return v !== undefined && v in table ? table[v as keyof T]! : null;
  };
  const scope = parts.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const prTable = scope === 'C' ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 };
  const av = get('AV', W.AV);
  const ac = get('AC', W.AC);
  const pr = get('PR', prTable);
  const ui = get('UI', W.UI);
  const c = get('C', W.CIA);
  const i = get('I', W.CIA);
  const a = get('A', W.CIA);
  if (av === null || ac === null || pr === null || ui === null || c === null || i === null || a === null)
    return null;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

// --- Probe verdicts that are findings ---

export interface Verdict {
  /** Stable per host and probe kind: "tls.SSLv3", "mail.spf_missing". */
  code: string;
  band: FindingBand;
  title: { ja: string; en: string };
  recommendation: string;
}

const v = (code: string, band: FindingBand, ja: string, en: string, recommendation: string): Verdict => ({
  code,
  band,
  title: { ja, en },
  recommendation,
});

/** The bad verdicts of a TLS probe (SSLv3 accepted, weak suites, SHA-1 or expiring certificate, …). */
export function tlsVerdicts(r: TlsProbeResult): Verdict[] {
  const out: Verdict[] = [];
  const disable = 'サーバの設定で当該プロトコルを無効化する。';
  if (r.protocols.SSLv2) out.push(v('tls.SSLv2', 'high', 'SSL 2.0 を受け付ける', 'Accepts SSL 2.0', disable));
  if (r.protocols.SSLv3) out.push(v('tls.SSLv3', 'high', 'SSL 3.0 を受け付ける', 'Accepts SSL 3.0', disable));
  if (r.protocols['TLSv1.0'])
    out.push(v('tls.TLSv1.0', 'medium', 'TLS 1.0 を受け付ける', 'Accepts TLS 1.0', disable));
  if (r.protocols['TLSv1.1'])
    out.push(v('tls.TLSv1.1', 'medium', 'TLS 1.1 を受け付ける', 'Accepts TLS 1.1', disable));
  const cipherFix = '当該暗号スイートを無効化する。';
  for (const family of ['NULL', 'EXPORT', 'anonymous'] as const) {
    if (r.weakCiphers[family])
      out.push(
        v(
          `tls.cipher_${family}`,
          'high',
          `${family} 暗号スイートを受け付ける`,
          `Accepts ${family} cipher suites`,
          cipherFix,
        ),
      );
  }
  for (const family of ['RC4', '3DES'] as const) {
    if (r.weakCiphers[family])
      out.push(
        v(
          `tls.cipher_${family}`,
          'medium',
          `${family} 暗号スイートを受け付ける`,
          `Accepts ${family} cipher suites`,
          cipherFix,
        ),
      );
  }
  const c = r.certificate;
  if (c) {
    const renew = 'SHA-256 以上・RSA 2048 ビット以上の証明書に更新する。';
    if (c.sha1)
      out.push(
        v('tls.cert_sha1', 'medium', '証明書の署名に SHA-1 を使用', 'Certificate signed with SHA-1', renew),
      );
    if (c.keyType === 'RSA' && c.keyBits < 2048)
      out.push(
        v(
          'tls.cert_rsa_short',
          'medium',
          `RSA ${c.keyBits} ビットの証明書`,
          `RSA ${c.keyBits}-bit certificate`,
          renew,
        ),
      );
    if (c.daysLeft < 0)
      out.push(
        v('tls.cert_expired', 'high', '証明書の有効期限切れ', 'Certificate expired', '証明書を更新する。'),
      );
    else if (c.daysLeft <= 30)
      out.push(
        v(
          'tls.cert_expiring',
          'medium',
          '証明書の有効期限が30日以内',
          'Certificate expires within 30 days',
          '証明書を更新する。',
        ),
      );
    if (c.selfSigned)
      out.push(
        v(
          'tls.cert_self_signed',
          'medium',
          '自己署名証明書',
          'Self-signed certificate',
          '認証局が発行した証明書を用いる。',
        ),
      );
    if (!c.nameMatches)
      out.push(
        v(
          'tls.cert_name_mismatch',
          'medium',
          '証明書のホスト名が一致しない',
          'Certificate name does not match',
          '正しいホスト名の証明書を用いる。',
        ),
      );
  }
  return out;
}

export function httpVerdicts(r: HttpProbeResult): Verdict[] {
  const out: Verdict[] = [];
  if (!r.redirectsToHttps)
    out.push(
      v(
        'http.no_https_redirect',
        'low',
        'HTTP から HTTPS へ転送しない',
        'No redirect from HTTP to HTTPS',
        'HTTP へのアクセスを HTTPS へ転送する。',
      ),
    );
  if (!r.hsts)
    out.push(
      v(
        'http.no_hsts',
        'low',
        'HSTS ヘッダがない',
        'No HSTS header',
        'Strict-Transport-Security ヘッダを付与する。',
      ),
    );
  if (r.disclosure.length > 0)
    out.push(
      v(
        'http.version_disclosure',
        'low',
        'サーバ・フレームワークの版数を開示',
        'Server or framework version disclosed',
        'Server 等のヘッダから版数を除く。',
      ),
    );
  return out;
}

export function mailVerdicts(r: MailProbeResult): Verdict[] {
  const out: Verdict[] = [];
  const spf = 'SPF レコードを "-all" で公開する（001 L11718-11729）。';
  if (r.spf.all === 'none')
    out.push(v('mail.spf_missing', 'medium', 'SPF レコードがない', 'No SPF record', spf));
  else if (r.spf.all === '+all')
    out.push(
      v('mail.spf_pass_all', 'high', 'SPF が +all（全送信元を許可）', 'SPF +all allows every sender', spf),
    );
  else if (r.spf.all === '?all')
    out.push(v('mail.spf_neutral', 'low', 'SPF が ?all（中立）', 'SPF ?all (neutral)', spf));
  if (r.dmarc.policy === 'missing')
    out.push(
      v('mail.dmarc_missing', 'low', 'DMARC レコードがない', 'No DMARC record', 'DMARC レコードを公開する。'),
    );
  if (r.starttls && !r.starttls.offered)
    out.push(
      v(
        'mail.starttls_missing',
        'medium',
        'STARTTLS を提供していない',
        'STARTTLS not offered',
        'SMTP で STARTTLS を提供する。',
      ),
    );
  if (r.starttls?.protocols && (r.starttls.protocols.SSLv2 || r.starttls.protocols.SSLv3))
    out.push(
      v(
        'mail.starttls_ssl',
        'high',
        'STARTTLS で SSL を受け付ける',
        'STARTTLS accepts SSL',
        'SSL 2.0/3.0 を無効化する。',
      ),
    );
  return out;
}
