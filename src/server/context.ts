import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Mailer } from './mail.js';
import type { Actor } from './policy.js';

/** What every service operation receives: the database, who acts, and where the request came from. */
export interface Ctx {
  db: Db;
  config: Config;
  env: AppEnv;
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
}

/** Long-lived things the process sets up once (keys, mailer, queue) and services may use. */
export interface AppEnv {
  secretKey: Buffer;
  mailer: Mailer;
}

export type ActorCtx = Ctx & { actor: Actor };

/** A context for work started outside HTTP (CLI, jobs, demo): no actor, labelled for the audit trail. */
export function systemCtx(db: Db, config: Config, env: AppEnv): Ctx {
  return { db, config, env, actor: null, requestId: null, ip: null };
}
