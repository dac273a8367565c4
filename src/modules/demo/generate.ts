// The demo agency デモ省 as pure data: a seeded PRNG and fixed name lists, no I/O, so the same
// `{ staff, seed }` always gives a byte-identical plan (tests compare JSON.stringify of two runs).

import { mulberry32 } from '../../lib/random.js';
import type { EmploymentType, PersonStatus, UnitKind } from '../org/schema.js';

export const DEMO_TENANT = { code: 'demo', nameJa: 'デモ省', nameEn: 'Ministry of Demonstration' } as const;
/** The code createTenant gives the root unit; assignments held at the root name it. */
export const ROOT_CODE = 'ROOT';
export const MIN_DEMO_STAFF = 200;
export const MAX_DEMO_STAFF = 200_000;

export interface DemoUnit {
  code: string;
  parentCode: string;
  nameJa: string;
  nameEn: string;
  kind: UnitKind;
  sortOrder: number;
}

export interface DemoPerson {
  staffNo: string;
  name: string;
  kana: string;
  email: string;
  unitCode: string;
  employmentType: EmploymentType;
  status: PersonStatus;
}

export interface DemoAssignment {
  staffNo: string;
  /** A key of STANDARD_ROLES (roles/catalog.ts). */
  role: string;
  unitCode: string;
}

