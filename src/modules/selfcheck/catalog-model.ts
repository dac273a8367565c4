// The requirement catalog as data (001 L10695-10768): chapters → sections → items. Both file formats
// (catalog-yaml.ts, catalog-xlsx.ts) read into the positioned tree below and share one validator, so a
// rule and its message are the same whichever format an agency uses. Pure: no I/O.

export type CatalogLevel = 'basic' | 'enhanced';

export interface CatalogItem {
  /** Item number as in the standard, e.g. `6.2.4(1)(a)`; an agency may suffix its own, e.g. `-METI1`. */
  id: string;
  title: string;
  titleEn?: string;
  text: string;
  guidance?: string;
  /** Role keys (roles/catalog.ts) the item applies to. */
  roles: string[];
  /** 基本遵守事項 / 強化遵守事項 (004 L3518). */
  level: CatalogLevel;
  tags: string[];
}

export interface CatalogSection {
  no: string;
  title: string;
  titleEn?: string;
  items: CatalogItem[];
}

export interface CatalogChapter {
  no: string;
  title: string;
  titleEn?: string;
  sections: CatalogSection[];
}

export interface CatalogDoc {
  code: string;
  title: string;
  titleEn?: string;
  version: string;
  /** True when the text is a summary (Mamoru's own words), not the official text. */
  summary: boolean;
  notice?: string;
  chapters: CatalogChapter[];
}

/** `line`: YAML source line, or sheet row (0 = the file as a whole); `column`: field path or header. */
export interface CatalogError {
  line: number;
  column: string;
  reason: { ja: string; en: string };
}

export interface CatalogParseOptions {
  /** Role keys an item may name (the tenant's roles). */
  knownRoles: Set<string>;
  /** Other spellings of a role, e.g. its Japanese name → key; see standardRoleAliases(). */
  roleAliases?: Record<string, string>;
  /** Header values used when the file gives none (e.g. an .xlsx without a `catalog` sheet). */
  header?: Partial<Pick<CatalogDoc, 'code' | 'title' | 'titleEn' | 'version' | 'summary' | 'notice'>>;
}

/** `doc` is null whenever `errors` is non-empty; `warnings` never block an import. */
export interface CatalogParseResult {
  doc: CatalogDoc | null;
  errors: CatalogError[];
  warnings: CatalogError[];
}

/**
 * The eight areas the national report checks ordinary staff on, spelled as in its table
 * (001 L2887-2904); items carry them as `staff-area:<name>` tags.
 */
export const STAFF_AREAS = [
  { ja: '情報の作成と入手', en: 'Creating and obtaining information' },
  { ja: '情報の利用', en: 'Using information' },
  { ja: '情報の保存', en: 'Storing information' },
  { ja: '情報の提供', en: 'Providing information' },
  { ja: '情報の消去', en: 'Erasing information' },
  { ja: '主体認証情報の管理', en: 'Managing authentication credentials' },
  { ja: '府省庁支給以外の情報システム', en: 'Systems not issued by the agency' },
  { ja: '不正プログラムの感染防止対策', en: 'Preventing malware infection' },
] as const;

export const STAFF_AREA_TAG_PREFIX = 'staff-area:';

/** The staff area an item's tags name (the first `staff-area:` tag), or null. */
export function staffAreaOf(tags: readonly string[]): string | null {
  const tag = tags.find((t) => t.startsWith(STAFF_AREA_TAG_PREFIX));
  return tag ? tag.slice(STAFF_AREA_TAG_PREFIX.length) : null;
}

const isStaffArea = (name: string) => STAFF_AREAS.some((a) => a.ja === name);

/**
 * Item ids: the official style `6.2.4(1)(a)` (also `6.2.4(1)` or `6.2.4`), optionally followed by an
 * agency suffix `-ABC1` for items an agency adds. Full-width digits and brackets are normalised first.
 */
export const ITEM_ID = /^\d+(?:\.\d+)*(?:\(\d+\))?(?:\([a-z]{1,2}\))*(?:-[A-Za-z][A-Za-z0-9]*)*$/;
const NUMBER = /^\d+(?:\.\d+)*$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_ERRORS = 1000;

