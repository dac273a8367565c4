import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { TIME_ZONE } from '../../lib/dates.js';
import { defineJob, enqueue } from '../../server/jobs/queue.js';

// An administrator's action on an account is mailed to its holder, so a takeover or a lockout done in
// their name does not go unnoticed. Queued in the action's own transaction; sent by the job worker.

export const ACCOUNT_NOTICES = [
  'created',
  'password_reset',
  'totp_reset',
  'throttle_cleared',
  'disabled',
  'enabled',
] as const;
export type AccountNotice = (typeof ACCOUNT_NOTICES)[number];

const WHAT: Record<AccountNotice, { ja: string; en: string }> = {
  created: { ja: 'あなたのログインアカウントが作成されました', en: 'a login account was created for you' },
  password_reset: {
    ja: 'あなたのパスワードが管理者によって再設定されました',
    en: 'your password was reset by an administrator',
  },
  totp_reset: {
    ja: 'あなたの二要素認証（確認コード）の設定が管理者によって解除されました',
    en: 'your two-factor authentication was turned off by an administrator',
  },
  throttle_cleared: {
    ja: 'あなたのアカウントのログイン制限（失敗の続いた接続元の待機）が管理者によって解除されました',
    en: 'the login throttle on your account was cleared by an administrator',
  },
  disabled: { ja: 'あなたのアカウントが無効にされました', en: 'your account was disabled' },
  enabled: { ja: 'あなたのアカウントが再び有効にされました', en: 'your account was enabled again' },
};

export interface NoticeInput {
  kind: AccountNotice;
  name: string;
  login: string;
  /** Who did it: their login. */
  by: string;
  at: string;
}

export function accountNoticeMail(n: NoticeInput, url: string) {
  const at = format(new TZDate(new Date(n.at), TIME_ZONE), 'yyyy-MM-dd HH:mm');
  const what = WHAT[n.kind];
  return {
    subject: `【Mamoru】アカウントの変更のお知らせ / Your account was changed`,
    text: [
      `${n.name} 様`,
      '',
      `${at}（日本時間）、${what.ja}。`,
      `ログインID: ${n.login}`,
      `操作者: ${n.by}`,
      '',
      '心当たりがない場合は、直ちに情報セキュリティ担当（統括情報セキュリティ責任者）に連絡してください。',
      url,
      '',
      '---',
      `On ${at} (Japan time), ${what.en}.`,
      `Login: ${n.login} — done by: ${n.by}`,
      'If you did not expect this, tell your information security office at once.',
      url,
    ].join('\n'),
  };
}

const NoticePayload = z.object({
  to: z.string().min(1),
  kind: z.enum(ACCOUNT_NOTICES),
  name: z.string(),
  login: z.string(),
  by: z.string(),
  at: z.string(),
});

export const accountNoticeJob = defineJob({
  name: 'accounts.notice',
  payload: NoticePayload,
  maxAttempts: 5,
  handler: async (ctx, p) => {
    await ctx.env.mailer.send({ to: p.to, ...accountNoticeMail(p, ctx.config.publicUrl) });
  },
});

/**
 * Queues the notice in the caller's transaction. Returns what the audit event records: `queued`, or
 * `no_email` when the person has no address on file (nothing is sent then).
 */
export async function queueAccountNotice(
  tx: Db,
  person: { email: string | null; name: string },
  n: Omit<NoticeInput, 'name' | 'at'>,
): Promise<'queued' | 'no_email'> {
  if (!person.email) return 'no_email';
  await enqueue(tx, accountNoticeJob, {
    ...n,
    to: person.email,
    name: person.name,
    at: new Date().toISOString(),
  });
  return 'queued';
}

export const MODULE_JOBS = [accountNoticeJob];
