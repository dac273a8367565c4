import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { keys, TR } from '../api.js';
import type { CourseDetail } from '../types.js';

type Settings = Pick<
  CourseDetail,
  | 'title'
  | 'description'
  | 'passMark'
  | 'perfectScoreRequired'
  | 'questionsPerAttempt'
  | 'shuffle'
  | 'reminderAfterDays'
>;

/** The course's rules: pass mark or perfect score, questions per attempt, shuffling, reminder timing. */
export function SettingsForm({ course, onSaved }: { course: CourseDetail; onSaved(c: CourseDetail): void }) {
  const { t } = useTranslation(['training', 'common']);
  const queryClient = useQueryClient();
  const [v, setV] = useState<Settings>({
    title: course.title,
    description: course.description,
    passMark: course.passMark,
    perfectScoreRequired: course.perfectScoreRequired,
    questionsPerAttempt: course.questionsPerAttempt,
    shuffle: course.shuffle,
    reminderAfterDays: course.reminderAfterDays,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setV((x) => ({ ...x, ...patch }));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/training/courses/${course.id}`, { method: 'PATCH', body: v });
      const fresh = await api<CourseDetail>(`/training/courses/${course.id}`);
      queryClient.setQueryData(keys.course(course.id), fresh);
      void queryClient.invalidateQueries({ queryKey: keys.courses });
      void queryClient.invalidateQueries({ queryKey: [TR, 'content'] });
      onSaved(fresh);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack maw={720}>
        <TextInput
          label={t('editor.courseTitle')}
          required
          value={v.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={fieldError(error, 'title')}
        />
        <Textarea
          label={t('editor.description')}
          autosize
          minRows={2}
          value={v.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
        />
        <Switch
          label={t('editor.perfect')}
          description={t('editor.perfectHelp')}
          checked={v.perfectScoreRequired}
          onChange={(e) => set({ perfectScoreRequired: e.currentTarget.checked })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('editor.passMark')}
            description={t('editor.passMarkHelp')}
            min={1}
            max={100}
            suffix="%"
            disabled={v.perfectScoreRequired}
            value={v.passMark}
            onChange={(x) => set({ passMark: typeof x === 'number' ? x : v.passMark })}
            error={fieldError(error, 'passMark')}
          />
          <NumberInput
            label={t('editor.sampling')}
            description={t('editor.samplingHelp')}
            min={1}
            max={500}
            value={v.questionsPerAttempt ?? ''}
            onChange={(x) => set({ questionsPerAttempt: typeof x === 'number' ? x : null })}
            error={fieldError(error, 'questionsPerAttempt')}
          />
          <NumberInput
            label={t('editor.reminderDays')}
            description={t('editor.reminderDaysHelp')}
            min={1}
            max={365}
            value={v.reminderAfterDays}
            onChange={(x) => set({ reminderAfterDays: typeof x === 'number' ? x : v.reminderAfterDays })}
            error={fieldError(error, 'reminderAfterDays')}
          />
        </SimpleGrid>
        <Switch
          label={t('editor.shuffle')}
          description={t('editor.shuffleHelp')}
          checked={v.shuffle}
          onChange={(e) => set({ shuffle: e.currentTarget.checked })}
        />
        <ProblemAlert error={error} withFields={false} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('common:actions.save')}
          </Button>
          {saved && (
            <span role="status" style={{ color: 'var(--mantine-color-green-8)' }}>
              {t('common:state.saved')}
            </span>
          )}
        </Group>
      </Stack>
    </form>
  );
}