export interface DemoPlan {
  seed: number;
  units: DemoUnit[];
  people: DemoPerson[];
  assignments: DemoAssignment[];
  /** The person whose account is `admin` instead of their staff number. */
  adminStaffNo: string;
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** A Fisher-Yates shuffle of a copy. */
function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** "漢字:かな:romaji …" → triples; kept as one string so the lists stay a few lines long. */
function triples(text: string): [string, string, string][] {
  return text
    .trim()
    .split(/\s+/)
    .map((t) => t.split(':') as [string, string, string]);
}

/** "日本語|English; …" → pairs. */
function pairs(text: string): Pair[] {
  return text
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((s) => {
      const [ja, en] = s.split('|');
      return { ja: ja!.trim(), en: en!.trim() };
    });
}

// Common family and given names; every person is a random (fictional) combination of the two.
const FAMILY = triples(`
佐藤:さとう:sato 鈴木:すずき:suzuki 高橋:たかはし:takahashi 田中:たなか:tanaka 伊藤:いとう:ito
渡辺:わたなべ:watanabe 山本:やまもと:yamamoto 中村:なかむら:nakamura 小林:こばやし:kobayashi 加藤:かとう:kato
吉田:よしだ:yoshida 山田:やまだ:yamada 佐々木:ささき:sasaki 山口:やまぐち:yamaguchi 松本:まつもと:matsumoto
井上:いのうえ:inoue 木村:きむら:kimura 林:はやし:hayashi 斎藤:さいとう:saito 清水:しみず:shimizu
山崎:やまざき:yamazaki 森:もり:mori 池田:いけだ:ikeda 橋本:はしもと:hashimoto 阿部:あべ:abe
石川:いしかわ:ishikawa 山下:やました:yamashita 中島:なかじま:nakajima 石井:いしい:ishii 小川:おがわ:ogawa
前田:まえだ:maeda 岡田:おかだ:okada 長谷川:はせがわ:hasegawa 藤田:ふじた:fujita 後藤:ごとう:goto
近藤:こんどう:kondo 村上:むらかみ:murakami 遠藤:えんどう:endo 青木:あおき:aoki 坂本:さかもと:sakamoto
福田:ふくだ:fukuda 太田:おおた:ota 西村:にしむら:nishimura 藤井:ふじい:fujii 金子:かねこ:kaneko
岡本:おかもと:okamoto 藤原:ふじわら:fujiwara 中野:なかの:nakano 三浦:みうら:miura 原田:はらだ:harada
中川:なかがわ:nakagawa 松田:まつだ:matsuda 竹内:たけうち:takeuchi 小野:おの:ono 田村:たむら:tamura
中山:なかやま:nakayama 和田:わだ:wada 石田:いしだ:ishida 森田:もりた:morita 上田:うえだ:ueda
原:はら:hara 内田:うちだ:uchida 柴田:しばた:shibata 酒井:さかい:sakai 宮崎:みやざき:miyazaki
横山:よこやま:yokoyama 高木:たかぎ:takagi 安藤:あんどう:ando 宮本:みやもと:miyamoto 小島:こじま:kojima
谷口:たにぐち:taniguchi 今井:いまい:imai 工藤:くどう:kudo 高田:たかだ:takada 増田:ますだ:masuda
丸山:まるやま:maruyama 杉山:すぎやま:sugiyama 村田:むらた:murata 大塚:おおつか:otsuka 新井:あらい:arai
小山:こやま:koyama 平野:ひらの:hirano 藤本:ふじもと:fujimoto 河野:こうの:kono 上野:うえの:ueno
野口:のぐち:noguchi 武田:たけだ:takeda 松井:まつい:matsui 千葉:ちば:chiba 岩崎:いわさき:iwasaki
菅原:すがわら:sugawara 木下:きのした:kinoshita 久保:くぼ:kubo 佐野:さの:sano 野村:のむら:nomura
松尾:まつお:matsuo 市川:いちかわ:ichikawa 菊地:きくち:kikuchi 杉本:すぎもと:sugimoto 古川:ふるかわ:furukawa
大西:おおにし:onishi 島田:しまだ:shimada 水野:みずの:mizuno 桜井:さくらい:sakurai 高野:たかの:takano
吉川:よしかわ:yoshikawa 山内:やまうち:yamauchi 西田:にしだ:nishida 飯田:いいだ:iida 服部:はっとり:hattori
`);

const GIVEN = triples(`
翔太:しょうた:shota 大輔:だいすけ:daisuke 健太:けんた:kenta 拓也:たくや:takuya 直樹:なおき:naoki
和也:かずや:kazuya 達也:たつや:tatsuya 翼:つばさ:tsubasa 誠:まこと:makoto 亮:りょう:ryo
浩二:こうじ:koji 隆:たかし:takashi 修:おさむ:osamu 健一:けんいち:kenichi 雄一:ゆういち:yuichi
裕介:ゆうすけ:yusuke 大樹:だいき:daiki 悠斗:ゆうと:yuto 陽介:ようすけ:yosuke 智也:ともや:tomoya
哲也:てつや:tetsuya 正人:まさと:masato 一郎:いちろう:ichiro 健二:けんじ:kenji 剛:つよし:tsuyoshi
学:まなぶ:manabu 聡:さとし:satoshi 博之:ひろゆき:hiroyuki 俊介:しゅんすけ:shunsuke 光:ひかる:hikaru
蓮:れん:ren 湊:みなと:minato 陸:りく:riku 颯太:そうた:sota 浩:ひろし:hiroshi 実:みのる:minoru
陽子:ようこ:yoko 恵子:けいこ:keiko 美香:みか:mika 直美:なおみ:naomi 由美:ゆみ:yumi
真由美:まゆみ:mayumi 智子:ともこ:tomoko 裕子:ゆうこ:yuko 久美子:くみこ:kumiko 幸子:さちこ:sachiko
明美:あけみ:akemi 愛:あい:ai 彩:あや:aya 舞:まい:mai 沙織:さおり:saori 香織:かおり:kaori
美穂:みほ:miho 奈々:なな:nana 千尋:ちひろ:chihiro 早紀:さき:saki 遥:はるか:haruka 葵:あおい:aoi
結衣:ゆい:yui 美咲:みさき:misaki 陽菜:ひな:hina 凛:りん:rin 七海:ななみ:nanami 由紀:ゆき:yuki
真理:まり:mari 理恵:りえ:rie 佳奈:かな:kana 綾香:あやか:ayaka 知美:ともみ:tomomi 加奈子:かなこ:kanako
典子:のりこ:noriko 純子:じゅんこ:junko
`);

interface BureauSeed {
  ja: string;
  en: string;
  /** Divisions every demo has, in this order. */
  fixed: Pair[];
  /** Divisions drawn at random until the bureau has 4-10. */
  more: Pair[];
}
type Pair = { ja: string; en: string };

/** One bureau a line: "名前|Name > fixed divisions > optional divisions", divisions as in pairs(). */
function bureaus(text: string): BureauSeed[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [head, fixed, more] = line.split('>');
      const [name] = pairs(head!);
      return { ...name!, fixed: pairs(fixed!), more: pairs(more!) };
    });
}

