// `mamoru selfcheck oscal-catalog FILE`: a catalog file (YAML or .xlsx, as the import takes) as an OSCAL
// catalog on stdout, without a database, so an agency can convert the official text it loads.
import { readFile, stat } from 'node:fs/promises';
import { STANDARD_ROLES } from '../../roles/catalog.js';
import { parseCatalogXlsx, parseCatalogYaml, standardRoleAliases } from '../catalog-format.js';
import type { CommandOutput } from '../cli.js';
import { catalogToOscal } from './catalog.js';

export interface OscalCatalogOptions {
  /** ISO date-time for metadata.last-modified; default the file's modification time. */
  lastModified?: string;
}

export async function runOscalCatalogCommand(
  file: string,
  opts: OscalCatalogOptions,
): Promise<CommandOutput> {
  const body = await readFile(file);
  const parseOpts = {
    knownRoles: new Set(STANDARD_ROLES.map((r) => r.key)),
    roleAliases: standardRoleAliases(),
  };
  const isXlsx = body[0] === 0x50 && body[1] === 0x4b;
  const { doc, errors } = isXlsx
    ? await parseCatalogXlsx(body, parseOpts)
    : parseCatalogYaml(body.toString('utf8'), parseOpts);
  if (!doc) {
    const lines = errors.slice(0, 100).map((e) => `${file}: line ${e.line}, ${e.column}: ${e.reason.en}`);
    return { code: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
  }
  const lastModified = opts.lastModified ? new Date(opts.lastModified) : (await stat(file)).mtime;
  if (Number.isNaN(lastModified.getTime()))
    return { code: 2, stdout: '', stderr: `--last-modified: not a date-time: ${opts.lastModified}\n` };
  return {
    code: 0,
    stdout: `${JSON.stringify(catalogToOscal(doc, { lastModified }), null, 2)}\n`,
    stderr: '',
  };
}
