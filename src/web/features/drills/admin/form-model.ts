import type { Drill, DrillIn } from '../types.js';

/** A datetime-local value ("2026-11-24T09:00") read as Japan time, as an ISO timestamp with offset. */
export function jstLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return `${local}:00+09:00`;
}

/** An ISO timestamp as a datetime-local value in Japan time (the agencies' working time). */
export function isoToJstLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return d.toISOString().slice(0, 16);
}

export interface SurveyDraft {
  id: string;
  text: string;
  options: string[];
}

export type DrillForm = Omit<DrillIn, 'startAt' | 'survey'> & { startAt: string; survey: SurveyDraft[] };

export const DEFAULT_TRAINING = `## これは訓練です

このメールは、情報セキュリティ担当が送った**標的型メール訓練**のメールでした。

### 見分けるポイント
- 差出人の名前とアドレスが一致しているか
- 開封を急がせる件名・本文ではないか
- リンクの表示と実際の行き先（URL）が違わないか
- 心当たりのない添付ファイルではないか

### 不審なメールを受け取ったら
開かずに、情報セキュリティ担当（CSIRT）へ報告してください。`;

export function emptyForm(): DrillForm {
  return {
    title: '',
    variant: 'standard',
    announced: false,
    senderName: '',
    senderAddress: '',
    subject: '',
    body: '{{name}} 様\n\n下記の資料をご確認ください。\n{{url}}\n',
    lureKind: 'link',
    attachmentName: null,
    benignSubject: null,
    benignBody: null,
    lureDelayHours: 48,
    trainingContent: DEFAULT_TRAINING,
    survey: [
      {
        id: 'q1',
        text: 'なぜこのメールを開きましたか？',
        options: ['業務に関係があると思った', '差出人を知っていると思った', '件名が気になった', 'その他'],
      },
    ],
    targetUnitIds: [],
    targetRoleKeys: [],
    samplePercent: 100,
    startAt: '',
    windowStart: '09:00',
    windowEnd: '18:00',
    ratePerSecond: 20,
    scannerWindowSeconds: 10,
  };
}

export function formOf(d: Drill): DrillForm {
  return {
    title: d.title,
    variant: d.variant,
    announced: d.announced,
    senderName: d.senderName,
    senderAddress: d.senderAddress,
    subject: d.subject,
    body: d.body,
    lureKind: d.lureKind,
    attachmentName: d.attachmentName,
    benignSubject: d.benignSubject,
    benignBody: d.benignBody,
    lureDelayHours: d.lureDelayHours,
    trainingContent: d.trainingContent,
    survey: d.survey.map((q) => ({ ...q, options: [...q.options] })),
    targetUnitIds: d.targetUnitIds,
    targetRoleKeys: d.targetRoleKeys,
    samplePercent: d.samplePercent,
    sampleSeed: d.sampleSeed,
    startAt: isoToJstLocal(d.startAt),
    windowStart: d.windowStart,
    windowEnd: d.windowEnd,
    ratePerSecond: d.ratePerSecond,
    scannerWindowSeconds: d.scannerWindowSeconds,
    followUpCourseId: d.followUpCourseId,
  };
}

/** The request body: variant-only fields cleared when unused, empty survey questions dropped. */
export function bodyOf(f: DrillForm): DrillIn {
  const exchange = f.variant === 'exchange';
  const attachment = f.lureKind === 'attachment';
  return {
    ...f,
    attachmentName: attachment ? f.attachmentName || null : null,
    benignSubject: exchange ? f.benignSubject || null : null,
    benignBody: exchange ? f.benignBody || null : null,
    startAt: jstLocalToIso(f.startAt),
    survey: f.survey
      .filter((q) => q.text.trim())
      .map((q) => ({
        id: q.id,
        text: q.text.trim(),
        options: q.options.map((o) => o.trim()).filter(Boolean),
      })),
  };
}

/** A survey question id not used yet (q1, q2, …). */
export function nextSurveyId(survey: readonly { id: string }[]): string {
  const used = new Set(survey.map((q) => q.id));
  let n = survey.length + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}
