/**
 * Self-check metrics (000 L1020-1095, 004 L722-742, 004 L1006): 把握率, 実施率 in three named variants, 到達率 and per-item rates, by
 * metric group, role, org unit (every level) and group × chapter. Pure: callers stream members (or
 * pre-aggregated counts) in, one pass, memory O(cells × items); nothing here does I/O.
 */

/** One answer as the engine sees it: 実施 / anything short of it (一部未実施, 実施不足, 未実施) / 該当なし. */
export type Answer = 'implemented' | 'not_implemented' | 'no_duty';
export type ImplementationVariant = 'nisc' | 'pooled' | 'meti_all_items';
export type AttainmentThreshold = '100' | '95' | '90';

export interface ItemFigure {
  item: string;
  duty: number;
  implemented: number;
  rate: number | null;
}

export interface Headline {
  coverage: number | null;
  implementation: Record<ImplementationVariant, number | null>;
  attainment: Record<AttainmentThreshold, number | null>;
}

/** Fractions are 0..1, unrounded; null where the denominator is 0. */
export interface Figures extends Headline {
  inScope: number;
  captured: number;
  /** Submitters with no not-implemented duty item (numerator of meti_all_items), kept so sets can be pooled. */
  allImplemented: number;
  /** Weakest first; items nobody had a duty for (rate null) last. */
  items: ItemFigure[];
}

/** Where a member or an aggregate counts; unitPath holds ancestor unit ids, root first (every level counts). */
export interface Placement {
  group: string;
  role: string;
  unitPath: readonly string[];
}

export interface MemberInput extends Placement {
  /**
   * The person answering. Questionnaires of one person count as ONE person in every population they
   * fall in (000 L1030, 000 L1036, 003 L551-566); without it each questionnaire is its own person.
   */
  personId?: string;
  inScope: boolean;
  submitted: boolean;
  /** One answer per item (the caller deduplicates). Ignored unless the member is in scope and submitted. */
  answers: Iterable<readonly [itemId: string, answer: Answer]>;
}

/**
 * Counts aggregated elsewhere (e.g. SQL GROUP BY unit, role, item), so 300,000 people need not be streamed.
 * Each questionnaire counted here must be its person's only one in the population (stream the others).
 */
export interface AggregateInput extends Placement {
  inScope: number;
  captured: number;
  /** Captured members with at least one not-implemented duty answer (overall and per chapter). */
  notAllImplemented: number;
  notAllImplementedByChapter?: Iterable<readonly [chapter: string, count: number]>;
  items: Iterable<
    readonly [itemId: string, counts: { implemented: number; notImplemented: number; noDuty: number }]
  >;
}

export interface MetricsOptions {
  /** Count 該当なし as a duty answer that was implemented (Cabinet Office, 002 L567). */
  naPasses?: boolean;
  chapterOf?: (itemId: string) => string;
  /**
   * Which units' figures carry their per-item list (default all). Every unit's headline is exact either
   * way; leaving out lists nobody reads saves sorting items for each of a thousand units.
   */
  unitItems?: (unitId: string) => boolean;
}

export interface MetricsResult {
  naPasses: boolean;
  overall: Figures;
  groups: Record<string, Figures>;
  roles: Record<string, Figures>;
  units: Record<string, Figures>;
  /** group → chapter → figures (coverage is the group's; items and meti_all_items are the chapter's). */
  chapters: Record<string, Record<string, Figures>>;
}

export interface MetricsAccumulator {
  addMember(member: MemberInput): void;
  addAggregate(aggregate: AggregateInput): void;
  result(): MetricsResult;
}

// Per item index i: n[3i] implemented, n[3i+1] not implemented, n[3i+2] 該当なし.
const [IMPL, NOT, NA] = [0, 1, 2] as const;

/** Integer counters of one cell (group × role × unit path) or one rolled-up dimension. */
interface Counts {
  inScope: number;
  captured: number;
  failed: number;
  n: Int32Array;
  failedByChapter: number[];
}
type Cell = Counts & Placement;
type Dim = Map<string, Counts>;

/** One questionnaire of a person, kept until result() so the person is counted once per population. */
interface Part {
  cell: Cell;
  submitted: boolean;
  failed: boolean;
  failedChapters: number[];
}

const newCounts = (items = 0): Counts => ({
  inScope: 0,
  captured: 0,
  failed: 0,
  n: new Int32Array(items * 3),
  failedByChapter: [],
});

function grow(c: Counts, index: number): void {
  if (index * 3 < c.n.length) return;
  const next = new Int32Array(Math.max(index + 1, (c.n.length / 3) * 2, 16) * 3);
  next.set(c.n);
  c.n = next;
}

