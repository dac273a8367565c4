// Requirement catalogs as files (001 L10487-10768): the model and validator (catalog-model.ts), YAML
// (catalog-yaml.ts) and .xlsx (catalog-xlsx.ts), and the catalog shipped with Mamoru.
import { readFileSync } from 'node:fs';
import { STANDARD_ROLES } from '../roles/catalog.js';
import type { CatalogDoc } from './catalog-model.js';
import { parseCatalogYaml } from './catalog-yaml.js';

export * from './catalog-model.js';
export { CATALOG_HEADER_ALIASES, catalogToXlsx, ITEM_COLUMNS, parseCatalogXlsx } from './catalog-xlsx.js';
export { catalogToYaml, parseCatalogYaml } from './catalog-yaml.js';

/** Path of the shipped catalog; the server build must copy it next to the compiled module. */
export const SHIPPED_CATALOG_URL = new URL('./catalog-data/unified-2014-summary.yaml', import.meta.url);

/** The standard roles' Japanese names (and standard names) → keys, for files that name roles in Japanese. */
export function standardRoleAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const role of STANDARD_ROLES) {
    aliases[role.nameJa] = role.key;
    if (role.standardName) aliases[role.standardName] = role.key;
  }
  return aliases;
}

/**
 * Mamoru's own summary of the FY2014 Unified Standards' structure (not the official text). Throws if
 * the file does not validate: it ships with the code, so an error is a bug.
 */
export function loadShippedCatalog(): CatalogDoc {
  const knownRoles = new Set(STANDARD_ROLES.map((r) => r.key));
  const { doc, errors } = parseCatalogYaml(readFileSync(SHIPPED_CATALOG_URL, 'utf8'), { knownRoles });
  if (!doc) {
    const first = errors
      .slice(0, 5)
      .map((e) => `line ${e.line} ${e.column}: ${e.reason.en}`)
      .join('; ');
    throw new Error(`shipped catalog ${SHIPPED_CATALOG_URL.pathname} is invalid: ${first}`);
  }
  return doc;
}
