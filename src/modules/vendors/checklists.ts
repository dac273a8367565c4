// The checklists of this module as data, each item citing its source line. The Japanese titles are
// short transcriptions of the sources' headings; English titles are ours.

export interface ChecklistItem {
  key: string;
  /** Section of the source, as numbered there. */
  section: string;
  ja: string;
  en: string;
  /** Source line, e.g. '001 L14192'. */
  source: string;
}

/**
 * The SNS checklist: NISC's 「ソーシャルメディアの利用に関する注意喚起」 (001 L14190-14392), six
 * sections, every numbered item.
 */
export const SNS_CHECKLIST: readonly ChecklistItem[] = [
  // （１） ソーシャルメディアの特性を踏まえた利用 (001 L14190)
  {
    key: 'not_primary_channel',
    section: '(1)①',
    source: '001 L14192',
    ja: 'ソーシャルメディアを情報公開の主たる手段として利用しない（二次的・補助的な手段として利用する）',
    en: 'Do not use social media as the primary means of publishing information (secondary means only)',
  },
  {
    key: 'organisation_account',
    section: '(1)②',
    source: '001 L14206',
    ja: '組織が管理するアカウントで運用する（職員個人が私的に取得したアカウントは利用しない）',
    en: 'Operate through an account the organisation manages (never a personal account)',
  },
  {
    key: 'unintended_communication',
    section: '(1)③',
    source: '001 L14220',
    ja: '意図しないコミュニケーション（いわゆる「炎上」）が発生することを前提として利用する',
    en: 'Use it expecting unintended communication (a "flame-up") to happen',
  },
  // （２） なりすましの防止
  {
    key: 'operator_shown',
    section: '(2)①',
    source: '001 L14232',
    ja: 'アカウント名や自由記述欄等で、公的機関が運用していることを明示する',
    en: 'State in the account name or profile that a public body operates the account',
  },
  {
    key: 'mutual_link',
    section: '(2)②',
    source: '001 L14240',
    ja: '自己管理ウェブサイト（.go.jp が望ましい）にサービス名とアカウントを明記し、アカウントの自由記述欄にそのページのURLを記載する（相互リンク）',
    en: 'Link both ways with the self-managed website (.go.jp preferred): the site names the account, the profile gives the page URL',
  },
  {
    key: 'verified_account',
    section: '(2)③',
    source: '001 L14256',
    ja: '認証アカウント（公式アカウント）を可能な限り取得する',
    en: 'Obtain a verified (official) account where the service offers one',
  },
  // （３） アカウント乗っ取りの防止
  {
    key: 'password_management',
    section: '(3)①',
    source: '001 L14277',
    ja: 'パスワードを適切に管理する（十分な長さと複雑さ、知る担当者の限定、使い回しをしない）',
    en: 'Manage the password properly (long and complex, known to few, never reused)',
  },
  {
    key: 'strong_authentication',
    section: '(3)②',
    source: '001 L14287',
    ja: '二段階認証やワンタイムパスワード等、アカウント認証の強化策を可能な限り利用する',
    en: 'Use two-step verification or one-time passwords where offered',
  },
  {
    key: 'device_loss',
    section: '(3)③',
    source: '001 L14293',
    ja: 'ログインに利用する端末の紛失・盗難を防止する（端末を厳重に管理する）',
    en: 'Prevent loss or theft of the devices used to log in',
  },
  {
    key: 'device_security',
    section: '(3)④',
    source: '001 L14301',
    ja: '使用する端末のセキュリティを確保する（最新のセキュリティパッチ、アンチウイルスソフトウェア等）',
    en: 'Secure those devices (latest patches, anti-virus software)',
  },
  // （４） なりすましや不正アクセスを確認した場合の対処
  {
    key: 'impersonation_response',
    section: '(4)①',
    source: '001 L14317',
    ja: 'なりすましを発見した場合は、自己管理ウェブサイトで周知し、信用できる機関やメディアを通じて注意喚起する',
    en: 'On finding an impersonation: announce it on the self-managed website and warn through trusted bodies and media',
  },
  {
    key: 'takeover_response',
    section: '(4)②',
    source: '001 L14325',
    ja: 'アカウント乗っ取りを確認した場合は、パスワード変更やアカウント停止を速やかに行い、周知するとともに自組織のCSIRTやNISCに報告する',
    en: 'On a takeover: change the password or suspend the account at once, announce it, and report to the CSIRT and NISC',
  },
  // （５） 発信又は公開する情報に関する留意事項
  {
    key: 'no_confidential',
    section: '(5)①',
    source: '001 L14337',
    ja: '要機密情報（機密性２以上に相当する情報）は発信しない',
    en: 'Never post information requiring confidentiality (機密性2 or above)',
  },
  {
    key: 'no_url_shortener',
    section: '(5)②',
    source: '001 L14341',
    ja: 'URL短縮サービスは原則使用しない',
    en: 'Do not use URL shortening services',
  },
  {
    key: 'link_care',
    section: '(5)③',
    source: '001 L14350',
    ja: '第三者の投稿の引用や第三者のページへのリンクは、内容を認めたと受け取られること等を考慮して慎重に行う',
    en: 'Quote third-party posts or link to third-party pages only with care',
  },
  {
    key: 'recheck_before_posting',
    section: '(5)④',
    source: '001 L14362',
    ja: '発信する前に、機密情報の漏えい等に繋がる可能性がないか等、その影響を十分に再確認する',
    en: 'Re-check each post before publishing (it cannot be fully deleted once spread)',
  },
  // （６） 情報発信を円滑に行うための利用者への配慮
  {
    key: 'account_policy',
    section: '(6)①',
    source: '001 L14374',
    ja: 'アカウント運用ポリシー（ソーシャルメディアポリシー）を策定し、自由記述欄又は自己管理ウェブサイトに掲載する（専ら情報発信用途の場合はその旨を明示する）',
    en: 'Write an account operation (social media) policy and publish it in the profile or on the self-managed website',
  },
];

