// Realistic self-check answers, from a seeded PRNG: most staff implement everything; per item a
// small, item-specific share does not (0.5-8 %); 該当なし ~3 % on average, concentrated on the few
// items that only some people have a duty for; some divisions weaker than others.

/** Option positions of DEFAULT_ANSWER_OPTIONS: 実施 / 一部未実施 / 未実施 / 該当なし. */
export const OPTION_KEYS = ['implemented', 'partial', 'not_implemented', 'not_applicable'] as const;
const [IMPLEMENTED, PARTIAL, NOT_IMPLEMENTED, NOT_APPLICABLE] = [0, 1, 2, 3] as const;

/** Share of people who implement every item they have a duty for (their failures are 0). */
const CLEAN = 0.75;

export interface AnswerModel {
  /** Per campaign item: share of duty-holders not implementing it (0.005-0.08, skewed low). */
  failP: number[];
  /** Per campaign item: share answering 該当なし. */
  naP: number[];
}

export function answerModel(rng: () => number, itemCount: number): AnswerModel {
  const failP: number[] = [];
  const naP: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    failP.push(0.005 + rng() ** 3 * 0.075);
    // One item in seven concerns duties only some have (mobile devices, external services…).
    naP.push(rng() < 0.15 ? 0.08 + rng() * 0.12 : 0.002 + rng() * 0.015);
  }
  return { failP, naP };
}

/**
 * One person's answers to the items at `idxs` (option positions). `unitFactor` (0.5-1.7) scales
 * failures by division; the CLEAN share never fails, so the others fail more, keeping each item's
 * overall share at failP × unitFactor.
 */
export function drawAnswers(
  rng: () => number,
  model: AnswerModel,
  idxs: readonly number[],
  unitFactor: number,
): number[] {
  const clean = rng() < CLEAN;
  return idxs.map((i) => {
    if (rng() < model.naP[i]!) return NOT_APPLICABLE;
    const fail = clean ? 0 : Math.min(0.9, (model.failP[i]! * unitFactor) / (1 - CLEAN));
    const x = rng();
    return x < fail * 0.6 ? PARTIAL : x < fail ? NOT_IMPLEMENTED : IMPLEMENTED;
  });
}