function addInto(target: Counts, src: Counts): void {
  target.inScope += src.inScope;
  target.captured += src.captured;
  target.failed += src.failed;
  grow(target, src.n.length / 3 - 1);
  const [t, s] = [target.n, src.n];
  for (let k = 0; k < s.length; k++) t[k]! += s[k]!;
  src.failedByChapter.forEach((n, ch) => {
    target.failedByChapter[ch] = (target.failedByChapter[ch] ?? 0) + n;
  });
}

/**
 * One person with their questionnaires in a population: in scope once; captured only when every one is
 * submitted (000 L1030); all-implemented when captured and no duty item of any fell short (000 L1036).
 */
function countPerson(target: Counts, parts: readonly Part[]): void {
  target.inScope++;
  if (!parts.every((p) => p.submitted)) return;
  target.captured++;
  if (parts.some((p) => p.failed)) target.failed++;
  for (const ch of new Set(parts.flatMap((p) => p.failedChapters)))
    target.failedByChapter[ch] = (target.failedByChapter[ch] ?? 0) + 1;
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what}: not a count: ${n}`);
}

class Accumulator implements MetricsAccumulator {
  private readonly itemIds: string[] = [];
  private readonly itemIndex = new Map<string, number>();
  private readonly itemChapter: number[] = [];
  private readonly chapterNames: string[] = [];
  private readonly chapterIndex = new Map<string, number>();
  private readonly chapterStamp: number[] = [];
  private readonly cells = new Map<string, Cell>();
  private readonly persons = new Map<string, Part[]>();
  private stamp = 0;

  constructor(private readonly opts: MetricsOptions) {}

  addMember(m: MemberInput): void {
    // Out-of-scope people (e.g. long leave) count nowhere, not even in the denominator of 把握率.
    if (!m.inScope) return;
    const cell = this.cellFor(m.group, m.role, m.unitPath);
    const part: Part = { cell, submitted: m.submitted, failed: false, failedChapters: [] };
    if (m.personId !== undefined) {
      const parts = this.persons.get(m.personId);
      if (parts) parts.push(part);
      else this.persons.set(m.personId, [part]);
    } else cell.inScope++;
    if (!m.submitted) return;
    if (m.personId === undefined) cell.captured++;
    const stamp = ++this.stamp;
    let failed = false;
    for (const [itemId, answer] of m.answers) {
      const i = this.itemIndex.get(itemId) ?? this.registerItem(itemId);
      if (i * 3 >= cell.n.length) grow(cell, i);
      if (answer === 'implemented') cell.n[i * 3 + IMPL]!++;
      else if (answer === 'no_duty') cell.n[i * 3 + NA]!++;
      else if (answer === 'not_implemented') {
        cell.n[i * 3 + NOT]!++;
        failed = true;
        // Once per member and chapter: meti_all_items per chapter counts people, not answers.
        const ch = this.itemChapter[i]!;
        if (ch >= 0 && this.chapterStamp[ch] !== stamp) {
          this.chapterStamp[ch] = stamp;
          part.failedChapters.push(ch);
        }
      } else throw new TypeError(`unknown answer: ${String(answer)}`);
    }
    part.failed = failed;
    if (m.personId !== undefined) return;
    if (failed) cell.failed++;
    for (const ch of part.failedChapters) cell.failedByChapter[ch] = (cell.failedByChapter[ch] ?? 0) + 1;
  }

  addAggregate(a: AggregateInput): void {
    for (const key of ['inScope', 'captured', 'notAllImplemented'] as const) assertCount(a[key], key);
    if (a.captured > a.inScope || a.notAllImplemented > a.captured)
      throw new RangeError('expected notAllImplemented ≤ captured ≤ inScope');
    const cell = this.cellFor(a.group, a.role, a.unitPath);
    cell.inScope += a.inScope;
    cell.captured += a.captured;
    cell.failed += a.notAllImplemented;
    for (const [itemId, { implemented, notImplemented, noDuty }] of a.items) {
      const i = this.itemIndex.get(itemId) ?? this.registerItem(itemId);
      grow(cell, i);
      [implemented, notImplemented, noDuty].forEach((v, k) => {
        assertCount(v, itemId);
        cell.n[i * 3 + k]! += v;
      });
    }
    for (const [chapter, n] of a.notAllImplementedByChapter ?? []) {
      assertCount(n, chapter);
      const ch = this.registerChapter(chapter);
      cell.failedByChapter[ch] = (cell.failedByChapter[ch] ?? 0) + n;
    }
  }

  result(): MetricsResult {
    const naPasses = this.opts.naPasses ?? false;
    // Natural order computed once, so sorting each dimension's items compares integers.
    const rank = new Int32Array(this.itemIds.length);
    const order = [...this.itemIds.keys()].sort((a, b) => compareItemIds(this.itemIds[a]!, this.itemIds[b]!));
    for (const [r, i] of order.entries()) rank[i] = r;
    const fig = (c: Counts, failed = c.failed, only?: (i: number) => boolean, withItems = true) =>
      figuresOf(c, failed, { ids: this.itemIds, rank, naPasses, only, withItems });
    const overall = newCounts();
    const [groups, roles, units]: [Dim, Dim, Dim] = [new Map(), new Map(), new Map()];
    const dim = (map: Dim, key: string) => map.get(key) ?? map.set(key, newCounts()).get(key)!;
    // Roll the cells up once: in the hot loop a member touched only its own cell.
    for (const cell of this.cells.values()) {
      addInto(overall, cell);
      addInto(dim(groups, cell.group), cell);
      addInto(dim(roles, cell.role), cell);
      for (const unit of cell.unitPath) addInto(dim(units, unit), cell);
    }
    // People, not questionnaires: a person counts once in each population holding any of their parts.
    for (const parts of this.persons.values()) {
      countPerson(overall, parts);
      const by = (key: (p: Part) => readonly string[], map: Dim) => {
        const split = new Map<string, Part[]>();
        for (const p of parts) for (const k of key(p)) split.set(k, [...(split.get(k) ?? []), p]);
        for (const [k, ps] of split) countPerson(dim(map, k), ps);
      };
      by((p) => [p.cell.group], groups);
      by((p) => [p.cell.role], roles);
      by((p) => p.cell.unitPath, units);
    }
    const chapters: Record<string, Record<string, Figures>> = {};
    const chapterOrder = [...this.chapterNames.keys()].sort((a, b) =>
      compareItemIds(this.chapterNames[a]!, this.chapterNames[b]!),
    );
    for (const [group, c] of groups) {
      const answered = (ch: number) =>
        this.itemChapter.some((itemCh, i) => itemCh === ch && answeredCount(c, i) > 0);
      const entries = chapterOrder.filter(answered).map((ch) => {
        const only = (i: number) => this.itemChapter[i] === ch;
        return [this.chapterNames[ch]!, fig(c, c.failedByChapter[ch] ?? 0, only)] as const;
      });
      if (entries.length) chapters[group] = Object.fromEntries(entries);
    }
    const record = (map: Dim) => Object.fromEntries([...map].map(([k, c]) => [k, fig(c)]));
    return {
      naPasses,
      overall: fig(overall),
      groups: record(groups),
      roles: record(roles),
      units: Object.fromEntries(
        [...units].map(([k, c]) => [k, fig(c, c.failed, undefined, this.opts.unitItems?.(k) ?? true)]),
      ),
      chapters,
    };
  }

  private cellFor(group: string, role: string, unitPath: readonly string[]): Cell {
    const key = `${group}\u0000${role}\u0000${unitPath.join('\u0001')}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { ...newCounts(this.itemIds.length), group, role, unitPath: [...unitPath] };
      this.cells.set(key, cell);
    }
    return cell;
  }

  private registerItem(itemId: string): number {
    const i = this.itemIds.push(itemId) - 1;
    this.itemIndex.set(itemId, i);
    const chapter = this.opts.chapterOf?.(itemId);
    this.itemChapter[i] = chapter === undefined ? -1 : this.registerChapter(chapter);
    return i;
  }

  private registerChapter(chapter: string): number {
    const known = this.chapterIndex.get(chapter);
    if (known !== undefined) return known;
    this.chapterIndex.set(chapter, this.chapterNames.length);
    return this.chapterNames.push(chapter) - 1;
  }
}

