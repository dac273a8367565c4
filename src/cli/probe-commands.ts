import type { Command } from 'commander';
import { UnreachableError } from '../modules/systems/probe/exchange.js';
import { probeHttp } from '../modules/systems/probe/http.js';
import { probeMail } from '../modules/systems/probe/mail.js';
import { probeTls } from '../modules/systems/probe/tls.js';

// `mamoru probe …`: the operator's own measuring tool on the server. It probes exactly the target it
// is given (the ledger's opt-in and rate limits guard the web and API paths, not this one).
// Exit 0 when probed, 3 with a one-line reason on stderr when the target cannot be reached.

export const EXIT_UNREACHABLE = 3;

/** "host:port", "[v6]:port" or "host" (port 443). */
export function parseHostPort(value: string, defaultPort = 443): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(value);
  const m = v6 ?? plain;
  const port = m?.[2] ? Number(m[2]) : defaultPort;
  if (!m?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Not HOST:PORT: "${value}"`);
  }
  return { host: m[1], port };
}

async function report(json: boolean | undefined, probe: () => Promise<object>, human: (r: never) => string) {
  try {
    const result = await probe();
    console.log(json ? JSON.stringify(result) : human(result as never));
    process.exitCode = 0;
  } catch (err) {
    if (!(err instanceof UnreachableError)) throw err;
    console.error(`unreachable: ${err.message}`);
    process.exitCode = EXIT_UNREACHABLE;
  }
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const flags = (r: Record<string, boolean>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${yes(v)}`)
    .join(' ');

export function registerProbeCommands(program: Command) {
  const probe = program
    .command('probe')
    .description('Measure a server as the focused inspection asks (重点検査)');
  probe
    .command('tls')
    .description('Protocol versions, weak cipher families and certificate of a TLS server')
    .argument('<target>', 'HOST:PORT')
    .option('--servername <name>', 'SNI and the name the certificate must match (default: HOST)')
    .option('--timeout <ms>', 'per-connection timeout', '5000')
    .option('--json', 'print the result as JSON')
    .action((target: string, o: { servername?: string; timeout: string; json?: boolean }) => {
      const { host, port } = parseHostPort(target);
      return report(
        o.json,
        () => probeTls({ host, port, servername: o.servername, timeoutMs: Number(o.timeout) }),
        (r: Awaited<ReturnType<typeof probeTls>>) =>
          [
            r.target,
            `  protocols:   ${flags(r.protocols)}`,
            `  weak suites: ${flags(r.weakCiphers)}`,
            r.certificate
              ? `  certificate: ${r.certificate.keyType} ${r.certificate.keyBits} ${r.certificate.signatureAlgorithm}, ` +
                `until ${r.certificate.notAfter} (${r.certificate.daysLeft} days), self-signed ${yes(r.certificate.selfSigned)}, ` +
                `name matches ${yes(r.certificate.nameMatches)}`
              : '  certificate: (no TLS handshake completed)',
          ].join('\n'),
      );
    });
  probe
    .command('mail')
    .description('MX, SPF, DMARC and STARTTLS of a mail domain')
    .argument('<domain>')
    .option('--dns <host:port>', 'DNS server to ask (default: the system resolvers)')
    .option('--smtp-port <port>', 'SMTP port of the MX', '25')
    .option('--timeout <ms>', 'per-connection timeout', '5000')
    .option('--json', 'print the result as JSON')
    .action((domain: string, o: { dns?: string; smtpPort: string; timeout: string; json?: boolean }) =>
      report(
        o.json,
        () =>
          probeMail({
            domain,
            dns: o.dns ? [o.dns] : undefined,
            smtpPort: Number(o.smtpPort),
            timeoutMs: Number(o.timeout),
          }),
        (r: Awaited<ReturnType<typeof probeMail>>) =>
          [
            r.domain,
            `  MX:       ${r.mx.join(', ') || '(none)'}`,
            `  SPF:      ${r.spf.all}  ${r.spf.record ?? ''}`,
            `  DMARC:    ${r.dmarc.policy}  ${r.dmarc.record ?? ''}`,
            r.starttls
              ? `  STARTTLS: ${r.starttls.host} offered=${yes(r.starttls.offered)} ${r.starttls.protocols ? flags(r.starttls.protocols) : (r.starttls.error ?? '')}`
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
      ),
    );
  probe
    .command('http')
    .description('Redirect to HTTPS, HSTS and version disclosure of a web server')
    .argument('<url>', 'http://host[:port]/ (or a host name)')
    .option('--https-port <port>', 'HTTPS port to read HSTS from when not redirected (default 443)')
    .option('--timeout <ms>', 'per-request timeout', '5000')
    .option('--json', 'print the result as JSON')
    .action((url: string, o: { httpsPort?: string; timeout: string; json?: boolean }) =>
      report(
        o.json,
        () =>
          probeHttp({
            url,
            httpsPort: o.httpsPort ? Number(o.httpsPort) : undefined,
            timeoutMs: Number(o.timeout),
          }),
        (r: Awaited<ReturnType<typeof probeHttp>>) =>
          [
            r.target,
            `  redirects to HTTPS: ${yes(r.redirectsToHttps)}`,
            `  HSTS: ${r.hsts ? `max-age=${r.hsts.maxAge}${r.hsts.includeSubDomains ? '; includeSubDomains' : ''}` : '(none)'}`,
            ...r.disclosure.map((d) => `  ${d.header}: ${d.value}`),
          ].join('\n'),
      ),
    );
}