const LEVELS: Record<string, CatalogLevel> = {
  basic: 'basic',
  enhanced: 'enhanced',
  基本: 'basic',
  強化: 'enhanced',
  基本遵守事項: 'basic',
  強化遵守事項: 'enhanced',
};
const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  はい: true,
  いいえ: false,
};

/** Collects errors and warnings, at most MAX_ERRORS of each, so a broken file cannot flood a reply. */
export class Reporter {
  readonly errors: CatalogError[] = [];
  readonly warnings: CatalogError[] = [];

  error(line: number, column: string, ja: string, en: string) {
    this.push(this.errors, line, column, ja, en);
  }

  warn(line: number, column: string, ja: string, en: string) {
    this.push(this.warnings, line, column, ja, en);
  }

  private push(list: CatalogError[], line: number, column: string, ja: string, en: string) {
    if (list.length < MAX_ERRORS) list.push({ line, column, reason: { ja, en } });
    else if (list.length === MAX_ERRORS)
      list.push({
        line,
        column: '',
        reason: {
          ja: `${MAX_ERRORS}件を超えたため以降は省略します`,
          en: `more than ${MAX_ERRORS}; the rest omitted`,
        },
      });
  }

  result(doc: CatalogDoc | null): CatalogParseResult {
    return { doc: this.errors.length ? null : doc, errors: this.errors, warnings: this.warnings };
  }
}

// --- the positioned tree each format reader produces --------------------------------------------------

export interface RawField {
  value: string | string[];
  line: number;
  column: string;
}

export interface RawNode {
  line: number;
  fields: Partial<Record<string, RawField>>;
  /** How the format names a field of this node (YAML path or sheet header), for errors. */
  label(field: string): string;
}

export type RawItem = RawNode;
export type RawSection = RawNode & { items: RawItem[] };
export type RawChapter = RawNode & { sections: RawSection[] };
export type RawCatalog = RawNode & { chapters: RawChapter[] };

/** Trims (U+3000 included) and unifies line ends. */
export const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** Full-width digits and brackets to ASCII, spaces removed: `６．２．４（１）（ａ）` → `6.2.4(1)(a)`. */
export const normaliseNumber = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Semicolon-separated list cells (`staff; ciso`) to a list; `；` and line breaks separate too. */
export const splitList = (s: string) =>
  s
    .split(/[;；\n]/)
    .map(clean)
    .filter(Boolean);

const LIMITS = { code: 64, title: 300, version: 32, notice: 4000, text: 8000, tag: 100 } as const;