/**
 * Requirements to put into a procurement specification for outsourced work (000 L1374-1406,
 * 000 L1408-1414, 000 L1416-1428, 001 L14860-14930, 001 L10899-10901). `clause` is the text pasted
 * into the specification (our wording of the sources' requirement).
 */
export interface SpecItem extends ChecklistItem {
  clause: string;
}

export const SPEC_ITEMS: readonly SpecItem[] = [
  {
    key: 'security_measures',
    section: '契約時',
    source: '000 L1398',
    ja: '作業に使用するソフトウェアのパッチ適用、セキュリティホール対策、不正プログラム対策、ファイル交換ソフト対策、アクセス制御対策、情報漏えい対策',
    en: 'Patching, vulnerability, malware, file-sharing software, access control and leak-prevention measures',
    clause:
      '受注者は、本業務に使用するソフトウェアのパッチ適用、セキュリティホール対策、不正プログラム対策、ファイル交換ソフト対策、アクセス制御対策及び情報漏えい対策を講じること。',
  },
  {
    key: 'staff_education',
    section: '実施時',
    source: '000 L1402',
    ja: '契約期間中、作業担当者に情報セキュリティ教育を実施する',
    en: 'Security education of the staff during the contract',
    clause:
      '受注者は、契約期間中に、前項の対策に関する情報セキュリティ教育を本業務の作業担当者に実施し、その実施状況を報告すること。',
  },
  {
    key: 'information_management',
    section: '実施時',
    source: '000 L1404',
    ja: '当該業務に係る情報の管理状況の確認',
    en: 'Checks of how the work’s information is managed',
    clause:
      '受注者は、本業務に係る情報の管理状況について、発注者の求めに応じて報告し、発注者による確認を受けること。',
  },
  {
    key: 'compliance_check',
    section: '実施時・納品時',
    source: '000 L1386',
    ja: '情報セキュリティ対策の体制整備と履行状況の確認、不十分な場合の対策',
    en: 'Security organisation and performance checked during the contract and at delivery; remedies when insufficient',
    clause:
      '受注者は、情報セキュリティ対策の実施体制を整備し、契約履行期間中及び納品時に発注者が行う履行状況の確認に応じること。履行状況が不十分であった場合は、発注者と協議の上、必要な対策を速やかに講じること。',
  },
  {
    key: 'isms_certificate',
    section: '応札条件',
    source: '000 L1408',
    ja: '情報セキュリティマネジメントシステム（ISMS）適合性評価制度に基づく認証の取得（情報セキュリティ上重要な案件）',
    en: 'ISMS certification as a bidding condition (security-critical work)',
    clause:
      '応札者は、情報セキュリティマネジメントシステム（ISMS）適合性評価制度に基づく認証を取得していること。認証の登録番号及び有効期限を示す書類を提出すること。',
  },
  {
    key: 'security_section',
    section: '仕様書',
    source: '000 L1424',
    ja: '仕様書に「情報セキュリティに関する事項」を記載する',
    en: 'A section “matters of information security” in the specification',
    clause: '本仕様書の「情報セキュリティに関する事項」に定める事項を遵守すること。',
  },
  {
    key: 'go_jp_domain',
    section: 'ウェブサイト',
    source: '000 L1426',
    ja: 'Webサイトのドメインは「.go.jp」とする',
    en: 'Websites use a .go.jp domain',
    clause: '本業務で構築又は運用するウェブサイトのドメインは「.go.jp」とすること。',
  },
  {
    key: 'spf_record',
    section: 'ウェブサイト',
    source: '000 L1428',
    ja: 'なりすまし防止対策（SPFレコード）を設定する',
    en: 'Anti-spoofing: publish an SPF record',
    clause:
      '本業務で電子メールを送信するドメインには、なりすまし防止対策としてSPF（Sender Policy Framework）レコードを設定すること。',
  },
  {
    key: 'no_tracking',
    section: '納品物',
    source: '001 L14860',
    ja: '利用者個人の行動を追跡する機能（トラッキング）を不用意に組み込まない',
    en: 'No tracking of individual users in delivered contents',
    clause:
      '受注者は、納品するアプリケーション及びウェブコンテンツに、クッキー、端末識別番号、URL短縮サービス等を用いて利用者個人の行動を追跡する機能を組み込まないこと。利用者情報を収集し又は第三者に提供する機能を組み込む場合は、事前に発注者の承認を得ること。',
  },
  {
    key: 'no_advertising',
    section: '納品物',
    source: '001 L14888',
    ja: '政府機関提供コンテンツに広告を表示させる機能を埋め込まない（又は掲載要領に適合する広告のみ）',
    en: 'No advertising in delivered contents (or only ads conforming to the government banner rules)',
    clause:
      '受注者は、納品するアプリケーション及びウェブコンテンツに広告を表示させる機能を埋め込まないこと。ただし、発注者が認める場合は、「国のウェブサイトへのバナー広告掲載要領」に適合する広告のみを表示させること。',
  },
  {
    key: 'contractor_details',
    section: '委託先',
    source: '001 L14924',
    ja: '委託先事業者の所在地、設計・開発に係る者の所属、専門性（資格等）、実績及び国籍等の確認',
    en: 'Contractor’s location, and its developers’ affiliation, qualifications, track record and nationality',
    clause:
      '受注者は、受注者の所在地並びに本業務の設計・開発に従事する者の所属、専門性（資格等）、実績及び国籍に関する情報を発注者に提出すること。',
  },
  {
    key: 'subcontractor_details',
    section: '再委託',
    source: '001 L14928',
    ja: '再委託先の会社名、代表者名、所在地及び主な出資者等の確認',
    en: 'Subcontractors’ company name, representative, location and main shareholders',
    clause:
      '受注者は、本業務の一部を再委託する場合は、あらかじめ再委託先の会社名、代表者名、所在地及び主な出資者を発注者に提出し、承認を得ること。',
  },
  {
    key: 'capital_and_officers',
    section: '調達時',
    source: '001 L10899',
    ja: '資本関係・役員等の情報や委託事業従事者の国籍等に関する情報の提供（遵守事項 4.1.1(2)(a)）',
    en: 'Capital relations, officers and the staff’s nationality (4.1.1(2)(a))',
    clause:
      '受注者は、資本関係・役員等の情報、本業務の実施場所並びに本業務に従事する者の所属、専門性（資格等）、実績及び国籍に関する情報を発注者に提供すること。',
  },
];