export function createMetricsAccumulator(opts: MetricsOptions = {}): MetricsAccumulator {
  return new Accumulator(opts);
}

const answeredCount = (c: Counts, i: number) =>
  i * 3 < c.n.length ? c.n[i * 3 + IMPL]! + c.n[i * 3 + NOT]! + c.n[i * 3 + NA]! : 0;

type FigureContext = {
  ids: readonly string[];
  rank: Int32Array;
  naPasses: boolean;
  only?: (i: number) => boolean;
  /** false: compute the headline only, with an empty item list (no sort). */
  withItems?: boolean;
};

function figuresOf(
  c: Counts,
  failed: number,
  { ids, rank, naPasses, only, withItems = true }: FigureContext,
): Figures {
  const rows: { i: number; duty: number; implemented: number }[] = [];
  for (let i = 0; i < c.n.length / 3; i++) {
    if (answeredCount(c, i) === 0 || (only && !only(i))) continue;
    const passedNa = naPasses ? c.n[i * 3 + NA]! : 0;
    const implemented = c.n[i * 3 + IMPL]! + passedNa;
    rows.push({ i, duty: implemented + c.n[i * 3 + NOT]!, implemented });
  }
  if (withItems) rows.sort((a, b) => compareRates(a, b) || rank[a.i]! - rank[b.i]!);
  const items = rows.map(({ i, duty, implemented }) => ({
    item: ids[i]!,
    duty,
    implemented,
    rate: ratio(implemented, duty),
  }));
  const figures = figuresFromItems(c.inScope, c.captured, c.captured - failed, items);
  return withItems ? figures : { ...figures, items: [] };
}

