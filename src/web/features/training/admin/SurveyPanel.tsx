import { ActionIcon, Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { TR } from '../api.js';
import type { CourseDetail, Survey } from '../types.js';
import { PanelSection } from './PanelSection.js';

type Kind = 'scale' | 'text';
interface Draft {
  key: number;
  kind: Kind;
  text: string;
}

let nextKey = 1;
const draft = (kind: Kind, text = ''): Draft => ({ key: nextKey++, kind, text });

/** The post-course survey (003 L401-403): a few 1–5 or free-text questions shown after completing. */
export function SurveyPanel({ course }: { course: CourseDetail }) {
  const { t } = useTranslation('training');
  const queryClient = useQueryClient();
  const key = [TR, 'survey', course.id];
  const survey = useQuery({
    queryKey: key,
    queryFn: () => api<Survey>(`/training/courses/${course.id}/survey`),
  });
  const [items, setItems] = useState<Draft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState(false);
  useEffect(() => {
    if (survey.data) setItems(survey.data.questions.map((q) => draft(q.kind, q.text)));
  }, [survey.data]);
  const patch = (k: number, p: Partial<Draft>) => {
    setSaved(false);
    setItems((xs) => xs.map((x) => (x.key === k ? { ...x, ...p } : x)));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api<Survey>(`/training/courses/${course.id}/survey`, {
        method: 'PUT',
        body: { questions: items.map((x) => ({ kind: x.kind, text: x.text })) },
      });
      queryClient.setQueryData(key, res);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (survey.isPending) return <LoadingState />;
  const existing = (survey.data?.questions.length ?? 0) > 0;
  return (
    <PanelSection id="tr-survey-edit" title={t('survey.title')} help={t('survey.help')}>
      <ProblemAlert error={survey.error} />
      <Stack gap="sm" maw={720}>
        {items.length === 0 && <Text c="dimmed">{t('survey.none')}</Text>}
        {items.map((x, i) => (
          <Group key={x.key} align="flex-end" wrap="nowrap">
            <Select
              label={t('survey.kind')}
              data={(['scale', 'text'] as const).map((k) => ({ value: k, label: t(`survey.kinds.${k}`) }))}
              value={x.kind}
              onChange={(v) => v && patch(x.key, { kind: v as Kind })}
              allowDeselect={false}
              w={160}
            />
            <TextInput
              label={t('survey.question', { n: i + 1 })}
              value={x.text}
              onChange={(e) => patch(x.key, { text: e.currentTarget.value })}
              style={{ flex: 1 }}
              required
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('survey.removeQuestion', { n: i + 1 })}
              onClick={() => {
                setSaved(false);
                setItems((xs) => xs.filter((y) => y.key !== x.key));
              }}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setItems((xs) => [...xs, draft('scale')])}
            disabled={items.length >= 30}
          >
            {t('survey.add')}
          </Button>
        </Group>
        <ProblemAlert error={error} />
        {saved && (
          <Alert color="green" role="status">
            {t('survey.saved')}
          </Alert>
        )}
        <Group>
          <Button
            onClick={save}
            loading={busy}
            disabled={items.length === 0 || items.some((x) => !x.text.trim())}
          >
            {t('survey.save')}
          </Button>
          {existing && (
            <Button variant="subtle" color="red" onClick={() => setRemoving(true)}>
              {t('survey.remove')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={removing}
        onClose={() => setRemoving(false)}
        title={t('survey.removeTitle')}
        message={t('survey.removeBody')}
        confirmLabel={t('survey.removeConfirm')}
        onConfirm={async () => {
          await api(`/training/courses/${course.id}/survey`, { method: 'DELETE' });
          await queryClient.invalidateQueries({ queryKey: key });
          setRemoving(false);
        }}
      />
    </PanelSection>
  );
}
