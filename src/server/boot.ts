import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { ensureCounters } from '../modules/selfcheck/campaign-counters.js';
import { ensureShippedCatalog } from '../modules/selfcheck/catalog-service.js';
import type { AppEnv } from './context.js';
import { resolveSecretKey } from './crypto.js';
import { createMailer } from './mail.js';

export interface Booted {
  config: Config;
  database: Database;
  env: AppEnv;
}

/** Opens the configured database, applies pending migrations, and prepares keys: shared by server and CLI. */
export async function boot(config: Config = loadConfig()): Promise<Booted> {
  const env: AppEnv = { secretKey: resolveSecretKey(config), mailer: createMailer(config) };
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
    poolSize: config.databasePoolSize,
  });
  await database.migrate();
  await ensureShippedCatalog(database.db);
  // Campaigns opened before the results' counters existed get them recounted once (upgrades).
  await ensureCounters(database.db);
  return { config, database, env };
}
