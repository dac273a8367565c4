import type { Db } from '../../src/db/client.js';

/**
 * The same database handle, with the time spent in raw `execute` calls (query, transfer and row
 * parsing), also inside transactions, added to `sink.ms`: splits a service's wall time into SQL and
 * JavaScript without touching the service.
 */
export function timedExecute(db: Db, sink: { ms: number }): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'transaction')
        return (fn: (tx: Db) => Promise<unknown>, ...rest: unknown[]) =>
          value.call(target, (tx: Db) => fn(timedExecute(tx, sink)), ...rest);
      if (prop !== 'execute') return value.bind(target);
      return async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          sink.ms += performance.now() - t0;
        }
      };
    },
  });
}
