import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';

// Test support: the authorization matrix. Every operation of the OpenAPI document is called as every
// persona, and each answer is judged from the route's declared access (auth.ts) and what the persona
// holds, so a route added tomorrow is judged without editing a table.

/** One request, as the URL mapper builds it. */
export interface Target {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Persona {
  name: string;
  /**
   * How the persona reaches the API. `anonymous` sends no credentials, `token` a bearer token that
   * lacks the route's scope, `session` a signed-in browser (cookie and CSRF token).
   */
  kind: 'anonymous' | 'token' | 'session';
  send(method: string, target: Target, access: string): Promise<LightMyRequestResponse>;
  /** Session personas: whether the route-level check lets them through (they hold the permission somewhere). */
  holds?: (access: string) => boolean;
  /** Strings that must never appear in any answer to this persona. */
  markers: string[];
  /** Strings this persona wrote itself: removed from an answer before looking for markers. */
  own?: string[];
  /** Ids of objects out of this persona's reach: a request naming one must be refused. */
  foreignIds: ReadonlySet<string>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
}

export interface MatrixOptions {
  openapi: OpenApiDocument;
  personas: Persona[];
  /** The request a persona sends on a route (`GET /api/v1/x/:id`), or null when the mapper has none. */
  target(method: string, url: string, persona: Persona): Target | null;
  /** The route's declared access ('public' | 'authenticated' | a permission). */
  access(method: string, url: string): string | undefined;
  /** Ids of objects whose existence is never revealed: a request naming one answers as for a random id. */
  hiddenIds?: string[];
  /** Routes run after all others for each persona (they end its session). */
  last?: string[];
  /**
   * Answers the design allows, each with its reason: a violation of `route` whose problem contains
   * `problem` is not reported. Keep this list short.
   */
  byDesign?: { route: string; persona?: string; problem: string; why: string }[];
  /** Limit the run to some routes (the rest are still checked for coverage). */
  only?: (route: string) => boolean;
}

export interface Violation {
  route: string;
  persona: string;
  problem: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document as `METHOD /path/:param`, the way Fastify names routes. */
export function operationsOf(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (path.startsWith('/api/docs')) continue;
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const m of Object.keys(item)) if (METHODS.includes(m)) out.push(`${m.toUpperCase()} ${url}`);
  }
  return out.sort();
}

function problemCode(res: LightMyRequestResponse): string | undefined {
  try {
    return (res.json() as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** The answer as text; a zip (an .xlsx or .docx export) is opened, so markers inside it show. */
async function answerText(res: LightMyRequestResponse): Promise<string> {
  const raw = res.rawPayload;
  if (raw.length < 4 || raw.readUInt32LE(0) !== 0x04034b50) return res.body;
  const zip = await JSZip.loadAsync(raw);
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))));
  return parts.join('\n');
}

function serialise(target: Target): string {
  const body = Buffer.isBuffer(target.body) ? '' : JSON.stringify(target.body ?? '');
  return `${target.url} ${body}`;
}

/** The same request with every hidden id replaced by a fresh random one. */
function withRandomIds(target: Target, hidden: string[]): Target {
  const swap = (s: string) => hidden.reduce((acc, id) => acc.split(id).join(randomUUID()), s);
  const body =
    target.body === undefined || Buffer.isBuffer(target.body) || typeof target.body === 'string'
      ? target.body
      : JSON.parse(swap(JSON.stringify(target.body)));
  return { ...target, url: swap(target.url), body };
}

export interface MatrixResult {
  /** What broke the rules: empty when all is well. */
  violations: Violation[];
  /** How many requests were judged, and how many of them were compared with a random id. */
  calls: number;
  hiddenComparisons: number;
}

/** Calls every route as every persona and judges each answer. */
export async function runMatrix(opts: MatrixOptions): Promise<MatrixResult> {
  const violations: Violation[] = [];
  let calls = 0;
  let hiddenComparisons = 0;
  const hidden = opts.hiddenIds ?? [];
  const routes = operationsOf(opts.openapi);
  const last = new Set(opts.last ?? []);
  const ordered = [...routes.filter((r) => !last.has(r)), ...routes.filter((r) => last.has(r))];

  for (const route of routes) {
    const [method, url] = route.split(' ') as [string, string];
    if (opts.only && !opts.only(route)) continue;
    if (!opts.access(method, url)) violations.push({ route, persona: '-', problem: 'no declared access' });
  }
  for (const persona of opts.personas) {
    for (const route of ordered) {
      const [method, url] = route.split(' ') as [string, string];
      const access = opts.access(method, url);
      if (!access) continue;
      if (opts.only && !opts.only(route)) continue;
      const target = opts.target(method, url, persona);
      if (!target) {
        violations.push({ route, persona: persona.name, problem: 'not covered by the URL mapper' });
        continue;
      }
      const bad = (problem: string) => violations.push({ route, persona: persona.name, problem });
      const res = await persona.send(method, target, access);
      calls++;
      const status = res.statusCode;
      if (status >= 500) bad(`server error ${status}`);
      const body = (persona.own ?? []).reduce((acc, s) => acc.split(s).join(''), await answerText(res));
      for (const m of persona.markers)
        if (body.includes(m)) bad(`${status} answer shows foreign data "${m}"`);
      const code = problemCode(res);
      const sent = serialise(target);
      const namesForeign = [...persona.foreignIds].some((id) => sent.includes(id));

      if (access !== 'public') {
        if (persona.kind === 'anonymous' && status !== 401) bad(`${status} where signed out means 401`);
        if (persona.kind === 'token' && (status !== 403 || code !== 'token_scope'))
          bad(`${status} ${code} where a token without the scope means 403 token_scope`);
        if (persona.kind === 'session') {
          const through = access === 'authenticated' || (persona.holds?.(access) ?? false);
          if (!through && (status !== 403 || code !== 'forbidden'))
            bad(`${status} ${code} where lacking ${access} means 403 forbidden`);
          if (through && namesForeign && status < 400) bad(`${status} on an object out of reach`);
        }
      }
      const names = hidden.filter((id) => sent.includes(id));
      if (names.length > 0) {
        const random = await persona.send(method, withRandomIds(target, names), access);
        hiddenComparisons++;
        const randomCode = problemCode(random);
        if (random.statusCode !== status || randomCode !== code)
          bad(`hidden object answers ${status} ${code}, a random id ${random.statusCode} ${randomCode}`);
      }
    }
  }
  const allowed = (v: Violation) =>
    (opts.byDesign ?? []).some(
      (d) => d.route === v.route && (!d.persona || d.persona === v.persona) && v.problem.includes(d.problem),
    );
  return { violations: violations.filter((v) => !allowed(v)), calls, hiddenComparisons };
}
