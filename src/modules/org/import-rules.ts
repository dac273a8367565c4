// Pure validation of org and staff import files: every bad row is reported (line, column, reason),
// and a plan of what would change is computed. Nothing here touches the database.
import {
  EMPLOYMENT_TYPES,
  type EmploymentType,
  PERSON_STATUSES,
  type PersonStatus,
  UNIT_KINDS,
  type UnitKind,
} from './schema.js';

export interface ImportError {
  line: number;
  column: string;
  reason: { ja: string; en: string };
}

const err = (line: number, column: string, ja: string, en: string): ImportError => ({
  line,
  column,
  reason: { ja, en },
});

export const ORG_HEADER_ALIASES: Record<string, string> = {
  コード: 'code',
  組織コード: 'code',
  名称: 'name_ja',
  組織名: 'name_ja',
  英語名称: 'name_en',
  上位コード: 'parent_code',
  上位組織コード: 'parent_code',
  種別: 'kind',
  表示順: 'sort_order',
};

export const STAFF_HEADER_ALIASES: Record<string, string> = {
  職員番号: 'staff_no',
  氏名: 'name',
  ふりがな: 'kana',
  フリガナ: 'kana',
  カナ: 'kana',
  メール: 'email',
  メールアドレス: 'email',
  所属コード: 'unit_code',
  雇用形態: 'employment_type',
  勤務形態: 'employment_type',
  状態: 'status',
  在職状況: 'status',
  役割: 'roles',
};

const KIND_ALIASES: Record<string, UnitKind> = {
  部局: 'bureau',
  局: 'bureau',
  外局: 'external_bureau',
  課室: 'division',
  課: 'division',
  室: 'office',
  その他: 'other',
};
const EMPLOYMENT_ALIASES: Record<string, EmploymentType> = {
  常勤: 'regular',
  非常勤: 'part_time',
  任期付: 'fixed_term',
  出向: 'secondee',
  委託: 'contractor',
  その他: 'other',
};
const STATUS_ALIASES: Record<string, PersonStatus> = {
  在職: 'active',
  長期休業: 'long_leave',
  休職: 'long_leave',
  対象外: 'excluded',
  退職: 'left',
};

function pick<T extends string>(value: string, allowed: readonly T[], aliases: Record<string, T>): T | null {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return aliases[value] ?? null;
}

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function missingColumns(header: string[], required: string[]): ImportError[] {
  return required
    .filter((c) => !header.includes(c))
    .map((c) => err(1, c, `必須の列「${c}」がありません`, `required column "${c}" is missing`));
}

// --- org units ------------------------------------------------------------------------------------

export interface OrgRow {
  line: number;
  code: string;
  nameJa: string;
  nameEn: string | null;
  parentCode: string | null;
  kind: Exclude<UnitKind, 'root'>;
  sortOrder: number;
}

export interface ExistingUnit {
  code: string;
  parentCode: string | null;
  nameJa: string;
  nameEn: string | null;
  kind: UnitKind;
  sortOrder: number;
}

export interface OrgPlan {
  /** Rows in an order where every parent comes before its children. */
  rows: (OrgRow & { change: 'create' | 'update' | 'unchanged' })[];
  errors: ImportError[];
}

