import { Resolver } from 'node:dns/promises';
import { type Limit, limiter, UnreachableError } from './exchange.js';
import { starttlsOffered, starttlsOpener } from './smtp.js';
import { probeVersionsAndFamilies } from './tls.js';
import type { DmarcPolicy, MailProbeResult, SpfAll } from './types.js';

// Mail-domain measures: MX, SPF with its `all` qualifier (NISC tracked -all/~all on ~770 domains,
// 001 L11718-11729), DMARC policy, and STARTTLS on port 25 of the first MX with its TLS versions.

/** The SPF record among a name's TXT strings (RFC 7208 4.5: starts with "v=spf1" then space or end). */
export function findSpf(txt: string[]): string | null {
  return txt.find((t) => /^v=spf1(\s|$)/i.test(t.trim())) ?? null;
}

/** The `all` mechanism's qualifier: "all" alone is "+all" (RFC 7208 4.6.2); none when absent. */
export function spfAll(record: string | null): SpfAll {
  if (!record) return 'none';
  for (const term of record.trim().split(/\s+/).slice(1)) {
    const m = /^([+\-~?]?)all$/i.exec(term);
    if (m) return `${m[1] || '+'}all` as SpfAll;
  }
  return 'none';
}

/** The DMARC record among _dmarc TXT strings (RFC 7489 6.6.3: starts with "v=DMARC1"). */
export function findDmarc(txt: string[]): string | null {
  return txt.find((t) => /^v=DMARC1\s*(;|$)/i.test(t.trim())) ?? null;
}

/** The p= policy; a record with no valid p= is treated as "none" (RFC 7489 6.6.3). */
export function dmarcPolicy(record: string | null): DmarcPolicy {
  if (!record) return 'missing';
  for (const tag of record.split(';')) {
    const [k, v] = tag.split('=').map((s) => s?.trim().toLowerCase());
    if (k === 'p' && (v === 'none' || v === 'quarantine' || v === 'reject')) return v;
  }
  return 'none';
}

const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

export interface MailProbeOptions {
  domain: string;
  /** DNS servers as "host:port" or "host" (default: the system's resolvers). */
  dns?: string[];
  /** SMTP port of the MX (25; injectable for tests). */
  smtpPort?: number;
  /** Measure STARTTLS on the first MX (default true), or only when the function allows that MX. */
  starttls?: boolean | ((mx: string) => boolean);
  /** Address to connect to for an MX name (tests map names to 127.0.0.1); default the name itself. */
  mxAddress?: (mx: string) => string;
  timeoutMs?: number;
  limit?: Limit;
}

export async function probeMail(o: MailProbeOptions): Promise<MailProbeResult> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const resolver = new Resolver({ timeout: Math.min(timeoutMs, 3000), tries: 2 });
  if (o.dns?.length) resolver.setServers(o.dns);
  const domain = o.domain.replace(/\.$/, '').toLowerCase();
  const lookup = async <T>(q: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await q();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (ABSENT.has(code)) return [];
      throw new UnreachableError(domain, `DNS ${code || (err as Error).message}`);
    }
  };
  const [mxRecords, txt, dmarcTxt] = await Promise.all([
    lookup(() => resolver.resolveMx(domain)),
    lookup(() => resolver.resolveTxt(domain)),
    lookup(() => resolver.resolveTxt(`_dmarc.${domain}`)),
  ]);
  const mx = mxRecords
    .sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange))
    .map((r) => r.exchange.replace(/\.$/, '').toLowerCase());
  const spfRecord = findSpf(txt.map((chunks) => chunks.join('')));
  const dmarcRecord = findDmarc(dmarcTxt.map((chunks) => chunks.join('')));
  const result: MailProbeResult = {
    domain,
    mx,
    spf: { record: spfRecord, all: spfAll(spfRecord) },
    dmarc: { record: dmarcRecord, policy: dmarcPolicy(dmarcRecord) },
  };
  const first = mx[0];
  const wanted = typeof o.starttls === 'function' ? first && o.starttls(first) : (o.starttls ?? true);
  if (first && wanted) result.starttls = await probeStarttls(first, o, timeoutMs);
  return result;
}

async function probeStarttls(mx: string, o: MailProbeOptions, timeoutMs: number) {
  const address = o.mxAddress?.(mx) ?? mx;
  const port = o.smtpPort ?? 25;
  let offered: boolean;
  try {
    offered = await starttlsOffered(address, port, timeoutMs);
  } catch (err) {
    if (err instanceof UnreachableError)
      return { host: mx, offered: false, protocols: null, error: err.message };
    throw err;
  }
  if (!offered) return { host: mx, offered, protocols: null };
  const { protocols } = await probeVersionsAndFamilies({
    open: starttlsOpener(address, port),
    target: `${mx}:${port}`,
    servername: mx,
    timeoutMs,
    limit: o.limit ?? limiter(4),
    families: false,
  });
  return { host: mx, offered, protocols };
}
