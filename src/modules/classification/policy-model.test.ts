import { describe, expect, it } from 'vitest';
import {
  type ClassificationPolicy,
  encodeRfc2047,
  HANDLING_ACTIONS,
  type HandlingAction,
  handlingRequirements,
  markingText,
  type Requirement,
  validatePolicy,
} from './policy-model.js';
import { shippedPolicy } from './policy-shipped.js';

// The expected tables, written out from the sources — not read back from the data files.
// 表2 (000 L695-751): METI on the left, the Unified Standards (5th ed.) on the right; copying: 000 L921-925;
// private devices: 001 L10911-10920; terms-of-service cloud services: 001 L11001-11005, L11052-11080.
const D = { roleKey: 'division_security_officer', roleName: '課室情報セキュリティ責任者' };
const S = { roleKey: 'security_officer', roleName: '情報セキュリティ責任者' };
const Y = { roleKey: 'system_security_officer', roleName: '情報システムセキュリティ責任者' };
const perm = (r: typeof D) => ({ kind: 'permission' as const, ...r });
const notif = (r: typeof D) => ({ kind: 'notification' as const, ...r });
const PROHIBITED = 'prohibited' as const;

type Cell = Requirement[] | typeof PROHIBITED;
/** action → [level 1, level 2, …] → requirements (allowed) or PROHIBITED, and the source line the rule must cite. */
type Table = Record<HandlingAction, [Cell, string][]>;

const UNIFIED_5TH: Table = {
  transport: [
    [[], '000 L695-729'],
    [[notif(D)], '000 L729'],
    [[perm(D)], '000 L727'],
  ],
  provide: [
    [[], '000 L695-737'],
    [[notif(D)], '000 L737'],
    [[perm(D)], '000 L735'],
  ],
  process_outside: [
    [[], '000 L695-751'],
    [[notif(D), notif(Y)], '注2 L751'],
    [[perm(D), perm(Y)], '注1 L749'],
  ],
  copy: [
    [[], '001 L23211'],
    [[], '001 L23211'],
    [[], '001 L23211'],
  ],
  private_device: [
    [[perm(D), perm(Y)], '002 L283-295'],
    [[perm(D), perm(Y)], '002 L283-295'],
    [[perm(D), perm(Y)], '002 L283-295'],
  ],
  cloud_service: [
    [[perm(S)], '001 L11005'],
    [PROHIBITED, '001 L11001'],
    [PROHIBITED, '001 L11001'],
  ],
};

const METI_2011: Table = {
  transport: [
    [[], '000 L695-729'],
    [[perm(D)], '000 L729'],
    [[perm(D)], '000 L727'],
    [[perm(S)], '000 L725'],
  ],
  provide: [
    [[], '000 L695-737'],
    [[perm(D)], '000 L737'],
    [[perm(D)], '000 L735'],
    [[perm(S)], '000 L733'],
  ],
  process_outside: [
    [[], '000 L695-751'],
    [[perm(D), perm(Y)], '注1 L749'],
    [[perm(D), perm(Y)], '注1 L749'],
    [[perm(S)], '000 L743'],
  ],
  copy: [
    [[], '000 L921-925'],
    [[], '000 L921-925'],
    [[perm(D)], '000 L923-925'],
    [PROHIBITED, '000 L921-923'],
  ],
  private_device: [
    [[perm(D), perm(Y)], '002 L283-295'],
    [[perm(D), perm(Y)], '002 L283-295'],
    [[perm(D), perm(Y)], '002 L283-295'],
    [[perm(S), perm(Y)], '002 L283-295'],
  ],
  cloud_service: [
    [[perm(S)], '001 L11005'],
    [PROHIBITED, '001 L11001'],
    [PROHIBITED, '001 L11001'],
    [PROHIBITED, '001 L11001'],
  ],
};

function cells(table: Table) {
  return HANDLING_ACTIONS.flatMap((action) =>
    table[action].map(([cell, ref], i) => ({ action, level: i + 1, cell, ref })),
  );
}