// 大臣官房 holds the IT office (統括) and the audit office; デモ庁 is the external bureau (外局).
const [SECRETARIAT, EXTERNAL] = bureaus(`
大臣官房|Minister’s Secretariat > 総務課|General Affairs Division; 人事課|Personnel Division; 会計課|Accounts Division; 情報システム室|Information Systems Office; 情報セキュリティ監査室|Information Security Audit Office > 文書課|Documents Division; 広報室|Public Relations Office; 政策評価室|Policy Evaluation Office; 厚生管理室|Staff Welfare Office; 国会連絡室|Diet Liaison Office
デモ庁|Demonstration Agency > 総務課|General Affairs Division; 企画課|Planning Division > 審査第一課|First Examination Division; 審査第二課|Second Examination Division; 調整課|Coordination Division; 業務管理室|Operations Office; 情報管理室|Information Management Office
`) as [BureauSeed, BureauSeed];
const COMMON = '; 企画調整課|Planning and Coordination Division; 監理課|Supervision Division';
const BUREAU_POOL = bureaus(`
政策局|Policy Bureau > 総務課|General Affairs Division > 政策企画課|Policy Planning Division; 調査統計課|Research and Statistics Division; 法令課|Legislation Division; 制度改革室|Institutional Reform Office; 経済分析室|Economic Analysis Office${COMMON}
産業振興局|Industrial Promotion Bureau > 総務課|General Affairs Division > 産業政策課|Industrial Policy Division; 中小企業課|Small Business Division; 技術振興課|Technology Promotion Division; 新産業創出室|New Industries Office; 流通課|Distribution Division${COMMON}
地域連携局|Regional Cooperation Bureau > 総務課|General Affairs Division > 地域政策課|Regional Policy Division; 地方支援課|Local Support Division; 防災対策室|Disaster Preparedness Office; 観光連携課|Tourism Cooperation Division; 過疎対策室|Depopulation Measures Office${COMMON}
国際協力局|International Cooperation Bureau > 総務課|General Affairs Division > 国際政策課|International Policy Division; 二国間協力課|Bilateral Cooperation Division; 多国間協力課|Multilateral Cooperation Division; 通商交渉室|Trade Negotiation Office; 国際広報室|International Outreach Office${COMMON}
情報通信局|Information and Communications Bureau > 総務課|General Affairs Division > 情報政策課|Information Policy Division; 電子行政推進課|Digital Government Division; 通信基盤課|Network Infrastructure Division; サイバー対策室|Cyber Measures Office; データ利活用室|Data Utilisation Office${COMMON}
生活安全局|Public Safety Bureau > 総務課|General Affairs Division > 生活安全企画課|Public Safety Planning Division; 消費者保護課|Consumer Protection Division; 製品安全課|Product Safety Division; 事故調査室|Accident Investigation Office; 危機管理室|Crisis Management Office${COMMON}
環境資源局|Environment and Resources Bureau > 総務課|General Affairs Division > 環境政策課|Environmental Policy Division; 資源循環課|Resource Circulation Division; エネルギー課|Energy Division; 気候変動対策室|Climate Change Office; 水資源室|Water Resources Office${COMMON}
`);
// Large agencies get most of their staff from regional branches (地方支分部局); they appear as N grows.
const REGIONS = pairs(
  '北海道|Hokkaido; 東北|Tohoku; 関東|Kanto; 中部|Chubu; 近畿|Kinki; 中国|Chugoku; 四国|Shikoku; 九州|Kyushu; 沖縄|Okinawa',
);
const REGIONAL_DIVISIONS =
  pairs(`総務課|General Affairs Division; 会計課|Accounts Division; 企画調整課|Planning and
  Coordination Division; 情報管理課|Information Management Division; 産業課|Industry Division; 地域振興課|Regional
  Development Division; 環境対策課|Environment Division; 消費者相談課|Consumer Affairs Division; 調査課|Research
  Division; 国際課|International Division; 監理課|Supervision Division; 防災課|Disaster Management Division;
  広報課|Public Relations Division; 審査課|Examination Division`);
const OFFICES = pairs(
  '企画調整室|Planning Office; 調査室|Research Office; 業務改善室|Operations Improvement Office; ' +
    '法令審査室|Legal Review Office; 統計分析室|Statistics Office; 国際連携室|International Liaison Office; ' +
    '広報推進室|Outreach Office; 情報管理室|Records Office; 研修室|Training Office; 相談窓口室|Help Desk Office',
);
// Divisions (with their offices) average ≤ ~280 people, units holding people ~150 (≈ 290 / 170 at 50,000).
const PEOPLE_PER_DIVISION = 280;
const PEOPLE_PER_UNIT = 150;
const BASE_OFFICES = 8;

