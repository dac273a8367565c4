// The probe benchmark's TLS endpoints, in a process of their own so that the servers' handshakes do
// not share the prober's event loop: N listening ports on 127.0.0.1 — 70 % modern (TLS 1.2–1.3, RSA
// 2048 from a CA), 20 % old OpenSSL-style (TLS 1.0–1.2 with NULL and anonymous suites, RSA 1024 SHA-1),
// 10 % fake legacy (SSLv2/SSLv3/TLS 1.0 with RC4, EXPORT and 3DES). Parent (IPC): 'stop'.
import {
  type Listening,
  makeTestCerts,
  startLegacyServer,
  startTlsServer,
} from '../../src/modules/systems/probe/testing.js';

const n = Number(process.argv[2] ?? 1000);
const certs = makeTestCerts();
const servers: { listening: Listening; kind: string }[] = [];
for (let i = 0; i < n; i++) {
  const kind = i % 10 < 7 ? 'modern' : i % 10 < 9 ? 'old' : 'legacy';
  const listening =
    kind === 'modern'
      ? await startTlsServer({ ...certs.rsa2048 })
      : kind === 'old'
        ? await startTlsServer({
            ...certs.rsa1024sha1,
            minVersion: 'TLSv1',
            maxVersion: 'TLSv1.2',
            ciphers: 'ALL:eNULL:aNULL',
          })
        : await startLegacyServer({
            sslv2Ciphers: [0x010080, 0x020080, 0x0700c0],
            minVersion: 0x0300,
            maxVersion: 0x0301,
            suites: [0x002f, 0x0005, 0x0003, 0x000a],
          });
  servers.push({ listening, kind });
}
process.send?.({ targets: servers.map((s) => ({ port: s.listening.port, kind: s.kind })) });
process.on('message', async (m) => {
  if (m === 'stop') {
    await Promise.all(servers.map((s) => s.listening.close()));
    certs.cleanup();
    process.exit(0);
  }
});