export type Counted = { duty: number; implemented: number };

/** Rate ascending, compared exactly by cross-multiplication; no duty-holder (rate null) last. */
export function compareRates(a: Counted, b: Counted): number {
  if (!a.duty || !b.duty) return (a.duty ? 0 : 1) - (b.duty ? 0 : 1);
  return a.implemented * b.duty - b.implemented * a.duty;
}

/** Figures from per-item counts (weakest first, as figuresOf sorts them). */
export function figuresFromItems(
  inScope: number,
  captured: number,
  allImplemented: number,
  items: ItemFigure[],
): Figures {
  const withDuty = items.filter((it) => it.duty > 0);
  const [duty, implemented] = withDuty.reduce(([d, n], it) => [d + it.duty, n + it.implemented], [0, 0]);
  // 到達率: items whose rate ≥ threshold ÷ items with a duty-holder, in integers (000 L1066-1073, 004 L1006).
  const attained = (t: number) =>
    ratio(withDuty.filter((it) => it.implemented * 100 >= t * it.duty).length, withDuty.length);
  return {
    inScope,
    captured,
    allImplemented,
    coverage: ratio(captured, inScope),
    implementation: {
      nisc: meanOfItemRates(withDuty),
      pooled: ratio(implemented, duty),
      // METI: submitters who implemented all their items ÷ submitters (000 L1036).
      meti_all_items: ratio(allImplemented, captured),
    },
    attainment: { '100': attained(100), '95': attained(95), '90': attained(90) },
    items,
  };
}

const ratio = (num: number, den: number) => (den ? num / den : null);

/**
 * 実施率 (NISC): the simple mean of per-item rates, 004 L722-742 (50 %, 75 %, 100 % → 75 %). Summed as an
 * exact fraction: plain integers while the common denominator stays safe, BigInt beyond.
 */
function meanOfItemRates(items: readonly Counted[]): number | null {
  if (items.length === 0) return null;
  let [num, den, k] = [0, 1, 0];
  for (; k < items.length; k++) {
    const { duty, implemented } = items[k]!;
    const lcm = (den / gcd(den, duty)) * duty;
    const next = num * (lcm / den) + implemented * (lcm / duty);
    if (!Number.isSafeInteger(lcm) || !Number.isSafeInteger(next)) break;
    [num, den] = [next, lcm];
  }
  if (k === items.length && Number.isSafeInteger(den * items.length)) return num / (den * items.length);
  let [bigNum, bigDen] = [BigInt(num), BigInt(den)];
  for (; k < items.length; k++) {
    const duty = BigInt(items[k]!.duty);
    bigNum = bigNum * duty + BigInt(items[k]!.implemented) * bigDen;
    bigDen *= duty;
  }
  return bigRatio(bigNum, bigDen * BigInt(items.length));
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** num/den correctly rounded to a double: a ≥ 64-bit quotient with a sticky bit (round to odd), then scaled. */
function bigRatio(num: bigint, den: bigint): number {
  const limit = 2n ** 53n;
  if (num <= limit && den <= limit) return Number(num) / Number(den);
  const shift = Math.max(0, 64 + den.toString(2).length - num.toString(2).length);
  const scaled = num << BigInt(shift);
  const q = scaled / den;
  return Number(q * den === scaled ? q : q | 1n) * 2 ** -shift;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order of item ids: "6.2.4(1)(a)" < "6.2.4(1)(b)", "9.1" < "10.1". */
export function compareItemIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Display only: 0.75 → "75.0%", null → "—". */
export function formatPercent(x: number | null, locale = 'ja-JP'): string {
  if (x === null || Number.isNaN(x)) return '—';
  const style = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;
  return new Intl.NumberFormat(locale, style).format(x);
}
