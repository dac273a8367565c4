// Catalogs as YAML: the shipped catalog's own format and one of the two an agency may import.
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  buildCatalog,
  type CatalogDoc,
  type CatalogParseOptions,
  type CatalogParseResult,
  type RawCatalog,
  type RawChapter,
  type RawField,
  type RawNode,
  type RawSection,
  Reporter,
} from './catalog-model.js';

const CATALOG_KEYS = ['code', 'title', 'titleEn', 'version', 'summary', 'notice'];
const CHAPTER_KEYS = ['no', 'title', 'titleEn'];
const ITEM_KEYS = ['id', 'title', 'titleEn', 'text', 'guidance', 'roles', 'level', 'tags'];
const LIST_KEYS = new Set(['roles', 'tags']);

/**
 * Reads a catalog from YAML. Errors name the source line of the offending node and the field's path,
 * e.g. `chapters[5].sections[3].items[0].roles` (indexes from 0). Never throws on user input.
 */
export function parseCatalogYaml(text: string, opts: CatalogParseOptions): CatalogParseResult {
  const r = new Reporter();
  const lines = new LineCounter();
  // The failsafe schema reads every scalar as text: `no: 3.10` stays "3.10", `version: 2014` stays "2014".
  const yaml = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, schema: 'failsafe' });
  for (const e of yaml.errors) {
    const message = (e.message.split('\n')[0] ?? e.message).replace(/:$/, '');
    r.error(e.linePos?.[0].line ?? 1, '', `YAML の構文エラー: ${message}`, `YAML syntax error: ${message}`);
  }
  if (yaml.errors.length) return r.result(null);
  const lineOf = (node: Node | null | undefined, fallback: number) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;

  /** A mapping's fields; `childKey` names its list of children, returned apart. */
  const readNode = (
    node: unknown,
    path: string,
    fallbackLine: number,
    keys: string[],
    childKey: string | null,
  ) => {
    const line = lineOf(node as Node, fallbackLine);
    const label = (field: string) => (path ? `${path}.${field}` : field);
    const raw: RawNode = { line, fields: {}, label };
    let children: YAMLSeq | null = null;
    if (!isMap(node)) {
      const [ja, en] = path ? [path, path] : ['文書全体', 'the document'];
      r.error(line, path, `${ja} はキーと値の組（マッピング）で書いてください`, `${en} must be a mapping`);
      return null;
    }
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyLine = lineOf(pair.key as Node, line);
      const value = pair.value as Node | null;
      const valueLine = value && !(isScalar(value) && value.value === '') ? lineOf(value, keyLine) : keyLine;
      const column = label(key);
      if (key === childKey) {
        if (isSeq(value)) children = value;
        else if (!(isScalar(value) && value.value === '') && value !== null)
          r.error(valueLine, column, `${column} はリストで書いてください`, `${column} must be a list`);
      } else if (keys.includes(key)) {
        const field = readValue(value, column, valueLine, LIST_KEYS.has(key));
        if (field) raw.fields[key] = field;
      } else r.warn(keyLine, column, `不明な項目「${key}」は無視しました`, `unknown field "${key}" ignored`);
    }
    return { raw, children };
  };

  const readValue = (value: Node | null, column: string, line: number, isList: boolean): RawField | null => {
    if (value === null) return null;
    if (isScalar(value)) return { value: String(value.value ?? ''), line, column };
    if (isSeq(value) && isList) {
      const items: string[] = [];
      value.items.forEach((v, i) => {
        if (isScalar(v)) items.push(String(v.value ?? ''));
        else
          r.error(
            lineOf(v as Node, line),
            `${column}[${i}]`,
            `${column}[${i}] は文字列です`,
            `${column}[${i}] must be text`,
          );
      });
      return { value: items, line, column };
    }
    r.error(line, column, `${column} は文字列で指定してください`, `${column} must be text`);
    return null;
  };

  const root = readNode(yaml.contents, '', 1, CATALOG_KEYS, 'chapters');
  if (!root) return r.result(null);
  const raw: RawCatalog = { ...root.raw, chapters: [] };
  (root.children?.items ?? []).forEach((c, ci) => {
    const ch = readNode(c, `chapters[${ci}]`, raw.line, CHAPTER_KEYS, 'sections');
    if (!ch) return;
    const chapter: RawChapter = { ...ch.raw, sections: [] };
    raw.chapters.push(chapter);
    (ch.children?.items ?? []).forEach((s, si) => {
      const sec = readNode(s, `chapters[${ci}].sections[${si}]`, chapter.line, CHAPTER_KEYS, 'items');
      if (!sec) return;
      const section: RawSection = { ...sec.raw, items: [] };
      chapter.sections.push(section);
      (sec.children?.items ?? []).forEach((it, ii) => {
        const item = readNode(
          it,
          `chapters[${ci}].sections[${si}].items[${ii}]`,
          section.line,
          ITEM_KEYS,
          null,
        );
        if (item) section.items.push(item.raw);
      });
    });
  });
  return r.result(buildCatalog(raw, opts, r));
}

/** Writes a catalog as YAML; parseCatalogYaml(catalogToYaml(doc)) gives `doc` back. */
export function catalogToYaml(doc: CatalogDoc): string {
  const plain = {
    code: doc.code,
    title: doc.title,
    titleEn: doc.titleEn,
    version: doc.version,
    summary: doc.summary,
    notice: doc.notice,
    chapters: doc.chapters.map((c) => ({
      no: c.no,
      title: c.title,
      titleEn: c.titleEn,
      sections: c.sections.map((s) => ({
        no: s.no,
        title: s.title,
        titleEn: s.titleEn,
        items: s.items.map((i) => ({
          id: i.id,
          title: i.title,
          titleEn: i.titleEn,
          text: i.text,
          guidance: i.guidance,
          roles: i.roles,
          level: i.level,
          tags: i.tags,
        })),
      })),
    })),
  };
  const out = new Document(plain);
  out.commentBefore = ` Mamoru requirement catalog: chapters → sections → items${doc.summary ? ' (summary, not the official text)' : ''}`;
  return out.toString({ lineWidth: 0 });
}
