// Test support: an in-process SMTP sink on loopback and a drill body that reads like the domain.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  to: string[];
  raw: Buffer;
}

/**
 * An SMTP server that keeps every message. Addresses containing "reject" are refused with 550;
 * `stall()` makes it stop acknowledging messages (their callbacks are held until `release`).
 */
export class Sink {
  readonly inbox: SinkMail[] = [];
  private server!: SMTPServer;
  private stalled: ((err?: Error) => void)[] = [];
  private stalling = false;
  port = 0;

  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (addr, _s, done) =>
        addr.address.includes('reject')
          ? done(Object.assign(new Error('no such user'), { responseCode: 550 }))
          : done(),
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.stalling) {
            this.stalled.push(done);
            return;
          }
          this.inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          done();
        });
      },
    });
    // A sender that dies mid-message (the crash tests kill it) resets its connection: expected here.
    this.server.on('error', () => {});
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  stall() {
    this.stalling = true;
  }

  /** Ends the stall: held messages are refused (the connection "died" with the sender). */
  release() {
    this.stalling = false;
    for (const done of this.stalled.splice(0))
      done(Object.assign(new Error('connection lost'), { responseCode: 421 }));
  }

  get heldCount() {
    return this.stalled.length;
  }

  countTo(address: string) {
    return this.inbox.filter((m) => m.to.includes(address)).length;
  }

  async parsed(): Promise<(ParsedMail & { to_: string })[]> {
    return Promise.all(
      this.inbox.map(async (m) => Object.assign(await simpleParser(m.raw), { to_: m.to[0]! })),
    );
  }

  close() {
    this.release();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function drillBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '第1回 標的型メール訓練',
    senderName: '人事課 給与係',
    senderAddress: 'kyuyo@example-lure.jp',
    subject: '【重要】給与明細の確認について',
    body: '{{name}} 様\n\n今月の給与明細を確認してください。\n{{url}}\n\n人事課',
    trainingContent: '# これは訓練です\n\n不審なメールのリンクは開かず、報告してください。',
    survey: [{ id: 'why', text: 'なぜ開きましたか', options: ['業務に関係すると思った', 'その他'] }],
    windowStart: '00:00',
    windowEnd: '24:00',
    ratePerSecond: 1000,
    scannerWindowSeconds: 0,
    followUpCourseId: null,
    ...overrides,
  };
}

export const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

/** The path of a tracking URL found in a text (for app.inject). */
export function trackingPath(text: string, kind: 'c' | 'o' | 'a' | 'r'): string {
  const m = text.match(new RegExp(`https?://[^\\s"'<>]+(/api/v1/t/${kind}/[A-Za-z0-9_-]{32}(?:\\.gif)?)`));
  if (!m) throw new Error(`no /t/${kind}/ URL in:\n${text.slice(0, 500)}`);
  return m[1]!;
}
