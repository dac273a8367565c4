import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../modules/audit/events.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
type Tree = { [key: string]: string | Tree };

function load(lang: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const namespaces = fs.readdirSync(path.join(dir, 'ja')).map((f) => f.replace(/\.json$/, ''));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
// Japanese script; the language switch's own label 日本語 is the one allowed exception.
const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe('translations', () => {
  it('have the same namespaces in Japanese and English', () => {
    expect(fs.readdirSync(path.join(dir, 'en')).sort()).toEqual(fs.readdirSync(path.join(dir, 'ja')).sort());
  });

  for (const ns of namespaces) {
    const ja = flatten(load('ja', ns));
    const en = flatten(load('en', ns));

    it(`${ns}: every key exists in both languages`, () => {
      expect([...en.keys()].sort()).toEqual([...ja.keys()].sort());
    });

    it(`${ns}: both languages use the same {{placeholders}}`, () => {
      for (const [key, value] of ja)
        expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(value));
    });

    it(`${ns}: English strings contain no Japanese and none is empty`, () => {
      for (const [key, value] of en) {
        expect(value.trim(), key).not.toBe('');
        expect(japanese.test(value), `${key}: ${value}`).toBe(false);
      }
    });
  }

  it('label every audit action the server records', () => {
    const labels = flatten(load('ja', 'audit'));
    const missing = Object.keys(AUDIT_ACTIONS).filter((a) => !labels.has(`action.${a}`));
    const groups = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split('.')[0]))];
    missing.push(...groups.filter((g) => !labels.has(`actionGroup.${g}`)).map((g) => `actionGroup.${g}`));
    const types = [...new Set(Object.values(AUDIT_ACTIONS))];
    missing.push(...types.filter((t) => !labels.has(`targetType.${t}`)).map((t) => `targetType.${t}`));
    // A module that records a new action adds its label to i18n/{ja,en}/audit.json.
    expect(missing).toEqual([]);
  });
});
