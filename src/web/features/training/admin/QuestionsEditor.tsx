import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { markCorrect, move, newKey, type QuestionDraft, questionProblems, withKind } from './editor-model.js';

const blankQuestion = (): QuestionDraft => ({
  key: newKey(),
  kind: 'single',
  text: '',
  explanation: '',
  choices: [
    { key: newKey(), text: '', correct: true },
    { key: newKey(), text: '', correct: false },
  ],
});

/** The question bank: single or multiple choice, the correct answers marked, an explanation shown after. */
export function QuestionsEditor({
  questions,
  onChange,
  showProblems,
}: {
  questions: QuestionDraft[];
  onChange(q: QuestionDraft[]): void;
  showProblems: boolean;
}) {
  const { t } = useTranslation('training');
  const set = (i: number, q: QuestionDraft) => onChange(questions.map((x, j) => (j === i ? q : x)));
  return (
    <Stack>
      {questions.length === 0 && <Text c="dimmed">{t('editor.noQuestions')}</Text>}
      {questions.map((q, i) => {
        const n = i + 1;
        const problems = showProblems ? questionProblems(q) : [];
        const setChoice = (key: string, text: string) =>
          set(i, { ...q, choices: q.choices.map((c) => (c.key === key ? { ...c, text } : c)) });
        return (
          <Paper
            key={q.key}
            withBorder
            p="md"
            component="fieldset"
            aria-label={t('editor.questionN', { n })}
            data-testid="tr-question-editor"
          >
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap">
                <SegmentedControl
                  size="xs"
                  value={q.kind}
                  onChange={(v) => set(i, withKind(q, v as QuestionDraft['kind']))}
                  data={[
                    { value: 'single', label: t('editor.single') },
                    { value: 'multiple', label: t('editor.multiple') },
                  ]}
                  aria-label={t('editor.kind', { n })}
                />
                <Group gap={4}>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    disabled={i === 0}
                    onClick={() => onChange(move(questions, i, -1))}
                    aria-label={t('editor.moveUp', { n })}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    disabled={i === questions.length - 1}
                    onClick={() => onChange(move(questions, i, 1))}
                    aria-label={t('editor.moveDown', { n })}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="light"
                    color="red"
                    size="lg"
                    onClick={() => onChange(questions.filter((_, j) => j !== i))}
                    aria-label={t('editor.removeQuestion', { n })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <Textarea
                label={t('editor.questionText', { n })}
                required
                autosize
                minRows={2}
                value={q.text}
                onChange={(e) => set(i, { ...q, text: e.currentTarget.value })}
                error={problems.includes('text') ? t('editor.problem.text') : undefined}
              />
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {q.kind === 'single' ? t('editor.choicesSingle') : t('editor.choicesMultiple')}
                </Text>
                {q.choices.map((c, ci) => (
                  <Group key={c.key} gap="xs" wrap="nowrap">
                    {q.kind === 'single' ? (
                      <Radio
                        checked={c.correct}
                        onChange={() => set(i, markCorrect(q, c.key))}
                        aria-label={t('editor.markCorrect', { n: ci + 1 })}
                        name={`correct-${q.key}`}
                      />
                    ) : (
                      <Checkbox
                        checked={c.correct}
                        onChange={() => set(i, markCorrect(q, c.key))}
                        aria-label={t('editor.markCorrect', { n: ci + 1 })}
                      />
                    )}
                    <TextInput
                      aria-label={t('editor.choiceN', { n: ci + 1 })}
                      placeholder={t('editor.choiceN', { n: ci + 1 })}
                      value={c.text}
                      onChange={(e) => setChoice(c.key, e.currentTarget.value)}
                      style={{ flex: 1 }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={q.choices.length <= 2}
                      onClick={() => set(i, { ...q, choices: q.choices.filter((x) => x.key !== c.key) })}
                      aria-label={t('editor.removeChoice', { n: ci + 1 })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ))}
                {(problems.includes('choices') || problems.includes('correct')) && (
                  <Text size="sm" c="red" role="alert">
                    {problems.includes('choices') ? t('editor.problem.choices') : t('editor.problem.correct')}
                  </Text>
                )}
                <Group>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    disabled={q.choices.length >= 10}
                    onClick={() =>
                      set(i, { ...q, choices: [...q.choices, { key: newKey(), text: '', correct: false }] })
                    }
                  >
                    {t('editor.addChoice')}
                  </Button>
                </Group>
              </Stack>
              <Textarea
                label={t('editor.explanation')}
                description={t('editor.explanationHelp')}
                autosize
                minRows={2}
                value={q.explanation}
                onChange={(e) => set(i, { ...q, explanation: e.currentTarget.value })}
              />
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...questions, blankQuestion()])}
        >
          {t('editor.addQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}
