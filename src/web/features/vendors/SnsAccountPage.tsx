import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useChecklists, useSnsAccount, VK } from './api.js';
import type { Answer } from './types.js';
import { DueBadge } from './ui.js';

type Answers = Record<string, { answer: Answer | null; evidence: string }>;

/** One SNS account: the checklist as a form with evidence, and the periodic re-confirmation. */
export default function SnsAccountPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('vendors');
  const qc = useQueryClient();
  const account = useSnsAccount(id);
  const lists = useChecklists();
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (account.data) setAnswers(account.data.checklist);
  }, [account.data]);
  if (account.isPending || lists.isPending) return <LoadingState />;
  if (!account.data || !lists.data) return <ProblemAlert error={account.error ?? lists.error} />;
  const a = account.data;
  const en = i18n.language === 'en';
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await api(`/vendors/sns-accounts/${id}/checklist`, { method: 'PUT', body: { answers } });
      await qc.invalidateQueries({ queryKey: [VK] });
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  const confirm = async () => {
    setError(null);
    try {
      await api(`/vendors/sns-accounts/${id}/confirm`, { method: 'POST' });
      await qc.invalidateQueries({ queryKey: [VK] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader
        title={`${a.platform} ${a.accountName}`}
        description={a.purpose}
        actions={
          a.can.confirm &&
          a.status === 'active' && (
            <Button variant="light" onClick={confirm}>
              {t('action.confirm')}
            </Button>
          )
        }
      />
      <Stack>
        <Group>
          <DueBadge status={a.reconfirmStatus} due={a.reconfirmDue} />
          {a.lastConfirmedAt && (
            <Text size="sm" c="dimmed">
              {t('field.lastConfirmed', { at: formatDateTime(a.lastConfirmedAt, i18n.language) })}
            </Text>
          )}
          {a.url && (
            <Anchor href={a.url} target="_blank" rel="noopener noreferrer">
              {a.url}
            </Anchor>
          )}
        </Group>
        <Text size="sm">
          {t('sns.managers')}: {a.managers.map((m) => m.name).join('、') || '—'} ／ {a.unit.name}
        </Text>
        <Title order={2} size="h4">
          {t('sns.checklistTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sns.checklistSource')}
        </Text>
        {lists.data.sns.map((item) => {
          const v = answers[item.key] ?? { answer: null, evidence: '' };
          const update = (patch: Partial<typeof v>) =>
            setAnswers({ ...answers, [item.key]: { ...v, ...patch } });
          return (
            <Card key={item.key} withBorder padding="sm" data-testid={`sns-item-${item.key}`}>
              <Stack gap={6}>
                <Text fw={600} size="sm">
                  {item.section} {en ? item.en : item.ja}
                </Text>
                <Text size="xs" c="dimmed">
                  {en ? item.ja : item.en} ({item.source})
                </Text>
                <SegmentedControl
                  size="xs"
                  disabled={!a.can.confirm}
                  value={v.answer ?? ''}
                  onChange={(x) => update({ answer: (x || null) as Answer | null })}
                  data={[
                    { value: '', label: t('answer.none') },
                    { value: 'yes', label: t('answer.yes') },
                    { value: 'no', label: t('answer.no') },
                    { value: 'na', label: t('answer.na') },
                  ]}
                />
                <Textarea
                  aria-label={t('field.evidence')}
                  placeholder={t('field.evidence')}
                  disabled={!a.can.confirm}
                  value={v.evidence}
                  onChange={(e) => update({ evidence: e.currentTarget.value })}
                  autosize
                  minRows={1}
                />
              </Stack>
            </Card>
          );
        })}
        <ProblemAlert error={error} />
        {a.can.confirm && (
          <Group>
            <Button onClick={save}>{t('action.save')}</Button>
            {saved && <Text c="green">{t('saved')}</Text>}
          </Group>
        )}
      </Stack>
    </>
  );
}
