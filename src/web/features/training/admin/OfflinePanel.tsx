import { Alert, Button, FileInput, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInJapan } from '../../../../lib/dates.js';
import { api } from '../../../app/api.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { TR } from '../api.js';
import type { CourseDetail, OfflineCompletion } from '../types.js';
import { PeopleMultiSelect } from '../ui/pickers.js';
import { PanelSection } from './PanelSection.js';

const METHODS = ['printed', 'disc', 'other'] as const;
const EVIDENCE_TYPES = 'application/pdf,image/png,image/jpeg';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Recording that someone read a CD-R or printed copy and confirmed it (002 L76-78), with evidence. */
export function OfflinePanel({ course }: { course: CourseDetail }) {
  const { t } = useTranslation('training');
  const queryClient = useQueryClient();
  const today = todayInJapan();
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('printed');
  const [completedOn, setCompletedOn] = useState(today);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<OfflineCompletion | null>(null);
  const personId = personIds.at(-1) ?? null;
  const save = async () => {
    if (!personId) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = {
        personId,
        method,
        completedOn,
        note,
        ...(file
          ? {
              file: {
                name: file.name,
                type: file.type as 'application/pdf',
                base64: await toBase64(file),
              },
            }
          : {}),
      };
      setDone(
        await api<OfflineCompletion>(`/training/courses/${course.id}/offline-completions`, {
          method: 'POST',
          body,
        }),
      );
      setPersonIds([]);
      setNote('');
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: [TR] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PanelSection id="tr-offline" title={t('offline.title')} help={t('offline.help')}>
      <Stack gap="sm" maw={720}>
        <PeopleMultiSelect
          label={t('offline.person')}
          placeholder={t('offline.personHint')}
          value={personId ? [personId] : []}
          onChange={(v) => setPersonIds(v.slice(-1))}
          required
        />
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('offline.method')}
            data={METHODS.map((m) => ({ value: m, label: t(`offline.methods.${m}`) }))}
            value={method}
            onChange={(v) => v && setMethod(v as (typeof METHODS)[number])}
            allowDeselect={false}
            w={200}
          />
          <TextInput
            type="date"
            label={t('offline.completedOn')}
            value={completedOn}
            max={today}
            onChange={(e) => setCompletedOn(e.currentTarget.value)}
            w={200}
            required
          />
        </Group>
        <Textarea
          label={t('offline.note')}
          description={t('offline.noteHelp')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <FileInput
          label={t('offline.file')}
          accept={EVIDENCE_TYPES}
          value={file}
          onChange={setFile}
          clearable
        />
        {!note.trim() && !file && (
          <Text size="xs" c="dimmed">
            {t('offline.needsEvidence')}
          </Text>
        )}
        <ProblemAlert error={error} />
        {done && (
          <Alert color="green" role="status">
            {t('offline.done', { year: done.fiscalYear })}
          </Alert>
        )}
        <Group>
          <Button
            onClick={save}
            loading={busy}
            disabled={!personId || !completedOn || (!note.trim() && !file)}
          >
            {t('offline.save')}
          </Button>
        </Group>
      </Stack>
    </PanelSection>
  );
}