export const CHECK_PHASES = ['contract', 'during', 'delivery'] as const;
export type CheckPhase = (typeof CHECK_PHASES)[number];

/** What the office checks at contract, during the work and at delivery (000 L1374-1406). */
export const CONTRACT_CHECKS: Record<CheckPhase, readonly ChecklistItem[]> = {
  contract: [
    {
      key: 'spec_section',
      section: '契約時',
      source: '000 L1376',
      ja: '調達仕様書に情報セキュリティ対策の遵守事項が記載されている',
      en: 'The specification states the security requirements',
    },
    {
      key: 'isms',
      section: '契約時',
      source: '000 L1408',
      ja: 'ISMS認証の取得（登録番号・有効期限）を確認した',
      en: 'ISMS certificate (number, expiry) checked',
    },
    {
      key: 'contractor_details',
      section: '契約時',
      source: '001 L14924',
      ja: '委託先の所在地、従事者の所属・専門性（資格等）・実績・国籍等を確認した',
      en: 'Contractor location and staff affiliation, qualifications, record, nationality checked',
    },
    {
      key: 'capital',
      section: '契約時',
      source: '001 L10899',
      ja: '資本関係・役員等の情報の提供を受けた',
      en: 'Capital relations and officers received',
    },
    {
      key: 'subcontractors',
      section: '契約時',
      source: '001 L14928',
      ja: '再委託先の会社名・代表者名・所在地・主な出資者を確認した（再委託がない場合は該当なし）',
      en: 'Subcontractors’ name, representative, location, shareholders checked (n/a without subcontracting)',
    },
  ],
  during: [
    {
      key: 'measures',
      section: '実施時',
      source: '000 L1398',
      ja: 'パッチ適用、セキュリティホール対策、不正プログラム対策、ファイル交換ソフト対策、アクセス制御対策、情報漏えい対策の実施状況を確認した',
      en: 'Patching, vulnerability, malware, file-sharing, access-control and leak measures checked',
    },
    {
      key: 'education',
      section: '実施時',
      source: '000 L1402',
      ja: '作業担当者への情報セキュリティ教育の実施を確認した',
      en: 'Security education of the staff checked',
    },
    {
      key: 'information',
      section: '実施時',
      source: '000 L1404',
      ja: '業務に係る情報の管理状況を確認した',
      en: 'Management of the work’s information checked',
    },
  ],
  delivery: [
    {
      key: 'performance',
      section: '納品時',
      source: '000 L1394',
      ja: '情報セキュリティ対策の履行状況を確認した',
      en: 'Performance of the security measures checked',
    },
    {
      key: 'no_tracking',
      section: '納品時',
      source: '001 L14860',
      ja: '納品物に利用者個人の行動を追跡する機能が組み込まれていない',
      en: 'No user tracking in the delivered contents',
    },
    {
      key: 'no_advertising',
      section: '納品時',
      source: '001 L14888',
      ja: '納品物に広告を表示させる機能が埋め込まれていない（又は掲載要領に適合）',
      en: 'No advertising in the delivered contents (or conforming ads only)',
    },
    {
      key: 'no_malicious',
      section: '納品時',
      source: '001 L14916',
      ja: '不正プログラムを含む不適切なプログラムが組み込まれていないことを確認した',
      en: 'No malicious or inappropriate program included',
    },
  ],
};
