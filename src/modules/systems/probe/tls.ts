import { probeCertificate } from './cert.js';
import { exchange, type Limit, limiter, type Opener, tcpOpener, UnreachableError } from './exchange.js';
import {
  TLS_PROTOCOLS,
  type TlsProbeResult,
  type TlsProtocol,
  WEAK_CIPHER_FAMILIES,
  type WeakCipherFamily,
} from './types.js';
import {
  clientHello,
  FAMILY_SUITES,
  familiesOfSuite,
  type ServerAnswer,
  SSL2_CIPHERS,
  sslv2ClientHello,
  WIRE_VERSION,
} from './wire.js';

// Which protocol versions and weak cipher families a server accepts (重点検査 web/mail items,
// 000 L1173-1229): one hand-built hello per version, then only each family's suites at the versions
// the server accepted.

export interface TlsVersionProbe {
  open: Opener;
  target: string;
  servername?: string;
  timeoutMs?: number;
  limit?: Limit;
  /** Also decide the weak cipher families (default true). */
  families?: boolean;
}

type RecordProtocol = Exclude<TlsProtocol, 'SSLv2'>;

function accepts(answer: ServerAnswer, protocol: RecordProtocol) {
  return answer.kind === 'serverHello' && answer.version === WIRE_VERSION[protocol];
}

/** Protocol versions accepted, and the weak families found along the way (SSLv2 lists its ciphers). */
export async function probeVersionsAndFamilies(o: TlsVersionProbe) {
  const run = o.limit ?? limiter(8);
  const timeoutMs = o.timeoutMs ?? 5000;
  const protocols = Object.fromEntries(TLS_PROTOCOLS.map((p) => [p, false])) as Record<TlsProtocol, boolean>;
  const weak = Object.fromEntries(WEAK_CIPHER_FAMILIES.map((f) => [f, false])) as Record<
    WeakCipherFamily,
    boolean
  >;
  let unreachable: UnreachableError | null = null;
  let reached = false;
  const attempt = async (hello: () => Buffer): Promise<ServerAnswer | null> => {
    try {
      const answer = await run(() => exchange(o.open, hello(), timeoutMs));
      reached = true;
      return answer;
    } catch (err) {
      if (!(err instanceof UnreachableError)) throw err;
      unreachable = err;
      return null;
    }
  };

  await Promise.all(
    TLS_PROTOCOLS.map(async (protocol) => {
      if (protocol === 'SSLv2') {
        const answer = await attempt(() => sslv2ClientHello());
        if (answer?.kind === 'sslv2ServerHello' && answer.cipherKinds.length > 0) {
          protocols.SSLv2 = true;
          for (const kind of answer.cipherKinds)
            for (const f of SSL2_CIPHERS.find((c) => c.kind === kind)?.families ?? []) weak[f] = true;
        }
        return;
      }
      const answer = await attempt(() => clientHello({ protocol, servername: o.servername }));
      if (answer && accepts(answer, protocol)) protocols[protocol] = true;
    }),
  );
  if (!reached && unreachable) throw unreachable;

  // Families: offer the union of the families not yet seen; each suite the server picks marks its
  // families and removes them from the next offer, until the server refuses (1 + found connections).
  const legacy = (['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2'] as const).filter(
    (p) => protocols[p] && o.families !== false,
  );
  await Promise.all(
    legacy.map(async (protocol) => {
      const tried = new Set<number>();
      for (;;) {
        const suites = WEAK_CIPHER_FAMILIES.filter((f) => !weak[f])
          .flatMap((f) => FAMILY_SUITES[f])
          .filter((s, i, all) => all.indexOf(s) === i && !tried.has(s));
        if (suites.length === 0) return;
        const answer = await attempt(() => clientHello({ protocol, suites, servername: o.servername }));
        if (!answer || !accepts(answer, protocol) || answer.kind !== 'serverHello') return;
        // A server that answers with a suite we did not offer is broken; do not loop on it.
        if (!suites.includes(answer.suite)) return;
        tried.add(answer.suite);
        for (const f of familiesOfSuite(answer.suite)) weak[f] = true;
      }
    }),
  );
  return { protocols, weakCiphers: weak };
}

export interface TlsProbeOptions {
  host: string;
  port: number;
  /** SNI and the name the certificate must match (defaults to host). */
  servername?: string;
  timeoutMs?: number;
  /** Shared socket limit across targets (bounded concurrency). */
  limit?: Limit;
  /** The clock for daysLeft. */
  now?: () => Date;
}

/** The full TLS probe of one host:port; throws UnreachableError when nothing can connect. */
export async function probeTls(o: TlsProbeOptions): Promise<TlsProbeResult> {
  const target = `${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  const limit = o.limit ?? limiter(8);
  const timeoutMs = o.timeoutMs ?? 5000;
  const { protocols, weakCiphers } = await probeVersionsAndFamilies({
    open: tcpOpener(o.host, o.port),
    target,
    servername: o.servername ?? o.host,
    timeoutMs,
    limit,
  });
  const anyModern =
    protocols['TLSv1.0'] || protocols['TLSv1.1'] || protocols['TLSv1.2'] || protocols['TLSv1.3'];
  const certificate = anyModern
    ? await limit(() =>
        probeCertificate({
          host: o.host,
          port: o.port,
          servername: o.servername,
          timeoutMs,
          now: o.now?.() ?? new Date(),
        }),
      )
    : null;
  return { target, protocols, weakCiphers, certificate };
}
