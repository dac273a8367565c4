// Mail of the register and of handling requests: Japanese first, then English (like selfcheck reminders).
// Every recipient is someone the visibility rule lets see the entry (confirmer, proposer, step approver).
import type { Ctx } from '../../server/context.js';
import { HANDLING_ACTION_NAMES, type HandlingAction } from './policy-model.js';
import type { Recipient } from './register-access.js';

export interface Mail {
  subject: string;
  text: string;
}

/** Sends to each recipient with an address; a refused message never undoes the change it reports. */
export async function sendAll(ctx: Pick<Ctx, 'env'>, to: Recipient[], mail: (r: Recipient) => Mail) {
  let sent = 0;
  for (const r of to) {
    if (!r.email) continue;
    try {
      await ctx.env.mailer.send({ to: r.email, ...mail(r) });
      sent++;
    } catch {
      // The change is committed; the screens show it whether or not the mail arrived.
    }
  }
  return sent;
}

interface EntryRef {
  title: string;
  marking: string | null;
}

const label = (e: EntryRef) => (e.marking ? `【${e.marking}】${e.title}` : e.title);

export function proposalMail(e: EntryRef, proposer: string, url: string, name: string): Mail {
  return {
    subject: `【情報の格付】確認依頼：${e.title} / Classification to confirm`,
    text: [
      `${name} 様`,
      '',
      `${proposer} さんが情報の格付を登録しました。妥当性を確認し、確認または修正指示をしてください。`,
      label(e),
      url,
      '',
      '---',
      `${proposer} proposed a classification. Please confirm it or return it with a correction: ${url}`,
    ].join('\n'),
  };
}

export function returnedMail(e: EntryRef, comment: string, url: string, name: string): Mail {
  return {
    subject: `【情報の格付】修正指示：${e.title} / Classification returned for correction`,
    text: [
      `${name} 様`,
      '',
      '登録した情報の格付について、課室長から修正の指示がありました。',
      label(e),
      `指示：${comment}`,
      url,
      '',
      '---',
      `Your classification was returned for correction: ${comment}`,
      url,
    ].join('\n'),
  };
}

export function confirmedMail(e: EntryRef, url: string, name: string): Mail {
  return {
    subject: `【情報の格付】確認済み：${e.title} / Classification confirmed`,
    text: [
      `${name} 様`,
      '',
      '登録した情報の格付が確認されました。',
      label(e),
      url,
      '',
      '---',
      `Confirmed: ${url}`,
    ].join('\n'),
  };
}

export function reviewDueMail(e: EntryRef & { reviewDueOn: string }, url: string, name: string): Mail {
  return {
    subject: `【情報の格付】見直し時期のお知らせ：${e.title} / Classification review due`,
    text: [
      `${name} 様`,
      '',
      `次の情報の格付の見直し時期（${e.reviewDueOn}）になりました。格付・取扱制限・アクセス範囲を見直してください。`,
      label(e),
      url,
      '',
      '---',
      `The classification is due for review (${e.reviewDueOn}). Please review its level, restrictions and access: ${url}`,
    ].join('\n'),
  };
}

interface RequestRef {
  action: HandlingAction;
  entry: EntryRef | null;
  requester: string;
  details: string;
}

const actionJa = (a: HandlingAction) => HANDLING_ACTION_NAMES[a].ja;
const actionEn = (a: HandlingAction) => HANDLING_ACTION_NAMES[a].en;

export function requestMail(
  r: RequestRef,
  kind: 'permission' | 'notification',
  url: string,
  name: string,
): Mail {
  const ja = kind === 'permission' ? '許可申請' : '届出';
  const en = kind === 'permission' ? 'Permission requested' : 'Notification';
  return {
    subject: `【${ja}】${actionJa(r.action)}${r.entry ? `：${r.entry.title}` : ''} / ${en}: ${actionEn(r.action)}`,
    text: [
      `${name} 様`,
      '',
      kind === 'permission'
        ? `${r.requester} さんから${actionJa(r.action)}の許可申請がありました。内容を確認し、許可または却下してください。`
        : `${r.requester} さんから${actionJa(r.action)}の届出がありました。`,
      ...(r.entry ? [label(r.entry)] : []),
      `内容：${r.details}`,
      url,
      '',
      '---',
      kind === 'permission'
        ? `${r.requester} asks for permission: ${actionEn(r.action)}. Please approve or reject: ${url}`
        : `${r.requester} notified you: ${actionEn(r.action)}. ${url}`,
    ].join('\n'),
  };
}

export function decisionMail(
  r: RequestRef,
  status: 'approved' | 'rejected' | 'expired',
  comment: string | null,
  url: string,
  name: string,
): Mail {
  const ja = { approved: '許可されました', rejected: '却下されました', expired: '有効期限が切れました' }[
    status
  ];
  const en = { approved: 'approved', rejected: 'rejected', expired: 'expired' }[status];
  return {
    subject: `【${actionJa(r.action)}】申請が${ja} / Request ${en}`,
    text: [
      `${name} 様`,
      '',
      `${actionJa(r.action)}の申請が${ja}。`,
      ...(r.entry ? [label(r.entry)] : []),
      ...(comment ? [`コメント：${comment}`] : []),
      ...(status === 'expired' ? ['引き続き必要な場合は、改めて申請してください。'] : []),
      url,
      '',
      '---',
      `Your request (${actionEn(r.action)}) was ${en}.${comment ? ` Comment: ${comment}` : ''} ${url}`,
    ].join('\n'),
  };
}
