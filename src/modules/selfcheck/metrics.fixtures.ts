// Shared builders for the metrics engine's tests (metrics*.test.ts).
import {
  type Answer,
  createMetricsAccumulator,
  type Figures,
  type MemberInput,
  type MetricsOptions,
  type MetricsResult,
} from './metrics.js';

export const [I, N, X] = ['implemented', 'not_implemented', 'no_duty'] as const;

export function member(answers: Record<string, Answer>, over: Partial<MemberInput> = {}): MemberInput {
  return {
    group: 'staff',
    role: '行政事務従事者',
    unitPath: [],
    inScope: true,
    submitted: true,
    answers: Object.entries(answers),
    ...over,
  };
}

/**
 * A crowd answering each item as [duty-holders, implemented, 該当なし]: person j answers 実施 if j < implemented,
 * 未実施 if j < duty, 該当なし after that, nothing beyond.
 */
export function crowd(
  spec: Record<string, [duty: number, implemented: number, noDuty?: number]>,
): MemberInput[] {
  const size = Math.max(...Object.values(spec).map(([duty, , na = 0]) => duty + na));
  return Array.from({ length: size }, (_, j) => {
    const answers: Record<string, Answer> = {};
    for (const [item, [duty, implemented, na = 0]] of Object.entries(spec))
      if (j < duty + na) answers[item] = j < implemented ? I : j < duty ? N : X;
    return member(answers);
  });
}

export function run(members: MemberInput[], opts: MetricsOptions = {}): MetricsResult {
  const acc = createMetricsAccumulator(opts);
  for (const m of members) acc.addMember(m);
  return acc.result();
}

export const headline = (f: Figures) => ({
  inScope: f.inScope,
  captured: f.captured,
  coverage: f.coverage,
  implementation: f.implementation,
  attainment: f.attainment,
});
export const rates = (f: Figures) => f.items.map((it) => [it.item, it.duty, it.implemented, it.rate]);
export const nulls = { '100': null, '95': null, '90': null };
