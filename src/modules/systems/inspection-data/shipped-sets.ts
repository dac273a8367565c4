import type { HostRole } from '../schema.js';

// The focused-inspection (重点検査) item sets as the sources publish them, transcribed item by item,
// each citing its line in /work/shared/seeds (000 = 平成23年度報告, 001 = 2013年度年次報告,
// 002 = 内閣府報告, 003 = 平成23年度年次報告). Agencies copy one and edit or extend it; NISC adds
// items by notice (001 L14602-14608), which is why a set is data and not code.

/**
 * What a probe can tell about an item. `tls.*` reads TlsProbeResult, `http.*` HttpProbeResult,
 * `mail.*` MailProbeResult (src/modules/systems/probe/types.ts).
 */
export const PROBE_CHECKS = [
  'tls.sslv2_disabled',
  'tls.ssl_disabled',
  'tls.no_weak_ciphers',
  'tls.certificate_sound',
  'http.https_redirect',
  'http.hsts',
  'http.no_version_disclosure',
  'mail.spf_published',
  'mail.spf_hard_fail',
  'mail.dmarc_enforced',
] as const;
export type ProbeCheck = (typeof PROBE_CHECKS)[number];

export interface InspectionItem {
  /** Stable within its set: answers refer to it. */
  key: string;
  /** 対策の種類 (the group the sources list the item under). */
  category: string;
  titleJa: string;
  titleEn: string;
  /** Where the item comes from: a seed line ("000 L1178"), a notice, or the agency. */
  source: string;
  /** Filled from the host's latest probe run when set. */
  probe?: ProbeCheck | null;
}

export interface ShippedItemSet {
  key: string;
  role: HostRole;
  nameJa: string;
  nameEn: string;
  source: string;
  items: InspectionItem[];
}

/** 表６ (000 L1173-1195) with its DoS item in the four sub-items of 表３ (003 L731-772). */
const web: ShippedItemSet = {
  key: 'web',
  role: 'web',
  nameJa: '公開ウェブサーバの重点検査項目',
  nameEn: 'Focused inspection items for public web servers',
  source: '000 L1173-1195, 003 L731-772',
  items: [
    {
      key: 'https.sslv2',
      category: 'HTTPS 通信対応',
      titleJa: 'SSL バージョン 2の無効化状況',
      titleEn: 'SSL version 2 is disabled',
      source: '000 L1178, 003 L741',
      probe: 'tls.sslv2_disabled',
    },
    {
      key: 'https.weak_ciphers',
      category: 'HTTPS 通信対応',
      titleJa: 'SSL 通信で弱い暗号方式の無効化状況',
      titleEn: 'Weak cipher suites are disabled for SSL/TLS',
      source: '000 L1180, 003 L743',
      probe: 'tls.no_weak_ciphers',
    },
    {
      key: 'dos.device_functions',
      category: 'DoS 攻撃等対策',
      titleJa: '電子計算機及び通信回線装置が装備している機能を使用した DoS 攻撃への対応状況',
      titleEn: 'DoS attacks are countered with the functions the computers and network devices provide',
      source: '000 L1183-1185, 003 L753-755',
    },
    {
      key: 'dos.impact',
      category: 'DoS 攻撃等対策',
      titleJa: 'DoS 攻撃を受けた場合、影響最小化への対応状況',
      titleEn: 'The impact of a DoS attack is kept to a minimum',
      source: '003 L757',
    },
    {
      key: 'dos.monitoring',
      category: 'DoS 攻撃等対策',
      titleJa: 'DoS 攻撃に関する監視対象の特定と、監視方法及び監視記録の保存期間策定への対応状況',
      titleEn: 'What to monitor for DoS attacks, how, and how long the records are kept are defined',
      source: '003 L759-761',
    },
    {
      key: 'dos.procedure',
      category: 'DoS 攻撃等対策',
      titleJa: 'DoS 攻撃発生時の対処手順や連絡体制整備の対応状況',
      titleEn: 'Response procedures and contacts for a DoS attack are in place',
      source: '003 L763-764',
    },
    {
      key: 'update.os',
      category: 'OS の最新化',
      titleJa: 'OS の最新化の状況（パッチ適用（アップデート）の状況）',
      titleEn: 'The operating system is up to date (patches applied)',
      source: '000 L1187, 003 L770-772',
    },
    {
      key: 'update.app',
      category: 'アプリケーションの最新化',
      titleJa: 'ウェブサーバアプリケーションの最新化の状況（パッチ適用（アップデート）の状況）',
      titleEn: 'The web server application is up to date (patches applied)',
      source: '000 L1189-1195, 003 L770-772',
    },
  ],
};

/** 表７ (000 L1199-1211) and the SPF measure the results name (000 L1229). */
const mail: ShippedItemSet = {
  key: 'mail',
  role: 'mail',
  nameJa: '電子メールサーバの重点検査項目',
  nameEn: 'Focused inspection items for mail servers',
  source: '000 L1199-1229',
  items: [
    {
      key: 'update.os',
      category: 'OS の最新化',
      titleJa: 'OS の最新化の状況（パッチ適用（アップデート）の状況）',
      titleEn: 'The operating system is up to date (patches applied)',
      source: '000 L1203',
    },
    {
      key: 'update.app',
      category: 'アプリケーションの最新化',
      titleJa: '電子メールサーバアプリケーションの最新化の状況（パッチ適用（アップデート）の状況）',
      titleEn: 'The mail server application is up to date (patches applied)',
      source: '000 L1205-1211',
    },
    {
      key: 'spf',
      category: 'SPF 認証対応',
      titleJa: 'SPF 認証対応（送信ドメイン認証の SPF レコードの公開）',
      titleEn: 'SPF sender authentication (an SPF record is published)',
      source: '000 L1229',
      probe: 'mail.spf_published',
    },
  ],
};