describe.each([
  ['unified-5th', UNIFIED_5TH, 3],
  ['meti-2011', METI_2011, 4],
] as const)('shipped policy %s', (id, table, levels) => {
  const policy = shippedPolicy(id);

  it('validates, has the stable id and confidentiality 1…%d', () => {
    expect(validatePolicy(policy)).toEqual([]);
    expect(policy.id).toBe(id);
    expect(policy.levels.confidentiality.map((l) => l.value)).toEqual(
      Array.from({ length: levels }, (_, i) => i + 1),
    );
    expect(policy.levels.integrity.map((l) => l.value)).toEqual([1, 2]);
    expect(policy.levels.availability.map((l) => l.value)).toEqual([1, 2]);
  });

  it('has exactly one rule per action and level, nothing more', () => {
    expect(policy.rules).toHaveLength(HANDLING_ACTIONS.length * levels);
    expect(cells(table)).toHaveLength(HANDLING_ACTIONS.length * levels);
  });

  it.each(cells(table))('$action at 機密性$level', ({ action, level, cell, ref }) => {
    const answer = handlingRequirements(policy, action, level);
    if (cell === PROHIBITED) {
      expect(answer.allowed).toBe(false);
      expect(answer.requirements).toEqual([]);
    } else {
      expect(answer.allowed).toBe(true);
      expect(answer.requirements).toEqual(cell);
    }
    expect(answer.rule).toContain(ref);
  });

  it('has the five restrictions of 001 L23211 with what each forbids', () => {
    expect(policy.restrictions.map((r) => [r.key, r.nameJa, r.forbids])).toEqual([
      ['no_copy', '複製禁止', ['copy']],
      ['no_takeout', '持出禁止', ['transport', 'process_outside', 'private_device', 'cloud_service']],
      ['no_redistribution', '再配付禁止', ['provide']],
      ['encryption_required', '暗号化必須', []],
      ['destroy_after_reading', '読後廃棄', []],
    ]);
  });

  it('has no rule for a level it does not define', () => {
    expect(() => handlingRequirements(policy, 'transport', levels + 1)).toThrow(RangeError);
    expect(() => handlingRequirements(policy, 'transport', 0)).toThrow(RangeError);
  });
});

describe('level attributes', () => {
  it('METI: 機密性4/3 need an access scope and a designated store, 機密性4 serial numbers, all confirmation (000 L757-793)', () => {
    const meti = shippedPolicy('meti-2011').levels.confidentiality;
    expect(
      meti.map((l) => [
        l.marking,
        l.requiresAccessScope,
        l.requiresStorageDesignation,
        l.serialNumbered,
        l.requiresConfirmation,
      ]),
    ).toEqual([
      ['機密性1情報', false, false, false, true],
      ['機密性2情報', false, false, false, true],
      ['機密性3情報', true, true, false, true],
      ['機密性4情報', true, true, true, true],
    ]);
  });
  it('Unified Standards: the creator decides; no scope, store or serial numbers required', () => {
    const unified = shippedPolicy('unified-5th').levels.confidentiality;
    expect(
      unified.map((l) => [l.marking, l.requiresAccessScope, l.serialNumbered, l.requiresConfirmation]),
    ).toEqual([
      ['機密性1情報', false, false, false],
      ['機密性2情報', false, false, false],
      ['機密性3情報', false, false, false],
    ]);
  });
});

