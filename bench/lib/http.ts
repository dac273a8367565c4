// The pages' own HTTP calls, made through `app.inject` with a logged-in person's session cookie (as
// the browser sends it), and the production logger writing to a file instead of the terminal.
import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class InjectClient {
  private constructor(
    private readonly app: FastifyInstance,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  /** Logs in through POST /api/v1/auth/login; anything but a full session ("ok") is an error. */
  static async login(app: FastifyInstance, login: string, password: string): Promise<InjectClient> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password },
    });
    const cookie = res.cookies.find((c) => c.name === 'mamoru_session')?.value;
    const body = res.json() as { status?: string; csrfToken?: string };
    if (res.statusCode !== 200 || body.status !== 'ok' || !cookie || !body.csrfToken)
      throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
    return new InjectClient(app, cookie, body.csrfToken);
  }

  private headers() {
    return { cookie: `mamoru_session=${this.cookie}`, 'accept-language': 'ja' };
  }

  /** A GET that must answer 200: a benchmark timing error pages would measure nothing. */
  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: this.headers() });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  async post(url: string, payload: object): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...this.headers(), 'x-csrf-token': this.csrf },
    });
    if (res.statusCode !== 200) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }
}

/**
 * A synchronous append-only log file, like pino's default destination (a synchronous write to
 * stdout), so every logged line costs what it costs in production. Counts lines and bytes.
 */
export function fileLog(file: string) {
  const fd = fs.openSync(file, 'a');
  const stats = { lines: 0, bytes: 0 };
  return {
    file,
    stats,
    stream: {
      write(line: string) {
        stats.lines++;
        stats.bytes += Buffer.byteLength(line);
        fs.writeSync(fd, line);
      },
    },
    close: () => fs.closeSync(fd),
  };
}
