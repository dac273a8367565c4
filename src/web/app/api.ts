import { currentLang } from '../i18n/index.js';

/** An RFC 9457 problem as the server sends it, already in the language we asked for. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  /** Field errors; file imports add the line and column of each. */
  errors?: { path: string; message: string; line?: number; column?: string }[];
  /** Imports: how many errors there were in all (the list stops at 1,000). */
  errorCount?: number;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get code() {
    return this.problem.code;
  }
  get status() {
    return this.problem.status;
  }
}

const BASE = '/api/v1';
const SIGNED_OUT = new Set(['session_expired', 'unauthenticated']);

let csrfToken: string | null = null;
let onSignedOut: ((problem: Problem) => void) | null = null;

/** The session's CSRF token, echoed on every write (from the login/TOTP answer or the session). */
/** The CSRF token, for the few writes that cannot go through api() (a POST answered with a file). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can return to the login page. */
export function setSignedOutHandler(handler: ((problem: Problem) => void) | null) {
  onSignedOut = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (body && typeof body.title === 'string') {
        return { type: '', code: 'unknown', status: res.status, ...body } as Problem;
      }
    } catch {
      // fall through to a generic problem
    }
  }
  return {
    type: 'about:blank',
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
    code: 'http',
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file sent as it is (imports), instead of a JSON body. */
  file?: { data: Blob; contentType: string };
  query?: Query;
  signal?: AbortSignal;
}

/** Calls the API: JSON in and out, Accept-Language of the UI, CSRF token on writes, problems as ApiError. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.file) headers['content-type'] = opts.file.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`${BASE}${path}`, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.file ? opts.file.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'network', status: 0, code: 'network' });
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && SIGNED_OUT.has(problem.code) && !path.startsWith('/auth/'))
      onSignedOut?.(problem);
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
