// Test-only validators for the standard exports, against Mamoru's own subset schemas (not NIST's or
// OASIS's; docs/oscal.md says how to validate with NIST's oscal-cli). ajv is a devDependency.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const read = (rel: string) => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
const OSCAL = '../modules/selfcheck/oscal/schemas/';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
ajv.addSchema(read(`${OSCAL}common.json`));
const validators = {
  catalog: ajv.compile(read(`${OSCAL}catalog.json`)),
  profile: ajv.compile(read(`${OSCAL}profile.json`)),
  'assessment-results': ajv.compile(read(`${OSCAL}assessment-results.json`)),
  sarif: ajv.compile(read('../modules/systems/sarif/sarif.schema.json')),
};
export type SchemaName = keyof typeof validators;

/** The schema's complaints about `doc` (empty when it is valid), as `path: message` lines. */
export function schemaErrors(name: SchemaName, doc: unknown): string[] {
  const validate = validators[name];
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message}`);
}