function buildUnits(rng: Rng, staff: number): { units: DemoUnit[]; itOffice: string; auditOffice: string } {
  const internal = shuffled(rng, BUREAU_POOL).slice(0, 5 + Math.floor(rng() * 2));
  const units: DemoUnit[] = [];
  const divisions: DemoUnit[] = [];
  const addBureau = (code: string, b: Pair, kind: UnitKind, chosen: Pair[]) => {
    const sortOrder = units.filter((u) => u.parentCode === ROOT_CODE).length * 10;
    units.push({ code, parentCode: ROOT_CODE, nameJa: b.ja, nameEn: b.en, kind, sortOrder });
    chosen.forEach((d, di) => {
      const unit: DemoUnit = {
        code: `${code}-${String(di + 1).padStart(2, '0')}`,
        parentCode: code,
        nameJa: d.ja,
        nameEn: d.en,
        kind: 'division',
        sortOrder: di * 10,
      };
      units.push(unit);
      divisions.push(unit);
    });
  };
  [SECRETARIAT, ...internal, EXTERNAL].forEach((b, bi) => {
    const want = Math.max(b.fixed.length, 4 + Math.floor(rng() * 7));
    const chosen = [...b.fixed, ...shuffled(rng, b.more)].slice(0, want);
    addBureau(
      `B${String(bi + 1).padStart(2, '0')}`,
      b,
      b === EXTERNAL ? 'external_bureau' : 'bureau',
      chosen,
    );
  });
  const missing = Math.ceil(staff / PEOPLE_PER_DIVISION) - divisions.length;
  const regions = Math.min(REGIONS.length, Math.max(0, Math.ceil(missing / REGIONAL_DIVISIONS.length)));
  REGIONS.slice(0, regions).forEach((r, ri) => {
    const name = { ja: `${r.ja}デモ局`, en: `${r.en} Regional Bureau` };
    addBureau(`R${String(ri + 1).padStart(2, '0')}`, name, 'bureau', REGIONAL_DIVISIONS);
  });
  // Offices go round-robin over the divisions in a shuffled order, each division drawing its own names.
  const wanted = Math.max(BASE_OFFICES, Math.ceil(staff / PEOPLE_PER_UNIT) - divisions.length);
  const officeCount = Math.min(divisions.length * OFFICES.length, wanted);
  const order = shuffled(rng, divisions);
  const names = new Map(order.map((d) => [d.code, shuffled(rng, OFFICES)]));
  const offices: DemoUnit[] = [];
  for (let i = 0; i < officeCount; i++) {
    const division = order[i % order.length]!;
    const n = Math.floor(i / order.length);
    const name = names.get(division.code)![n]!;
    offices.push({
      code: `${division.code}-${n + 1}`,
      parentCode: division.code,
      nameJa: name.ja,
      nameEn: name.en,
      kind: 'office',
      sortOrder: n * 10,
    });
  }
  // Parents come before children: divisions in tree order, each followed by its offices.
  const ordered = units.flatMap((u) => [u, ...offices.filter((o) => o.parentCode === u.code)]);
  const secretariat = divisions.filter((d) => d.parentCode === 'B01');
  return { units: ordered, itOffice: secretariat[3]!.code, auditOffice: secretariat[4]!.code };
}

