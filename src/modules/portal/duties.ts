// Mamoru's own short summary of each standard role's duties — not the official text. The Cabinet Office
// publishes a 解説書 of the basic duties for every role (002 L628-643) and a summary by role for staff to
// look up (002 L652-662); the duties themselves follow its table of roles (002 L263-303).

export interface Duties {
  ja: string;
  en: string;
  /** Where the summary comes from. */
  source: string;
}

/** Keyed by the standard role name (roles.standardName), so a renamed role keeps its duties. */
export const STANDARD_DUTIES: Record<string, Duties> = {
  最高情報セキュリティ責任者: {
    ja: '府省庁の情報セキュリティ対策を総括する。体制を整え、年度の自己点検計画や監査計画を承認し、情報セキュリティ委員会の委員長を務める。',
    en: 'Has overall charge of the agency’s information security: sets up the organisation, approves the yearly self-check and audit plans, and chairs the security committee.',
    source: '002 L265-267, L374',
  },
  情報セキュリティ監査責任者: {
    ja: '情報セキュリティ監査の事務を統括する。年度の監査計画を作り、監査を行う者に指示する。',
    en: 'Directs security audits: draws up the yearly audit plan and instructs the auditors.',
    source: '002 L269-271',
  },
  統括情報セキュリティ責任者: {
    ja: '情報セキュリティ責任者を統括する。連絡体制と関係規程を整え、職員への情報セキュリティ教育を実施する。',
    en: 'Coordinates the security officers: maintains the contact network and the rules, and runs security training for staff.',
    source: '002 L273-275',
  },
  情報セキュリティ責任者: {
    ja: '所管する部局の対策を統括する。体制を整え、例外措置を許可し、自己点検票と実施手順を整備して自己点検を指示する。',
    en: 'Directs security in the bureau: sets up its organisation, approves exceptions, prepares the self-check sheets and procedures, and orders the self-check.',
    source: '002 L277-279',
  },
  課室情報セキュリティ責任者: {
    ja: '課室の対策を統括する。職員の情報の取扱いを判断し、情報システムの持出しや私物パソコンの業務利用などの許可・届出を受ける。',
    en: 'Directs security in the division: decides on staff’s handling of information and grants permission for, or receives notice of, taking systems out and using private PCs for work.',
    source: '002 L281-285',
  },
  情報システムセキュリティ責任者: {
    ja: '所管する情報システムごとの対策を統括する。持出しや私物パソコン利用の許可・届出、セキュリティ機能の設計、利用手順書の整備、安全区域の管理を行う。',
    en: 'Directs security of each information system: permissions for taking it out and private-PC use, design of security functions, user procedures and secure areas.',
    source: '002 L287-295',
  },
  情報システムセキュリティ管理者: {
    ja: '情報システムごとの対策を実施する。定められた手順と判断された事項に従って対策を行う。',
    en: 'Carries out the measures for each information system, following the set procedures and the decisions made.',
    source: '002 L297-303',
  },
  行政事務従事者: {
    ja: '職員の責務として、ポリシーと実施手順を守り、情報を格付して取り扱い、教育と自己点検を受け、不審なメールや事故に気付いたら直ちに報告する。',
    en: 'Every staff member follows the policy and procedures, classifies and handles information accordingly, takes training and the self-check, and reports suspicious mail or incidents at once.',
    source: '002 L634, L652-658',
  },
  最高情報セキュリティアドバイザー: {
    ja: '専門的な知見から最高情報セキュリティ責任者に助言する（情報セキュリティ委員会にオブザーバーとして出席できる）。',
    en: 'Advises the CISO from expert knowledge (may attend the security committee as an observer).',
    source: '002 L251-254, L382',
  },
};
