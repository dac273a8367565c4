import { Select, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../app/types.js';

export type PlanValues = NonNullable<Campaign['plan']>;
const TEXTS = ['policy', 'scope', 'content', 'timing', 'evaluation'] as const;
const DEFINITIONS = ['nisc', 'meti', 'cabinet_office'] as const;

export const emptyPlan = (): PlanValues => ({
  policy: '',
  scope: '',
  content: '',
  timing: '',
  evaluation: '',
  metricDefinition: 'nisc',
});

/** Nothing written: no plan is sent (it can be written later); anything written: the whole plan is sent. */
export function planOrUndefined(p: PlanValues): PlanValues | undefined {
  return TEXTS.some((k) => p[k].trim()) ? p : undefined;
}

/** The five parts of the self-check plan (003 L531-535) and the metric definition it reports. */
export function PlanFields({
  value,
  onChange,
  errorOf,
  disabled,
}: {
  value: PlanValues;
  onChange(next: PlanValues): void;
  errorOf(field: string): string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation('selfcheck');
  return (
    <Stack>
      {TEXTS.map((k) => (
        <Textarea
          key={k}
          label={t(`planApproval.fields.${k}`)}
          value={value[k]}
          onChange={(e) => onChange({ ...value, [k]: e.currentTarget.value })}
          autosize
          minRows={k === 'timing' ? 1 : 2}
          maxRows={8}
          maxLength={k === 'timing' ? 1000 : 4000}
          error={errorOf(k)}
          disabled={disabled}
          required
        />
      ))}
      <Select
        label={t('planApproval.fields.metricDefinition')}
        data={DEFINITIONS.map((d) => ({ value: d, label: t(`planApproval.definitions.${d}`) }))}
        value={value.metricDefinition}
        onChange={(d) => d && onChange({ ...value, metricDefinition: d as PlanValues['metricDefinition'] })}
        allowDeselect={false}
        error={errorOf('metricDefinition')}
        disabled={disabled}
        required
      />
    </Stack>
  );
}
