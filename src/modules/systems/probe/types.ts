// The results of Mamoru's measured probes (the JSON that `mamoru probe … --json` prints and that
// system_probe_runs.result stores). Inspections and findings read these shapes; the probe fills them.

export const TLS_PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];

export const WEAK_CIPHER_FAMILIES = ['NULL', 'EXPORT', 'RC4', '3DES', 'anonymous'] as const;
export type WeakCipherFamily = (typeof WEAK_CIPHER_FAMILIES)[number];

export interface CertificateFacts {
  /** ISO-8601 instant. */
  notAfter: string;
  daysLeft: number;
  keyType: string;
  keyBits: number;
  signatureAlgorithm: string;
  sha1: boolean;
  selfSigned: boolean;
  nameMatches: boolean;
  /** Certificates in the chain the server sent, leaf included (a self-signed leaf alone = 1). */
  chainLength?: number;
}

export interface TlsProbeResult {
  /** "host:port" */
  target: string;
  protocols: Record<TlsProtocol, boolean>;
  weakCiphers: Record<WeakCipherFamily, boolean>;
  /** null when no TLS handshake completes. */
  certificate: CertificateFacts | null;
}

export interface HttpProbeResult {
  /** The URL probed first (http://host/). */
  target: string;
  /** Plain HTTP answers with a redirect to https:// on the same host. */
  redirectsToHttps: boolean;
  /** Strict-Transport-Security header on the HTTPS answer (null when absent). */
  hsts: { maxAge: number; includeSubDomains: boolean } | null;
  /** Server and framework version disclosure (Server, X-Powered-By, …) with the values seen. */
  disclosure: { header: string; value: string; versionDisclosed?: boolean }[];
}

export type SpfAll = '-all' | '~all' | '?all' | '+all' | 'none';
export type DmarcPolicy = 'none' | 'quarantine' | 'reject' | 'missing';

export interface MailProbeResult {
  domain: string;
  mx: string[];
  spf: { record: string | null; all: SpfAll };
  dmarc: { record: string | null; policy: DmarcPolicy };
  /** STARTTLS on port 25 of the first MX (absent when not measured). */
  starttls?: {
    host: string;
    offered: boolean;
    protocols: Record<TlsProtocol, boolean> | null;
    /** Why STARTTLS could not be measured (the MX did not answer SMTP), when it could not. */
    error?: string;
  };
}
