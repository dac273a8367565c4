import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { INC } from './api.js';
import { type Case, INCIDENT_TYPES, type IncidentType, SEVERITIES, type Severity } from './types.js';

function useCaseUpdate<T>(c: Case, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<Case>(`/incidents/${c.id}${path}`, { method: 'POST', body }),
    onSuccess: (data) => {
      qc.setQueryData([INC, 'case', c.id], data);
      void qc.invalidateQueries({ queryKey: [INC, 'list'] });
      void qc.invalidateQueries({ queryKey: [INC, 'summary'] });
    },
  });
}

/** The CSIRT's triage: the first one starts the flow. */
export function TriageForm({ c }: { c: Case }) {
  const { t } = useTranslation('incidents');
  const [title, setTitle] = useState(c.title ?? '');
  const [type, setType] = useState<IncidentType | null>(c.type);
  const [severity, setSeverity] = useState<Severity | null>(c.severity);
  const [personalData, setPersonalData] = useState(c.personalData ?? false);
  const [response, setResponse] = useState(c.response ?? '');
  const [prevention, setPrevention] = useState(c.prevention ?? '');
  const save = useCaseUpdate<unknown>(c, '/triage');
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('triage.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            title,
            type,
            severity,
            personalData,
            systemIds: c.systemIds,
            response: response || null,
            prevention: prevention || null,
          });
        }}
      >
        <Stack>
          <TextInput
            label={t('triage.caseTitle')}
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Group grow>
            <Select
              label={t('list.type')}
              required
              data={INCIDENT_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
              value={type}
              onChange={(v) => setType(v as IncidentType | null)}
            />
            <Select
              label={t('case.severity')}
              required
              data={SEVERITIES.map((x) => ({ value: x, label: t(`severity.${x}`) }))}
              value={severity}
              onChange={(v) => setSeverity(v as Severity | null)}
            />
          </Group>
          <Checkbox
            label={t('triage.personalData')}
            checked={personalData}
            onChange={(e) => setPersonalData(e.currentTarget.checked)}
          />
          <Textarea
            label={t('case.response')}
            maxLength={5000}
            value={response}
            onChange={(e) => setResponse(e.currentTarget.value)}
          />
          <Textarea
            label={t('case.prevention')}
            maxLength={5000}
            value={prevention}
            onChange={(e) => setPrevention(e.currentTarget.value)}
          />
          <ProblemAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!title.trim() || !type || !severity}>
              {c.state === 'reported' ? t('triage.start') : t('triage.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The holder of the current step marks it done, with a note. */
export function CompleteStepForm({ c }: { c: Case }) {
  const { t, i18n } = useTranslation('incidents');
  const [note, setNote] = useState('');
  const done = useCaseUpdate<{ note: string | null }>(c, `/steps/${c.current!.key}/complete`);
  const name = i18n.language.startsWith('ja') ? c.current!.nameJa : c.current!.nameEn;
  return (
    <Stack mt="md">
      <Textarea
        label={t('step.note')}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ProblemAlert error={done.error} />
      <Group>
        <Button
          loading={done.isPending}
          onClick={() => done.mutate({ note: note || null }, { onSuccess: () => setNote('') })}
        >
          {t('step.complete', { step: name })}
        </Button>
      </Group>
    </Stack>
  );
}

/** What was sent to NISC/GSOC and when, and their replies; the record as .xlsx. */
export function LiaisonPanel({ c }: { c: Case }) {
  const { t, i18n } = useTranslation('incidents');
  const [direction, setDirection] = useState<'sent' | 'received'>('sent');
  const [counterpart, setCounterpart] = useState<'nisc' | 'gsoc' | 'other'>('nisc');
  const [channel, setChannel] = useState('');
  const [content, setContent] = useState('');
  const add = useCaseUpdate<unknown>(c, '/liaisons');
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('liaison.title')}
        </Title>
        <Anchor href={`/api/v1/incidents/${c.id}/liaisons/export`}>{t('liaison.export')}</Anchor>
      </Group>
      {c.liaisons.length > 0 && (
        <Table>
          <Table.Tbody>
            {c.liaisons.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{formatDateTime(l.at, i18n.language)}</Table.Td>
                <Table.Td>{t(`liaison.${l.direction}`)}</Table.Td>
                <Table.Td>{t(`liaison.${l.counterpart}`)}</Table.Td>
                <Table.Td>{l.channel}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{l.content}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {c.can.liaise && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              { direction, counterpart, channel, content, at: new Date().toISOString() },
              { onSuccess: () => setContent('') },
            );
          }}
        >
          <Stack mt="sm">
            <Group grow>
              <Select
                label={t('liaison.direction')}
                data={(['sent', 'received'] as const).map((x) => ({ value: x, label: t(`liaison.${x}`) }))}
                value={direction}
                onChange={(v) => v && setDirection(v as 'sent' | 'received')}
              />
              <Select
                label={t('liaison.counterpart')}
                data={(['nisc', 'gsoc', 'other'] as const).map((x) => ({
                  value: x,
                  label: t(`liaison.${x}`),
                }))}
                value={counterpart}
                onChange={(v) => v && setCounterpart(v as 'nisc' | 'gsoc' | 'other')}
              />
              <TextInput
                label={t('liaison.channel')}
                maxLength={100}
                value={channel}
                onChange={(e) => setChannel(e.currentTarget.value)}
              />
            </Group>
            <Textarea
              label={t('liaison.content')}
              required
              maxLength={5000}
              value={content}
              onChange={(e) => setContent(e.currentTarget.value)}
            />
            <ProblemAlert error={add.error} />
            <Group>
              <Button type="submit" loading={add.isPending} disabled={!content.trim()}>
                {t('liaison.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