// 002 L597-601 lists what the Cabinet Office checked on its web, mail and DNS servers; 002 L60-66 and
// L494-504 report terminals and DNS servers inspected under the same heading (５．(2)).
const malware = {
  key: 'malware',
  category: '不正プログラム対策',
  titleJa: '不正プログラム対策（最新のアンチウイルスソフトウェア等の導入状況）',
  titleEn: 'Malware protection (up-to-date anti-virus software installed)',
  source: '002 L597-599',
};
const mailEncryption = {
  key: 'mail_encryption',
  category: '情報保護対策',
  titleJa: '情報保護対策（電子メール利用時の通信の暗号化機能の導入状況）',
  titleEn: 'Information protection (mail traffic is encrypted)',
  source: '002 L599-601',
};

const dns: ShippedItemSet = {
  key: 'dns',
  role: 'dns',
  nameJa: 'DNS サーバの対策項目',
  nameEn: 'Measures for DNS servers',
  source: '002 L60-66, L494-504, L597-601, 003 L713-715',
  items: [
    malware,
    {
      key: 'unauthorized_access',
      category: '不正アクセス対策',
      titleJa: '不正アクセス対策の状況',
      titleEn: 'Protection against unauthorized access',
      source: '003 L713-715',
    },
    {
      key: 'server_management',
      category: 'サーバ管理',
      titleJa: 'サーバ管理に関する状況',
      titleEn: 'Server administration',
      source: '003 L713-715',
    },
  ],
};

const terminal: ShippedItemSet = {
  key: 'terminal',
  role: 'terminal',
  nameJa: '端末の対策項目',
  nameEn: 'Measures for terminals',
  source: '002 L60-66, L597-601, 001 L14596-14608',
  items: [
    malware,
    mailEncryption,
    {
      // Added by NISC notice as an extra inspection item (001 L14602-14608).
      key: 'eos.xp_office2003_ie6',
      category: '情報セキュリティ上のトピックのうち重要性が見込まれる事項',
      titleJa: 'Windows XP、Office 2003、Internet Explorer 6 の利用状況とサポート終了に向けた対応計画',
      titleEn:
        'Use of Windows XP, Office 2003 and Internet Explorer 6, and the plan for their end of support',
      source: '001 L14596-14608',
    },
  ],
};

/** 図表Ⅱ-２-５, FY2013 national items, reference date 2013-11-01 (001 L2961-3070). */
export const FY2013_REFERENCE_DATE = '2013-11-01';

const fy2013Web: ShippedItemSet = {
  key: 'fy2013-web',
  role: 'web',
  nameJa: '2013年度重点検査（公開ウェブサーバ）',
  nameEn: 'FY2013 focused inspection (public web servers)',
  source: '001 L2961-3012',
  items: [
    {
      key: 'tampering',
      category: '公開ウェブサーバ',
      titleJa: '公開ウェブサイトが改ざんされる可能性についての確認状況',
      titleEn: 'Whether the public web site could be tampered with has been checked',
      source: '001 L2988-2990',
    },
    {
      key: 'sql_injection',
      category: '公開ウェブサーバ',
      titleJa: 'SQLインジェクション脆弱性がある可能性についての確認状況',
      titleEn: 'Whether the site could have SQL injection vulnerabilities has been checked',
      source: '001 L3002-3004',
    },
  ],
};

const fy2013Mail: ShippedItemSet = {
  key: 'fy2013-mail',
  role: 'mail',
  nameJa: '2013年度重点検査（電子メール）',
  nameEn: 'FY2013 focused inspection (mail)',
  source: '001 L2961-2975, L3014-3023',
  items: [
    {
      key: 'sender_auth',
      category: '電子メール',
      titleJa: '電子メールの受信側における送信ドメイン認証技術の導入状況',
      titleEn: 'Sender domain authentication is used on receiving mail',
      source: '001 L3015-3017',
      probe: 'mail.spf_published',
    },
  ],
};

const fy2013Mfp: ShippedItemSet = {
  key: 'fy2013-mfp',
  role: 'mfp',
  nameJa: '2013年度重点検査（複合機）',
  nameEn: 'FY2013 focused inspection (multifunction printers)',
  source: '001 L2961-2975, L3025-3034',
  items: [
    {
      key: 'outside_access',
      category: '複合機',
      titleJa: '府省庁管理外のネットワークからの直接アクセスに係る複合機の対策状況',
      titleEn: 'The printer is protected from direct access from networks the agency does not manage',
      source: '001 L3026-3028',
    },
  ],
};

export const SHIPPED_SETS: readonly ShippedItemSet[] = [
  web,
  mail,
  dns,
  terminal,
  fy2013Web,
  fy2013Mail,
  fy2013Mfp,
];

export function shippedSet(key: string): ShippedItemSet | undefined {
  return SHIPPED_SETS.find((s) => s.key === key);
}