describe('restrictions on an entry override the table', () => {
  const meti = shippedPolicy('meti-2011');

  it.each([
    ['copy', [{ key: 'no_copy' }], '取扱制限：複製禁止'],
    ['transport', [{ key: 'no_takeout' }], '取扱制限：持出禁止'],
    ['process_outside', [{ key: 'no_takeout' }], '取扱制限：持出禁止'],
    ['provide', [{ key: 'no_redistribution' }], '取扱制限：再配付禁止'],
    ['transport', [{ key: 'no_copy' }, { key: 'no_takeout' }], '取扱制限：持出禁止'],
  ] as const)('%s with %j is not allowed', (action, restrictions, rule) => {
    expect(handlingRequirements(meti, action, 2, [...restrictions])).toEqual({
      allowed: false,
      requirements: [],
      rule,
    });
  });

  it.each([
    ['copy', 'no_takeout'],
    ['provide', 'no_copy'],
    ['transport', 'encryption_required'],
    ['provide', 'destroy_after_reading'],
  ] as const)('%s is unaffected by %s', (action, key) => {
    expect(handlingRequirements(meti, action, 3, [{ key }])).toEqual(handlingRequirements(meti, action, 3));
  });

  it('a date-limited restriction holds through its date and lapses after it', () => {
    const policy: ClassificationPolicy = {
      ...meti,
      restrictions: [
        ...meti.restrictions,
        { key: 'embargo', nameJa: '公表禁止', nameEn: 'Embargoed', param: 'date', forbids: ['provide'] },
      ],
    };
    const entry = [{ key: 'embargo', param: '2027-03-31' }];
    expect(handlingRequirements(policy, 'provide', 1, entry, '2027-03-31')).toEqual({
      allowed: false,
      requirements: [],
      rule: '取扱制限：公表禁止（2027-03-31まで）',
    });
    expect(handlingRequirements(policy, 'provide', 1, entry, '2027-04-01').allowed).toBe(true);
    // Without a date to compare with, the restriction is assumed to hold.
    expect(handlingRequirements(policy, 'provide', 1, entry).allowed).toBe(false);
  });
});

describe('markingText', () => {
  const meti = shippedPolicy('meti-2011');
  const unified = shippedPolicy('unified-5th');

  it('writes the level and the restrictions (the issue’s example)', () => {
    expect(markingText(meti, { confidentiality: 3, restrictions: [{ key: 'no_copy' }] })).toEqual({
      document: '機密性3情報 取扱制限：複製禁止',
      mailSubject: '【機密性3情報 取扱制限：複製禁止】',
      header: { name: 'X-Mamoru-Classification', value: 'C3; policy=meti-2011; restrictions=no-copy' },
      markingHeader: {
        name: 'X-Mamoru-Marking',
        value: `=?UTF-8?B?${Buffer.from('機密性3情報 取扱制限：複製禁止').toString('base64')}?=`,
      },
    });
  });

  it('a bare level', () => {
    const m = markingText(unified, { confidentiality: 1 });
    expect([m.document, m.mailSubject, m.header.value]).toEqual([
      '機密性1情報',
      '【機密性1情報】',
      'C1; policy=unified-5th',
    ]);
  });

  it('integrity and availability: level 2 is written, level 1 only in the header', () => {
    const m = markingText(unified, { confidentiality: 2, integrity: 2, availability: 1 });
    expect(m.document).toBe('機密性2情報 完全性2情報');
    expect(m.header.value).toBe('C2; I2; A1; policy=unified-5th');
    const n = markingText(unified, { confidentiality: 2, integrity: 1, availability: 2 });
    expect(n.document).toBe('機密性2情報 可用性2情報');
  });

  it('several restrictions, with parameters; the header stays ASCII', () => {
    const policy: ClassificationPolicy = {
      ...meti,
      restrictions: [
        ...meti.restrictions,
        { key: 'embargo', nameJa: '公表禁止', nameEn: 'Embargoed', param: 'date', forbids: ['provide'] },
        {
          key: 'limited_to',
          nameJa: '配付先限定',
          nameEn: 'Limited distribution',
          param: 'text',
          forbids: [],
        },
      ],
    };
    const m = markingText(policy, {
      confidentiality: 4,
      restrictions: [
        { key: 'no_copy' },
        { key: 'no_takeout' },
        { key: 'embargo', param: '2027-03-31' },
        { key: 'limited_to', param: '関係課室限り' },
      ],
    });
    expect(m.document).toBe(
      '機密性4情報 取扱制限：複製禁止、持出禁止、公表禁止（2027-03-31まで）、配付先限定（関係課室限り）',
    );
    expect(m.mailSubject).toBe(`【${m.document}】`);
    expect(m.header.value).toBe(
      'C4; policy=meti-2011; restrictions=no-copy,no-takeout,embargo(until 2027-03-31),limited-to',
    );
    expect(m.header.value).toMatch(/^[\x20-\x7e]+$/);
  });

  it('refuses a level or restriction the policy does not have', () => {
    expect(() => markingText(unified, { confidentiality: 4 })).toThrow(RangeError);
    expect(() => markingText(unified, { confidentiality: 1, integrity: 3 })).toThrow(RangeError);
    expect(() => markingText(unified, { confidentiality: 1, restrictions: [{ key: 'nope' }] })).toThrow(
      RangeError,
    );
  });
});

