import http from 'node:http';
import https from 'node:https';
import { UnreachableError } from './exchange.js';
import type { HttpProbeResult } from './types.js';

// Web-server measures (重点検査 web items, 000 L1173-1195): plain HTTP redirects to HTTPS, HSTS, and
// server/framework version disclosure in response headers.

/** Headers that name server software or a framework (and often its version). */
export const DISCLOSURE_HEADERS = [
  'Server',
  'X-Powered-By',
  'X-AspNet-Version',
  'X-AspNetMvc-Version',
  'X-Generator',
  'X-Runtime',
  'X-Version',
  'X-OWA-Version',
  'X-PHP-Version',
  'Via',
] as const;

/** Strict-Transport-Security (RFC 6797 6.1): max-age and includeSubDomains; null when absent/invalid. */
export function parseHsts(value: string | undefined): HttpProbeResult['hsts'] {
  if (!value) return null;
  let maxAge: number | null = null;
  let includeSubDomains = false;
  for (const directive of value.split(';')) {
    const [name, raw] = directive.split('=').map((s) => s.trim());
    if (!name) continue;
    if (name.toLowerCase() === 'max-age') {
      const n = Number((raw ?? '').replace(/^"|"$/g, ''));
      if (Number.isInteger(n) && n >= 0) maxAge = n;
    } else if (name.toLowerCase() === 'includesubdomains') includeSubDomains = true;
  }
  return maxAge === null ? null : { maxAge, includeSubDomains };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

function get(url: URL, timeoutMs: number): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        timeout: timeoutMs,
        rejectUnauthorized: false,
        headers: { 'user-agent': 'mamoru-probe' },
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
        res.destroy();
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(new UnreachableError(url.host, err.code ?? err.message)),
    );
    req.end();
  });
}

export interface HttpProbeOptions {
  /** http://host[:port]/ (or a bare host name). */
  url: string;
  /** The HTTPS port to read HSTS from when not redirected there (default 443). */
  httpsPort?: number;
  timeoutMs?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function probeHttp(o: HttpProbeOptions): Promise<HttpProbeResult> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const start = new URL(/^https?:\/\//i.test(o.url) ? o.url : `http://${o.url}/`);
  const disclosure = new Map<string, string>();
  const note = (a: Answer) => {
    for (const h of DISCLOSURE_HEADERS) {
      const v = a.headers[h.toLowerCase()];
      const value = Array.isArray(v) ? v.join(', ') : v;
      if (value && !disclosure.has(`${h}\n${value}`)) disclosure.set(`${h}\n${value}`, value);
    }
  };

  // Follow plain-HTTP redirects on the same host (at most 5) until one leaves for https://.
  let url = start;
  let redirectsToHttps = false;
  let httpsUrl: URL | null = null;
  for (let hop = 0; hop < 5 && url.protocol === 'http:'; hop++) {
    const answer = await get(url, timeoutMs);
    note(answer);
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || !location) break;
    const next = new URL(location, url);
    if (next.hostname !== start.hostname) break;
    if (next.protocol === 'https:') {
      redirectsToHttps = true;
      httpsUrl = next;
      break;
    }
    url = next;
  }
  httpsUrl ??= new URL(`https://${start.hostname}${o.httpsPort ? `:${o.httpsPort}` : ''}/`);
  if (start.protocol === 'https:') httpsUrl = start;

  let hsts: HttpProbeResult['hsts'] = null;
  try {
    const answer = await get(httpsUrl, timeoutMs);
    note(answer);
    const h = answer.headers['strict-transport-security'];
    hsts = parseHsts(Array.isArray(h) ? h[0] : h);
  } catch (err) {
    if (!(err instanceof UnreachableError)) throw err;
  }
  return {
    target: start.toString(),
    redirectsToHttps,
    hsts,
    disclosure: [...disclosure].map(([key, value]) => ({
      header: key.split('\n')[0]!,
      value,
      versionDisclosed: /\d/.test(value),
    })),
  };
}
