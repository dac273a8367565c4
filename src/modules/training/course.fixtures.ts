// Test fixtures for training courses (used by the module's tests; no test runner imports here).
/** The test client's shape (src/test/app.ts), restated so the build does not pull in the test harness. */
interface Client {
  post(url: string, payload?: unknown): Promise<Res>;
  request(opts: { method: 'PUT'; url: string; payload: object }): Promise<Res>;
}
interface Res {
  statusCode: number;
  body: string;
  json(): { id: string };
}

function ok(res: { statusCode: number; body: string }, status: number) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}

/** A published course with `n` single-choice questions whose right answer is always choice "a". */
export async function buildPublishedCourse(
  admin: Client,
  opts: {
    n?: number;
    perfect?: boolean;
    passMark?: number;
    questionsPerAttempt?: number | null;
    shuffle?: boolean;
  } = {},
) {
  const n = opts.n ?? 10;
  const created = await admin.post('/api/v1/training/courses', {
    title: 'テスト研修',
    passMark: opts.passMark ?? 80,
    perfectScoreRequired: opts.perfect ?? false,
    questionsPerAttempt: opts.questionsPerAttempt ?? null,
    shuffle: opts.shuffle ?? true,
  });
  ok(created, 201);
  const id = created.json().id as string;
  const content = await admin.request({
    method: 'PUT',
    url: `/api/v1/training/courses/${id}/content`,
    payload: {
      pages: [
        {
          title: '1ページ目',
          body: '本文 **強調**',
          videos: [{ title: '紹介動画', url: 'https://video.example.jp/1' }],
        },
      ],
      questions: Array.from({ length: n }, (_, i) => ({
        kind: i % 3 === 2 ? 'multiple' : 'single',
        text: `問題${i + 1}`,
        choices:
          i % 3 === 2
            ? [
                { text: '正1', correct: true },
                { text: '誤', correct: false },
                { text: '正2', correct: true },
              ]
            : [
                { text: '正', correct: true },
                { text: '誤1', correct: false },
                { text: '誤2', correct: false },
              ],
        explanation: `解説${i + 1}`,
      })),
    },
  });
  ok(content, 200);
  const pub = await admin.post(`/api/v1/training/courses/${id}/transition`, { to: 'published' });
  ok(pub, 200);
  return id;
}

/** The right choices of a served question in the fixture course: "a" (and "c" for multiple-choice ones). */
export function rightChoices(q: { kind: string }) {
  return q.kind === 'multiple' ? ['a', 'c'] : ['a'];
}

/** Answers to a served attempt, `wrong` of them wrong. */
export function answersFor(questions: { questionId: string; kind: string }[], wrong = 0) {
  return questions.map((q, i) => ({
    questionId: q.questionId,
    choiceIds: i < wrong ? ['b'] : rightChoices(q),
  }));
}
