import type { Locale } from '../modules/accounts/schema.js';

/**
 * One error type with stable codes. Domain code throws AppError; the HTTP layer alone maps it to a
 * status and an RFC 9457 problem+json body in the caller's language.
 */
export const ERRORS = {
  validation_failed: { status: 400, ja: '入力内容に誤りがあります。', en: 'The request is invalid.' },
  bad_request: { status: 400, ja: 'リクエストを処理できません。', en: 'The request cannot be processed.' },
  unauthenticated: { status: 401, ja: 'ログインしてください。', en: 'Please log in.' },
  session_expired: {
    status: 401,
    ja: 'セッションの有効期限が切れました。再度ログインしてください。',
    en: 'Your session has expired. Please log in again.',
  },
  invalid_credentials: {
    status: 401,
    ja: 'ログインIDまたはパスワードが正しくありません。',
    en: 'The login ID or password is incorrect.',
  },
  totp_required: {
    status: 401,
    ja: '確認コード（二要素認証）を入力してください。',
    en: 'Enter your verification code (two-factor authentication).',
  },
  totp_invalid: {
    status: 401,
    ja: '確認コードが正しくありません。',
    en: 'The verification code is incorrect.',
  },
  account_disabled: {
    status: 403,
    ja: 'このアカウントは無効になっています。管理者に連絡してください。',
    en: 'This account is disabled. Contact your administrator.',
  },
  password_change_required: {
    status: 403,
    ja: 'パスワードを変更してから操作してください。',
    en: 'Change your password before continuing.',
  },
  password_too_weak: {
    status: 400,
    ja: 'パスワードは12文字以上で、ログインIDと異なるものにしてください。',
    en: 'The password must have at least 12 characters and differ from the login ID.',
  },
  csrf_failed: {
    status: 403,
    ja: '不正なリクエストとして拒否しました（CSRF トークンがありません）。画面を再読み込みしてください。',
    en: 'Request refused: missing or wrong CSRF token. Reload the page.',
  },
  forbidden: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  account_outranks: {
    status: 403,
    ja: '自分より多くの権限を持つ職員のアカウントは操作できません。',
    en: 'You cannot act on the account of someone who holds permissions you lack.',
  },
  token_scope: {
    status: 403,
    ja: 'この API トークンには、この操作の権限が含まれていません。',
    en: 'This API token does not include the permission for this operation.',
  },
  not_found: {
    status: 404,
    ja: '対象が見つからないか、閲覧する権限がありません。',
    en: 'Not found, or you are not allowed to see it.',
  },
  conflict: {
    status: 409,
    ja: '既に存在するか、他の変更と競合しています。',
    en: 'It already exists or conflicts with another change.',
  },
  invalid_state: {
    status: 409,
    ja: '現在の状態ではこの操作はできません。',
    en: 'This operation is not possible in the current state.',
  },
  plan_not_approved: {
    status: 409,
    ja: '自己点検計画が最高情報セキュリティ責任者に承認されていないため、開始できません。',
    en: 'The self-check plan has not been approved by the CISO, so the campaign cannot open.',
  },
  sample_too_large: {
    status: 422,
    ja: '抽出数が母集団より多い区分があります。',
    en: 'A sample is larger than its population.',
  },
  handling_prohibited: {
    status: 422,
    ja: 'この情報の取扱いは禁止されています。',
    en: 'This handling of the information is prohibited.',
  },
  no_approver: {
    status: 422,
    ja: '許可・届出の相手となる役割の担当者がいません。管理者に役割の割当てを依頼してください。',
    en: 'Nobody holds the role that must approve or be notified. Ask an administrator to assign it.',
  },
  policy_read_only: {
    status: 409,
    ja: 'Mamoru 同梱の格付ポリシーは変更できません。複製してから編集してください。',
    en: 'A classification policy shipped with Mamoru cannot be changed. Copy it and edit the copy.',
  },
  probe_not_opted_in: {
    status: 409,
    ja: 'このホストは計測（プローブ）の対象として同意されていません。台帳で計測を許可してください。',
    en: 'This host has not been opted in to probes. Allow probing in the ledger first.',
  },
  probe_port_not_allowed: {
    status: 409,
    ja: 'このポートは台帳で計測を許可されたポートではありません。',
    en: 'This port is not among the ports the ledger allows to be probed.',
  },
  probe_no_target: {
    status: 409,
    ja: '台帳のホストに計測先（アドレスまたはドメイン）がありません。',
    en: 'The ledger host has no address or domain to probe.',
  },
  probe_rate_limited: {
    status: 429,
    ja: 'このホストは最近計測されたばかりです。しばらくしてから再度お試しください。',
    en: 'This host was probed recently. Try again later.',
  },
  payload_too_large: { status: 413, ja: 'データが大きすぎます。', en: 'The request body is too large.' },
  uri_too_long: {
    status: 414,
    ja: 'URL が長すぎます（ID などの部分が長すぎます）。',
    en: 'The URL is too long (a part such as an ID is too long).',
  },
  unsupported_media_type: {
    status: 415,
    ja: 'この形式のデータは受け付けられません。',
    en: 'This content type is not supported.',
  },
  common_items_missing: {
    status: 422,
    ja: '中央機関が指定した共通項目が自己点検に含まれていません。',
    en: 'The self-check lacks items the central body designated as common.',
  },
  statement_incomplete: {
    status: 422,
    ja: '中央機関への報告事項に未記入の項目があります。',
    en: 'Some items of the statement to the central body are not written yet.',
  },
  import_invalid: {
    status: 422,
    ja: '取り込みファイルに誤りがあります。何も取り込んでいません。',
    en: 'The import file has errors. Nothing was imported.',
  },
  rate_limited: {
    status: 429,
    ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。',
    en: 'Too many requests. Try again later.',
  },
  unavailable: {
    status: 503,
    ja: '一時的に処理できません。しばらくしてから再度お試しください。',
    en: 'Temporarily unavailable. Try again shortly.',
  },
  internal: {
    status: 500,
    ja: 'サーバーで予期しないエラーが発生しました。',
    en: 'An unexpected server error occurred.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  /** Where the problem is: "body.email", "query.page", or "line 4, column email" for files. */
  path: string;
  message: string;
  /** For file imports: the line (1 = header) and column name. */
  line?: number;
  column?: string;
}

/** A field error whose message is chosen when the response's language is known. */
export type LocalizedFieldError = Omit<FieldError, 'message'> & {
  message: string | { ja: string; en: string };
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: { ja: string; en: string } | undefined;
  readonly errors: LocalizedFieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      detail?: { ja: string; en: string };
      errors?: LocalizedFieldError[];
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(`${code}${opts.detail ? `: ${opts.detail.en}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.extra = opts.extra;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function toProblem(err: AppError, locale: Locale, instance?: string): Problem {
  const def = ERRORS[err.code];
  return {
    ...err.extra,
    type: `https://mamoru.invalid/problems/${err.code}`,
    title: def[locale],
    status: def.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail[locale] } : {}),
    ...(instance ? { instance } : {}),
    ...(err.errors
      ? {
          errors: err.errors.map((e) => ({
            ...e,
            message: typeof e.message === 'string' ? e.message : e.message[locale],
          })),
        }
      : {}),
  };
}

/** A file's row-level problems as one 422 "import_invalid": every error with its line and column. */
export function importInvalid(
  errors: { line: number; column: string; reason: { ja: string; en: string } }[],
): AppError {
  return new AppError('import_invalid', {
    errors: errors.slice(0, 1000).map((e) => ({
      path: e.line <= 1 ? `header, column ${e.column}` : `line ${e.line}, column ${e.column}`,
      line: e.line,
      column: e.column,
      message: e.reason,
    })),
    extra: { errorCount: errors.length },
  });
}