/** Validates a positioned tree and builds the catalog; every problem goes to the reporter. */
export function buildCatalog(raw: RawCatalog, opts: CatalogParseOptions, r: Reporter): CatalogDoc | null {
  const text = (node: RawNode, field: string, required: boolean, max: number): string | undefined => {
    const f = node.fields[field];
    const value = f === undefined ? '' : Array.isArray(f.value) ? null : clean(f.value);
    const line = f?.line ?? node.line;
    const column = f?.column ?? node.label(field);
    if (value === null) {
      r.error(line, column, `${column} は文字列で指定してください`, `${column} must be text, not a list`);
      return undefined;
    }
    if (!value) {
      if (required) r.error(line, column, `${column} は必須です`, `${column} is required`);
      return undefined;
    }
    if (value.length > max)
      r.error(line, column, `${column} は${max}文字以内です`, `${column} must be at most ${max} characters`);
    return value;
  };
  const list = (node: RawNode, field: string): { values: string[]; line: number; column: string } => {
    const f = node.fields[field];
    const values = f === undefined ? [] : Array.isArray(f.value) ? f.value.map(clean) : splitList(f.value);
    return {
      values: values.filter(Boolean),
      line: f?.line ?? node.line,
      column: f?.column ?? node.label(field),
    };
  };
  const withHeader = (field: keyof NonNullable<CatalogParseOptions['header']>) => {
    const fallback = opts.header?.[field];
    if (raw.fields[field] === undefined && fallback !== undefined)
      raw.fields[field] = { value: String(fallback), line: raw.line, column: raw.label(field) };
  };
  for (const f of ['code', 'title', 'titleEn', 'version', 'summary', 'notice'] as const) withHeader(f);

  const code = text(raw, 'code', true, LIMITS.code);
  if (code && !CODE.test(code)) {
    const f = raw.fields.code!;
    r.error(
      f.line,
      f.column,
      'コードは英数字と . _ - で指定してください',
      'code must be letters, digits, ".", "_" or "-"',
    );
  }
  const summaryText = text(raw, 'summary', false, 10);
  const summary = summaryText === undefined ? false : BOOLEANS[summaryText.toLowerCase()];
  if (summary === undefined) {
    const f = raw.fields.summary!;
    r.error(
      f.line,
      f.column,
      `summary は true か false です（「${summaryText}」）`,
      `summary must be true or false, not "${summaryText}"`,
    );
  }
  const doc: CatalogDoc = {
    code: code ?? '',
    title: text(raw, 'title', true, LIMITS.title) ?? '',
    ...optional('titleEn', text(raw, 'titleEn', false, LIMITS.title)),
    version: text(raw, 'version', true, LIMITS.version) ?? '',
    summary: summary ?? false,
    ...optional('notice', text(raw, 'notice', false, LIMITS.notice)),
    chapters: [],
  };

  const number = (node: RawNode, kind: 'chapter' | 'section', seen: Map<string, number>) => {
    const value = text(node, 'no', true, 32);
    if (value === undefined) return undefined;
    const f = node.fields.no!;
    const no = normaliseNumber(value);
    const ok = kind === 'chapter' ? /^\d+$/.test(no) : NUMBER.test(no);
    const [ja, en] = kind === 'chapter' ? ['章番号', 'chapter number'] : ['節番号', 'section number'];
    if (!ok) r.error(f.line, f.column, `${ja}「${value}」の形式が不正です`, `bad ${en} "${value}"`);
    const first = seen.get(no);
    if (first !== undefined)
      r.error(
        f.line,
        f.column,
        `${ja} ${no} が重複しています（最初は ${first} 行目）。同じ${kind === 'chapter' ? '章' : '節'}の行は連続させてください`,
        `${en} ${no} appears twice (first at line ${first}); keep its rows together`,
      );
    else seen.set(no, f.line);
    return no;
  };

  const chapterNos = new Map<string, number>();
  const sectionNos = new Map<string, number>();
  const itemIds = new Map<string, number>();
  for (const rc of raw.chapters) {
    const chapter: CatalogChapter = {
      no: number(rc, 'chapter', chapterNos) ?? '',
      title: text(rc, 'title', true, LIMITS.title) ?? '',
      ...optional('titleEn', text(rc, 'titleEn', false, LIMITS.title)),
      sections: [],
    };
    doc.chapters.push(chapter);
    for (const rs of rc.sections) {
      const section: CatalogSection = {
        no: number(rs, 'section', sectionNos) ?? '',
        title: text(rs, 'title', true, LIMITS.title) ?? '',
        ...optional('titleEn', text(rs, 'titleEn', false, LIMITS.title)),
        items: [],
      };
      chapter.sections.push(section);
      if (chapter.no && section.no && !section.no.startsWith(`${chapter.no}.`) && section.no !== chapter.no) {
        const f = rs.fields.no!;
        r.warn(
          f.line,
          f.column,
          `節番号 ${section.no} は第${chapter.no}章の番号ではありません`,
          `section ${section.no} is not numbered under chapter ${chapter.no}`,
        );
      }
      for (const ri of rs.items) section.items.push(buildItem(ri, section.no));
    }
  }
  const items = doc.chapters.flatMap((c) => c.sections.flatMap((s) => s.items));
  if (items.length === 0 && r.errors.length === 0)
    r.error(raw.line, raw.label('chapters'), 'カタログに項目が一つもありません', 'the catalog has no items');
  return r.errors.length ? null : doc;

  function buildItem(ri: RawItem, sectionNo: string): CatalogItem {
    const rawId = text(ri, 'id', true, 64);
    const id = rawId === undefined ? '' : normaliseNumber(rawId);
    if (rawId !== undefined) {
      const f = ri.fields.id!;
      if (!ITEM_ID.test(id))
        r.error(
          f.line,
          f.column,
          `項目番号「${rawId}」の形式が不正です（例: 6.2.4(1)(a)、独自項目は 6.2.4(1)(a)-X1）`,
          `bad item id "${rawId}" (e.g. 6.2.4(1)(a); agency items 6.2.4(1)(a)-X1)`,
        );
      const first = itemIds.get(id);
      if (first !== undefined)
        r.error(
          f.line,
          f.column,
          `項目番号 ${id} が重複しています（最初は ${first} 行目）`,
          `item id ${id} repeats line ${first}`,
        );
      else itemIds.set(id, f.line);
      // A mismatch is only a warning: agencies renumber, and the id stays the item's identity.
      if (sectionNo && ITEM_ID.test(id) && !new RegExp(`^${escapeRegExp(sectionNo)}(?:$|[.(-])`).test(id))
        r.warn(
          f.line,
          f.column,
          `項目番号 ${id} は節 ${sectionNo} の番号ではありません`,
          `item ${id} is not numbered under section ${sectionNo}`,
        );
    }
    const roles = list(ri, 'roles');
    const keys: string[] = [];
    for (const name of roles.values) {
      const key = opts.knownRoles.has(name) ? name : opts.roleAliases?.[name];
      if (key && opts.knownRoles.has(key)) {
        if (!keys.includes(key)) keys.push(key);
      } else r.error(roles.line, roles.column, `役割「${name}」はありません`, `unknown role "${name}"`);
    }
    if (roles.values.length === 0)
      r.error(roles.line, roles.column, '対象役割を一つ以上指定してください', 'name at least one role');
    const levelText = text(ri, 'level', false, 20);
    const level = levelText === undefined ? 'basic' : LEVELS[levelText.toLowerCase()];
    if (level === undefined) {
      const f = ri.fields.level!;
      r.error(
        f.line,
        f.column,
        `区分は basic（基本）か enhanced（強化）です（「${levelText}」）`,
        `level must be basic or enhanced, not "${levelText}"`,
      );
    }
    const tags = list(ri, 'tags');
    // Separators of the .xlsx list cell cannot be part of a tag, or a round trip would split it.
    for (const tag of tags.values)
      if (tag.length > LIMITS.tag || /[;；\n]/.test(tag))
        r.error(
          tags.line,
          tags.column,
          `タグ「${tag}」は ; や改行を含まず${LIMITS.tag}文字以内です`,
          `tag "${tag}" must have no ";" or line break and at most ${LIMITS.tag} characters`,
        );
      else if (tag.startsWith(STAFF_AREA_TAG_PREFIX) && !isStaffArea(staffAreaOf([tag])!))
        // The staff-area table has exactly the national report's eight rows (001 L2887-2904).
        r.error(
          tags.line,
          tags.column,
          `領域タグ「${tag}」は8つの領域（${STAFF_AREAS.map((a) => a.ja).join('、')}）のいずれかです`,
          `area tag "${tag}" names none of the eight staff areas`,
        );
    return {
      id,
      title: text(ri, 'title', true, LIMITS.title) ?? '',
      ...optional('titleEn', text(ri, 'titleEn', false, LIMITS.title)),
      text: text(ri, 'text', true, LIMITS.text) ?? '',
      ...optional('guidance', text(ri, 'guidance', false, LIMITS.text)),
      roles: keys,
      level: level ?? 'basic',
      tags: [...new Set(tags.values)],
    };
  }
}

/** `{ key: value }` when there is a value, `{}` otherwise: absent fields stay absent, never `undefined`. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
