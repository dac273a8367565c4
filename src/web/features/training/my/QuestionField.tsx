import { Checkbox, Paper, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServedQuestion } from '../types.js';

/** One served question: radio buttons for single choice, checkboxes for multiple choice. */
export function QuestionField({
  index,
  question,
  value,
  missing,
  onChange,
}: {
  index: number;
  question: ServedQuestion;
  value: string[];
  missing: boolean;
  onChange(ids: string[]): void;
}) {
  const { t } = useTranslation('training');
  const label = (
    <Text component="span" fw={600}>
      {t('test.questionNo', { n: index + 1 })} {question.text}
    </Text>
  );
  const hint = question.kind === 'multiple' ? t('test.multipleHint') : t('test.singleHint');
  const error = missing ? t('test.answerThis') : undefined;
  return (
    <Paper
      withBorder
      p="md"
      id={`tr-q-${question.questionId}`}
      data-testid="tr-question"
      data-missing={missing}
      style={missing ? { borderColor: 'var(--mantine-color-orange-6)' } : undefined}
    >
      {question.kind === 'multiple' ? (
        <Checkbox.Group label={label} description={hint} value={value} onChange={onChange} error={error}>
          <Stack gap="xs" mt="xs">
            {question.choices.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.text} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : (
        <Radio.Group
          label={label}
          description={hint}
          value={value[0] ?? null}
          onChange={(v) => onChange([v])}
          error={error}
        >
          <Stack gap="xs" mt="xs">
            {question.choices.map((c) => (
              <Radio key={c.id} value={c.id} label={c.text} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Paper>
  );
}