/** Splits `total` over weights deterministically (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

export function generateDemo(input: { staff: number; seed: number }): DemoPlan {
  const { staff, seed } = input;
  if (!Number.isInteger(staff) || staff < MIN_DEMO_STAFF || staff > MAX_DEMO_STAFF) {
    throw new RangeError(`staff must be an integer from ${MIN_DEMO_STAFF} to ${MAX_DEMO_STAFF}`);
  }
  const rng = mulberry32(seed);
  const { units, itOffice, auditOffice } = buildUnits(rng, staff);

  // Every unit below the root has a head; the IT office also seats the administrator and the adviser.
  const extra = new Map([[itOffice, 2]]);
  const holders = units.filter((u) => u.kind !== 'bureau' && u.kind !== 'external_bureau');
  const fixedCount = units.length + 2;
  const members = apportion(
    staff - fixedCount,
    holders.map(() => 0.5 + rng()),
  );
  const memberCount = new Map(holders.map((u, i) => [u.code, members[i]!]));

  const people: DemoPerson[] = [];
  const heads = new Map<string, string>();
  const byUnit = new Map<string, DemoPerson[]>();
  const emails = new Map<string, number>();
  const newPerson = (unitCode: string, leader: boolean): DemoPerson => {
    const [fj, fk, fr] = pick(rng, FAMILY);
    const [gj, gk, gr] = pick(rng, GIVEN);
    const local = `${gr}.${fr}`;
    const n = (emails.get(local) ?? 0) + 1;
    emails.set(local, n);
    const r = rng();
    const s = rng();
    const person: DemoPerson = {
      staffNo: `D${String(people.length + 1).padStart(6, '0')}`,
      name: `${fj} ${gj}`,
      kana: `${fk} ${gk}`,
      email: `${local}${n > 1 ? n : ''}@demo.go.jp`,
      unitCode,
      // ~12 % part-time and ~2 % fixed-term staff; officers are regular staff.
      employmentType: leader || r >= 0.14 ? 'regular' : r < 0.12 ? 'part_time' : 'fixed_term',
      // ~1.5 % on long leave and ~0.3 % excluded: both are left out of a self-check's scope.
      status: leader || s >= 0.018 ? 'active' : s < 0.015 ? 'long_leave' : 'excluded',
    };
    people.push(person);
    return person;
  };
  for (const u of units) {
    heads.set(u.code, newPerson(u.code, true).staffNo);
    const list: DemoPerson[] = [];
    const count = (memberCount.get(u.code) ?? 0) + (extra.get(u.code) ?? 0);
    for (let i = 0; i < count; i++) list.push(newPerson(u.code, false));
    byUnit.set(u.code, list);
  }
  const [admin, advisor, csirt] = byUnit.get(itOffice)!;
  admin!.employmentType = 'regular';
  admin!.status = 'active';
  advisor!.employmentType = 'fixed_term';
  advisor!.status = 'active';

  const assignments: DemoAssignment[] = [];
  const assign = (staffNo: string, role: string, unitCode: string) =>
    assignments.push({ staffNo, role, unitCode });
  // CISO is the head of the Secretariat (大臣官房長); 統括 is the head of its IT office (002 L263-384).
  assign(heads.get('B01')!, 'ciso', ROOT_CODE);
  assign(heads.get(itOffice)!, 'chief_security_officer', ROOT_CODE);
  assign(heads.get(auditOffice)!, 'audit_officer', ROOT_CODE);
  assign(advisor!.staffNo, 'security_advisor', ROOT_CODE);
  assign(admin!.staffNo, 'mamoru_admin', ROOT_CODE);
  // The agency CSIRT sits in the IT office (001 L1237).
  assign((csirt ?? admin)!.staffNo, 'csirt', ROOT_CODE);
  for (const u of units) {
    if (u.kind === 'bureau' || u.kind === 'external_bureau')
      assign(heads.get(u.code)!, 'security_officer', u.code);
    if (u.kind === 'division') assign(heads.get(u.code)!, 'division_security_officer', u.code);
  }
  // Each information system has an owner and an administrator, two active regular members of a division.
  const systems = Math.min(36, Math.max(12, Math.round(staff / 250)));
  const taken = new Set([admin!.staffNo, advisor!.staffNo]);
  const owners = [
    itOffice,
    ...shuffled(
      rng,
      units.filter((u) => u.kind === 'division' && u.code !== itOffice).map((u) => u.code),
    ),
  ];
  let made = 0;
  for (const code of owners) {
    if (made >= systems) break;
    const eligible = byUnit
      .get(code)!
      .filter((p) => !taken.has(p.staffNo) && p.employmentType === 'regular' && p.status === 'active');
    if (eligible.length < 2) continue;
    assign(eligible[0]!.staffNo, 'system_security_officer', code);
    assign(eligible[1]!.staffNo, 'system_security_administrator', code);
    made++;
  }
  // Everyone is a 行政事務従事者 at their own unit, so everyone is in a self-check's scope.
  for (const p of people) assign(p.staffNo, 'staff', p.unitCode);

  return { seed, units, people, assignments, adminStaffNo: admin!.staffNo };
}