export function planOrgImport(
  header: string[],
  table: { line: number; values: Record<string, string> }[],
  existing: Map<string, ExistingUnit>,
  rootCode: string,
): OrgPlan {
  const errors = missingColumns(header, ['code', 'name_ja']);
  if (errors.length) return { rows: [], errors };
  const rows: OrgRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values: v } of table) {
    const code = v.code ?? '';
    const rowErrors: ImportError[] = [];
    const bad = (column: string, ja: string, en: string) => rowErrors.push(err(line, column, ja, en));
    if (!CODE.test(code))
      bad(
        'code',
        'コードは英数字と . _ - で64文字以内です',
        'code must be 1-64 letters, digits, ".", "_" or "-"',
      );
    else if (code === rootCode)
      bad('code', `${rootCode} は最上位組織のコードです`, `${rootCode} is the root unit's code`);
    else if (seen.has(code))
      bad(
        'code',
        `コード ${code} が ${seen.get(code)} 行目と重複しています`,
        `code ${code} repeats line ${seen.get(code)}`,
      );
    if (!v.name_ja) bad('name_ja', '名称は必須です', 'name_ja is required');
    const kindRaw = v.kind || 'division';
    const kind = pick(kindRaw, UNIT_KINDS, KIND_ALIASES);
    if (!kind || kind === 'root') bad('kind', `種別「${kindRaw}」は使えません`, `unknown kind "${kindRaw}"`);
    const sortOrder = v.sort_order ? Number(v.sort_order) : 0;
    if (!Number.isInteger(sortOrder) || sortOrder < 0)
      bad('sort_order', '表示順は0以上の整数です', 'sort_order must be a whole number ≥ 0');
    seen.set(code, line);
    errors.push(...rowErrors);
    if (rowErrors.length === 0)
      rows.push({
        line,
        code,
        nameJa: v.name_ja!,
        nameEn: v.name_en || null,
        parentCode: v.parent_code || null,
        kind: kind as OrgRow['kind'],
        sortOrder,
      });
  }
  // Parents must exist in the file or the database, and the result must stay a tree.
  const inFile = new Map(rows.map((r) => [r.code, r]));
  const parentOf = (code: string) => inFile.get(code)?.parentCode ?? existing.get(code)?.parentCode ?? null;
  for (const r of rows) {
    if (
      r.parentCode &&
      r.parentCode !== rootCode &&
      !inFile.has(r.parentCode) &&
      !existing.has(r.parentCode)
    ) {
      errors.push(
        err(
          r.line,
          'parent_code',
          `上位コード ${r.parentCode} の組織がありません`,
          `no unit with parent_code ${r.parentCode}`,
        ),
      );
      continue;
    }
    const visited = new Set([r.code]);
    for (let p = r.parentCode; p && p !== rootCode; p = parentOf(p)) {
      if (visited.has(p)) {
        errors.push(
          err(r.line, 'parent_code', '上位組織の指定が循環しています', 'parent_code makes a cycle'),
        );
        break;
      }
      visited.add(p);
    }
  }
  if (errors.length) return { rows: [], errors };
  const depth = (code: string): number => {
    let d = 0;
    for (let p = inFile.get(code)?.parentCode; p && p !== rootCode; p = parentOf(p)) d++;
    return d;
  };
  const ordered = [...rows].sort((a, b) => depth(a.code) - depth(b.code) || a.line - b.line);
  return {
    errors,
    rows: ordered.map((r) => {
      const old = existing.get(r.code);
      const same =
        old &&
        old.nameJa === r.nameJa &&
        old.nameEn === r.nameEn &&
        old.kind === r.kind &&
        old.sortOrder === r.sortOrder &&
        (old.parentCode ?? rootCode) === (r.parentCode ?? rootCode);
      return { ...r, change: !old ? 'create' : same ? 'unchanged' : 'update' };
    }),
  };
}

// --- staff ----------------------------------------------------------------------------------------

export interface StaffRow {
  line: number;
  staffNo: string;
  name: string;
  kana: string;
  email: string | null;
  unitCode: string;
  employmentType: EmploymentType;
  status: PersonStatus;
  /** Role keys to hold at the person's own unit (added, never removed by an import). */
  roles: string[];
}

export interface ExistingPerson {
  staffNo: string;
  name: string;
  kana: string;
  email: string | null;
  unitCode: string;
  employmentType: EmploymentType;
  status: PersonStatus;
}

export interface StaffPlan {
  rows: (StaffRow & { change: 'create' | 'update' | 'unchanged' })[];
  /** With a full roster: people not in the file who will be marked as having left. */
  leaving: string[];
  errors: ImportError[];
}

