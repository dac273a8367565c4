import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client.js';
import { rateLimitHits } from './rate-limit-schema.js';

interface Counter {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Counter) => void;
/** What the plugin passes to a store: its global options, or a route's merged with them. */
interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: unknown; url?: string };
}

/**
 * A store for @fastify/rate-limit that counts in the database (table rate_limit_hits), so that two
 * instances behind one load balancer limit as one; the in-memory default would let each instance
 * allow the full rate. Fixed windows, as the default store: the first hit opens a window of
 * `timeWindow`, later hits count in it, a hit after its end opens a new one. Times are the
 * database's clock, the same for every instance. One upsert per rate-limited request.
 */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    private readonly continueExceeding: boolean;

    // The plugin's types call these RouteOptions; what it passes are its (merged) rate-limit options.
    constructor(given: object, prefix = '') {
      const options = given as StoreOptions;
      if (options.exponentialBackoff)
        throw new Error('the database rate-limit store has no exponential backoff');
      this.continueExceeding = options.continueExceeding === true;
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number) {
      // continueExceeding: every hit over the limit starts the window again (the client must pause).
      const restart = this.continueExceeding ? sql`or h.hits + 1 > ${max}` : sql``;
      db.execute(sql`
        insert into rate_limit_hits as h (key, hits, window_ends_at)
        values (${this.prefix + key}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
        on conflict (key) do update set
          hits = case when h.window_ends_at <= now() then 1 else h.hits + 1 end,
          window_ends_at = case when h.window_ends_at <= now() ${restart}
            then excluded.window_ends_at else h.window_ends_at end
        returning hits, ceil(extract(epoch from (window_ends_at - now())) * 1000)::int as ttl`)
        .then((result) => {
          const [row] = rowsOf<{ hits: number; ttl: number }>(result);
          callback(null, { current: Number(row!.hits), ttl: Math.max(0, Number(row!.ttl)) });
        })
        .catch((err: Error) => callback(err));
    }

    read(key: string, callback: Callback) {
      db.execute(sql`
        select hits, ceil(extract(epoch from (window_ends_at - now())) * 1000)::int as ttl
        from rate_limit_hits where key = ${this.prefix + key} and window_ends_at > now()`)
        .then((result) => {
          const [row] = rowsOf<{ hits: number; ttl: number }>(result);
          callback(null, row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 });
        })
        .catch((err: Error) => callback(err));
    }

    /** Each rate-limited route counts apart, as with the default store. */
    child(given: object) {
      const routeOptions = given as StoreOptions;
      const route = routeOptions.routeInfo?.url
        ? `${String(routeOptions.routeInfo.method)} ${routeOptions.routeInfo.url}|`
        : '';
      return new DatabaseRateLimitStore(routeOptions, this.prefix + route);
    }
  };
}

/** Deletes counters of windows that ended more than an hour ago; returns how many went. */
export async function purgeRateLimitHits(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 3_600_000);
  return (
    await db
      .delete(rateLimitHits)
      .where(lt(rateLimitHits.windowEndsAt, before))
      .returning({ key: rateLimitHits.key })
  ).length;
}