describe('encodeRfc2047', () => {
  it('leaves ASCII alone', () => {
    expect(encodeRfc2047('C3; policy=x')).toBe('C3; policy=x');
  });
  it('splits long text into words of at most 75 characters without breaking a character', () => {
    const text = '機密性4情報 取扱制限：複製禁止、持出禁止、再配付禁止、暗号化必須、読後廃棄';
    const encoded = encodeRfc2047(text);
    const words = encoded.split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(w).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    const decoded = words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('');
    expect(decoded).toBe(text);
  });
});

describe('validatePolicy', () => {
  const base = () => shippedPolicy('meti-2011');
  const paths = (p: ClassificationPolicy) => validatePolicy(p).map((e) => e.path);

  it('levels must be numbered 1, 2, … without gaps', () => {
    const p = base();
    p.levels.confidentiality[3]!.value = 5;
    expect(paths(p)).toContain('levels.confidentiality[3].value');
  });

  it('a confidentiality level needs its marking and criteria', () => {
    const p = base();
    p.levels.confidentiality[0]!.marking = ' ';
    p.levels.integrity[1]!.criteriaJa = '';
    expect(paths(p)).toEqual(
      expect.arrayContaining(['levels.confidentiality[0].marking', 'levels.integrity[1].criteriaJa']),
    );
  });

  it('restriction keys are unique ASCII and forbid only known actions', () => {
    const p = base();
    p.restrictions.push({ key: 'no_copy', nameJa: '複製禁止2', nameEn: 'x' });
    p.restrictions.push({ key: '複製', nameJa: '複製', nameEn: 'x' });
    p.restrictions.push({ key: 'odd', nameJa: '変', nameEn: 'x', forbids: ['fly' as HandlingAction] });
    expect(paths(p)).toEqual(['restrictions[5].key', 'restrictions[6].key', 'restrictions[7].forbids']);
  });

  it('role keys must be standard roles and carry the standard Japanese name', () => {
    const p = base();
    p.rules[1]!.requirements = [{ kind: 'permission', roleKey: 'janitor', roleName: '用務員' }];
    p.rules[2]!.requirements = [{ kind: 'permission', roleKey: 'security_officer', roleName: '部局長' }];
    expect(paths(p)).toEqual(['rules[1].requirements[0].roleKey', 'rules[2].requirements[0].roleName']);
  });

  it('every action × level has exactly one rule, for levels that exist', () => {
    const p = base();
    const dropped = p.rules.splice(0, 1)[0]!;
    p.rules.push({ ...p.rules[0]! });
    p.rules.push({ ...dropped, confidentiality: 7 });
    const errors = validatePolicy(p);
    expect(errors.map((e) => e.path)).toEqual([
      `rules[${p.rules.length - 2}]`,
      `rules[${p.rules.length - 1}].confidentiality`,
      'rules',
    ]);
    expect(errors[2]!.reason.en).toBe(
      `No rule for ${dropped.action} at confidentiality ${dropped.confidentiality}.`,
    );
  });

  it('a prohibiting rule lists no approvals', () => {
    const p = base();
    const i = p.rules.findIndex((r) => r.action === 'copy' && r.confidentiality === 4);
    p.rules[i]!.requirements = [perm(D)];
    expect(paths(p)).toEqual([`rules[${i}].requirements`]);
  });

  it('adding 機密性5 requires its rules and marking', () => {
    const p = base();
    p.levels.confidentiality.push({ ...p.levels.confidentiality[3]!, value: 5, marking: '機密性5情報' });
    expect(validatePolicy(p).filter((e) => e.path === 'rules')).toHaveLength(HANDLING_ACTIONS.length);
  });
});