export function planStaffImport(
  header: string[],
  table: { line: number; values: Record<string, string> }[],
  ctx: {
    existing: Map<string, ExistingPerson>;
    unitCodes: Set<string>;
    /** Role key or Japanese/English name → role key. */
    roleKeys: Map<string, string>;
    fullRoster: boolean;
  },
): StaffPlan {
  const errors = missingColumns(header, ['staff_no', 'name', 'unit_code']);
  if (errors.length) return { rows: [], leaving: [], errors };
  const rows: StaffPlan['rows'] = [];
  const seen = new Map<string, number>();
  const emails = new Map<string, number>();
  for (const { line, values: v } of table) {
    const staffNo = v.staff_no ?? '';
    const rowErrors: ImportError[] = [];
    const bad = (column: string, ja: string, en: string) => rowErrors.push(err(line, column, ja, en));
    if (!CODE.test(staffNo))
      bad(
        'staff_no',
        '職員番号は英数字と . _ - で64文字以内です',
        'staff_no must be 1-64 letters, digits, ".", "_" or "-"',
      );
    else if (seen.has(staffNo))
      bad(
        'staff_no',
        `職員番号 ${staffNo} が ${seen.get(staffNo)} 行目と重複しています`,
        `staff_no ${staffNo} repeats line ${seen.get(staffNo)}`,
      );
    seen.set(staffNo, line);
    if (!v.name) bad('name', '氏名は必須です', 'name is required');
    const email = v.email ? v.email.toLowerCase() : null;
    if (email && !EMAIL.test(email))
      bad(
        'email',
        `メールアドレス「${v.email}」の形式が正しくありません`,
        `"${v.email}" is not an email address`,
      );
    else if (email && emails.has(email))
      bad(
        'email',
        `メールアドレスが ${emails.get(email)} 行目と重複しています`,
        `email repeats line ${emails.get(email)}`,
      );
    if (email) emails.set(email, line);
    const unitCode = v.unit_code ?? '';
    if (!ctx.unitCodes.has(unitCode))
      bad('unit_code', `所属コード「${unitCode}」の組織がありません`, `no unit with code "${unitCode}"`);
    const empRaw = v.employment_type || 'regular';
    const employmentType = pick(empRaw, EMPLOYMENT_TYPES, EMPLOYMENT_ALIASES);
    if (!employmentType)
      bad('employment_type', `雇用形態「${empRaw}」は使えません`, `unknown employment_type "${empRaw}"`);
    const statusRaw = v.status || 'active';
    const status = pick(statusRaw, PERSON_STATUSES, STATUS_ALIASES);
    if (!status) bad('status', `状態「${statusRaw}」は使えません`, `unknown status "${statusRaw}"`);
    const roles: string[] = [];
    for (const name of (v.roles ?? '')
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const key = ctx.roleKeys.get(name);
      if (key) roles.push(key);
      else bad('roles', `役割「${name}」がありません`, `unknown role "${name}"`);
    }
    errors.push(...rowErrors);
    if (rowErrors.length > 0) continue;
    const row: StaffRow = {
      line,
      staffNo,
      name: v.name!,
      kana: v.kana ?? '',
      email,
      unitCode,
      employmentType: employmentType!,
      status: status!,
      roles,
    };
    const old = ctx.existing.get(staffNo);
    const same =
      old &&
      old.name === row.name &&
      old.kana === row.kana &&
      old.email === row.email &&
      old.unitCode === row.unitCode &&
      old.employmentType === row.employmentType &&
      old.status === row.status;
    rows.push({ ...row, change: !old ? 'create' : same ? 'unchanged' : 'update' });
  }
  if (errors.length) return { rows: [], leaving: [], errors };
  const leaving = ctx.fullRoster
    ? [...ctx.existing.values()]
        .filter((p) => p.status !== 'left' && !seen.has(p.staffNo))
        .map((p) => p.staffNo)
    : [];
  return { rows, leaving, errors };
}
