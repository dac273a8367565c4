import dgram from 'node:dgram';
import type net from 'node:net';
import * as packet from 'dns-packet';
import { SMTPServer } from 'smtp-server';
import type { Pem } from './testing.js';

// Test fixtures for the mail probe: an in-process DNS server (dns-packet over UDP on 127.0.0.1) that
// answers MX and TXT from a zone map, and an SMTP server with or without STARTTLS.

export interface Zone {
  [name: string]: { MX?: { preference: number; exchange: string }[]; TXT?: string[][] };
}

export interface DnsServer {
  /** "127.0.0.1:PORT" for resolver.setServers / --dns. */
  address: string;
  queries: string[];
  close(): Promise<void>;
}

/** Names absent from the zone answer NXDOMAIN; a present name without the type answers no data. */
export async function startDnsServer(zone: Zone): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    let query: packet.Packet;
    try {
      query = packet.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0];
    if (!q) return;
    queries.push(`${q.type} ${q.name}`);
    const entry = zone[q.name.toLowerCase()];
    const answers: packet.Answer[] = [];
    if (entry && q.type === 'MX')
      for (const mx of entry.MX ?? []) answers.push({ type: 'MX', name: q.name, ttl: 60, data: mx });
    if (entry && q.type === 'TXT')
      for (const txt of entry.TXT ?? []) answers.push({ type: 'TXT', name: q.name, ttl: 60, data: txt });
    const response = packet.encode({
      type: 'response',
      id: query.id,
      flags: packet.AUTHORITATIVE_ANSWER | packet.RECURSION_DESIRED | (entry ? 0 : 3),
      questions: [q],
      answers,
    });
    socket.send(response, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

export interface SmtpOptions {
  /** Offer STARTTLS with this certificate (none: STARTTLS not offered). */
  tls?: Pem & {
    minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
    maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  };
}

export async function startSmtpServer(o: SmtpOptions) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: o.tls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    logger: false,
    ...(o.tls
      ? {
          key: o.tls.key,
          cert: o.tls.cert,
          minVersion: o.tls.minVersion ?? 'TLSv1.2',
          maxVersion: o.tls.maxVersion ?? 'TLSv1.3',
          ciphers: 'DEFAULT:@SECLEVEL=0',
        }
      : {}),
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
