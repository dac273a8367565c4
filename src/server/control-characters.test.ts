import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree } from '../test/factories.js';
import { hasControlCharacters, replaceControlCharacters, str } from './validation.js';

// Text in a request may not carry control characters other than tab and line breaks: PostgreSQL cannot
// store NUL (it answered 500), and none of them belong in what people type. A 400 names the field.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
}, 180_000);
afterAll(() => t.close());

describe('str()', () => {
  it.each([
    ['plain Japanese', '情報セキュリティ', true],
    ['tab', 'a\tb', true],
    ['line feed', 'line 1\nline 2', true],
    ['carriage return', 'line 1\r\nline 2', true],
    ['emoji and full-width space', '🔒\u3000保護', true],
    ['NUL', 'a\u0000b', false],
    ['bell', '\u0007', false],
    ['vertical tab', 'a\u000Bb', false],
    ['form feed', 'a\u000Cb', false],
    ['escape', '\u001B[31m', false],
    ['unit separator', '\u001F', false],
    ['DEL', 'a\u007F', false],
    ['C1 control', 'a\u0085', false],
    ['last C1 control', '\u009F', false],
    ['first after C1', '\u00A0', true],
  ])('%s → accepted: %s', (_label, input, ok) => {
    expect(str().safeParse(input).success).toBe(ok);
    expect(hasControlCharacters(input)).toBe(!ok);
    expect(hasControlCharacters(replaceControlCharacters(input))).toBe(false);
  });

  it('keeps the string methods (trim, min, max) and says why it refused', () => {
    const name = str().trim().min(1).max(5);
    expect(name.parse('  ab ')).toBe('ab');
    expect(name.safeParse('').success).toBe(false);
    const issues = name.safeParse('a\u0000').error?.issues ?? [];
    expect(issues).toMatchObject([{ code: 'custom', params: { reason: 'control_characters' } }]);
  });
});

describe('every route', () => {
  it.each([
    ['/api/v1/people?q=%00', 'query.q'],
    ['/api/v1/accounts?q=%00', 'query.q'],
    ['/api/v1/classification/entries?q=%00', 'query.q'],
    ['/api/v1/classification/entries?q=abc%01def', 'query.q'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const res = await tree.admin.client.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors).toEqual([{ path: field, message: expect.stringContaining(field) }]);
    expect(res.json().errors[0].message).toContain('制御文字');
  });

  it('a JSON body with \\u0000 is a 400 naming the field, in English too', async () => {
    const res = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/org/units',
      payload: JSON.stringify({
        parentId: tree.root.id,
        code: 'x1',
        nameJa: '総務\u0000課',
        kind: 'division',
      }),
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'body.nameJa',
        message:
          'body.nameJa contains control characters (such as NUL); only ordinary characters, tabs and line breaks are allowed.',
      },
    ]);
  });

  it('a register entry with NUL in its title is a 400, not a 500', async () => {
    const res = await tree.admin.client.post('/api/v1/classification/entries', {
      title: 'a\u0000b',
      form: 'electronic',
      confidentiality: 1,
      integrity: 1,
      availability: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.title');
  });

  it('a roster file with NUL is refused as an import error (422) naming line and column', async () => {
    const res = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/imports/org',
      payload: 'code,name_ja,parent_code,kind\nNB,名\u0000称,,bureau',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toContain('line 2, column 2');
  });

  it('a reported mail with NUL in its subject is kept, the character replaced', async () => {
    const res = await tree.admin.client.request({
      method: 'POST',
      url: '/api/v1/drills/reports/inbound',
      payload: 'From: a@example.jp\r\nTo: b@example.jp\r\nSubject: x\u0000y\r\n\r\nbody\u0000',
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'suspicious', recorded: true });
  });

  it('every string of every request schema (query, path, body) refuses NUL', () => {
    const missing: string[] = [];
    for (const r of t.app.mamoruRoutes) {
      for (const part of ['querystring', 'params', 'body'] as const) {
        const schema = (r.schema as Record<string, unknown> | undefined)?.[part] as z.ZodType | undefined;
        if (!schema?._zod) continue;
        for (const leaf of stringLeaves(schema, part)) {
          if (leaf.schema.safeParse('a\u0000b').success) missing.push(`${r.method} ${r.url} ${leaf.path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

type Leaf = { path: string; schema: z.ZodType };

/** The string schemas inside a zod schema, with where they are. */
function stringLeaves(schema: z.ZodType, path: string, seen = new Set<unknown>()): Leaf[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions
  const def = (schema as any)._zod.def;
  const walk = (s: z.ZodType | undefined, p: string) => (s ? stringLeaves(s, p, seen) : []);
  switch (def.type) {
    case 'string':
      return [{ path, schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        walk(v, `${path}.${k}`),
      );
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'tuple':
      return [
        ...(def.items as z.ZodType[]).flatMap((s, i) => walk(s, `${path}[${i}]`)),
        ...walk(def.rest, path),
      ];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((s) => walk(s, path));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'lazy':
      return walk(def.getter(), path);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType, path);
    default:
      return [];
  }
}
