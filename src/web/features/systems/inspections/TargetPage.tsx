import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconGauge, IconPaperclip } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import {
  attachEvidence,
  evidenceHref,
  saveAnswers,
  submitTarget,
  useInspectionMutation,
  useTarget,
} from './api.js';
import { GradeBadge } from './GradeTable.js';
import type { AnswerStatus, Target } from './types.js';

type Draft = Record<string, { status: AnswerStatus | null; evidence: string }>;

/** Only what the owner changed is sent, so measured items stay marked as measured until submission. */
const changes = (t: Target | undefined, d: Draft) =>
  (t?.items ?? [])
    .filter(
      (i) => d[i.key] && (d[i.key]!.status !== i.answer.status || d[i.key]!.evidence !== i.answer.evidence),
    )
    .map((i) => ({ itemKey: i.key, ...d[i.key]! }));

const draftOf = (t: Target): Draft =>
  Object.fromEntries(t.items.map((i) => [i.key, { status: i.answer.status, evidence: i.answer.evidence }]));

/** The owner's answer page: every item of one host, measured ones pre-filled and marked 計測済み. */
export default function TargetPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('inspections');
  const target = useTarget(id);
  const [draft, setDraft] = useState<Draft>({});
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const save = useInspectionMutation(async (d: Draft) => {
    const changed = changes(target.data, d);
    if (changed.length) await saveAnswers(id, changed);
  });
  const submit = useInspectionMutation(async (d: Draft) => {
    const changed = changes(target.data, d);
    if (changed.length) await saveAnswers(id, changed);
    return submitTarget(id);
  });
  const attach = useInspectionMutation((x: { itemKey: string; file: File }) =>
    attachEvidence(id, x.itemKey, x.file),
  );
  const data = target.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft only when another target or a new answer state arrives
  useEffect(() => {
    if (data) setDraft(draftOf(data));
  }, [data?.id, data?.submittedAt]);
  if (target.isPending) return <LoadingState />;
  if (!data) return <ProblemAlert error={target.error} />;
  const ja = i18n.language.startsWith('ja');
  const editable = data.canAnswer;
  const set = (key: string, patch: Partial<Draft[string]>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: { ...d[key]!, ...patch } }));
  };
  const allAnswered = data.items.every((i) => draft[i.key]?.status);
  return (
    <>
      <Anchor component={Link} to="/inspections/mine" size="sm">
        ← {t('target.back')}
      </Anchor>
      <PageHeader
        title={`${data.round.name}：${data.hostName}`}
        description={t('target.description', {
          system: data.systemName,
          unit: data.unitName,
          role: t(`role.${data.role}`),
          date: formatDate(data.round.referenceDate, i18n.language),
        })}
      />
      <Group mb="md" gap="md">
        <Text data-testid="target-tally">{t('target.tally', { ...data.tally })}</Text>
        {data.submittedAt && (
          <>
            <Badge color="green">
              {t('target.submitted', { at: formatDateTime(data.submittedAt, i18n.language) })}
            </Badge>
            <Group gap={4}>
              <Text>{t('grades.col.grade')}</Text>
              <GradeBadge grade={data.tally.grade} />
            </Group>
          </>
        )}
      </Group>
      {!editable && !data.submittedAt && <Alert mb="md">{t('target.readOnly')}</Alert>}
      <Stack>
        {data.items.map((item) => {
          const a = draft[item.key] ?? { status: null, evidence: '' };
          const measured = item.answer.probeRunId !== null;
          return (
            <Card key={item.key} withBorder data-testid={`item-${item.key}`}>
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Text size="xs" c="dimmed">
                      {item.category}
                    </Text>
                    <Text fw={600}>{ja ? item.titleJa : item.titleEn || item.titleJa}</Text>
                    <Text size="xs" c="dimmed">
                      {t('target.source', { source: item.source })}
                    </Text>
                  </Stack>
                  {measured && (
                    <Badge
                      color={item.answer.answeredBy === 'probe' ? 'violet' : 'gray'}
                      leftSection={<IconGauge size={14} aria-hidden />}
                    >
                      {t('target.measured')}
                    </Badge>
                  )}
                </Group>
                {measured && (
                  <Text size="sm" c="dimmed">
                    {t('target.measuredHelp')} {item.answer.probeSummary}
                  </Text>
                )}
                <SegmentedControl
                  disabled={!editable}
                  aria-label={ja ? item.titleJa : item.titleEn}
                  value={a.status ?? ''}
                  onChange={(v) => set(item.key, { status: (v || null) as AnswerStatus | null })}
                  data={[
                    { value: 'met', label: t('status.met') },
                    { value: 'not_met', label: t('status.not_met') },
                    { value: 'na', label: t('status.na') },
                  ]}
                />
                <Textarea
                  label={t('target.evidence')}
                  placeholder={t('target.evidencePlaceholder')}
                  autosize
                  minRows={1}
                  readOnly={!editable}
                  value={a.evidence}
                  onChange={(e) => set(item.key, { evidence: e.currentTarget.value })}
                />
                <Group gap="sm">
                  {item.answer.evidenceFile && (
                    <Anchor href={evidenceHref(data.id, item.key)} size="sm">
                      <IconPaperclip size={14} aria-hidden /> {item.answer.evidenceFile.name}
                    </Anchor>
                  )}
                  {editable && (
                    <FileButton
                      accept="application/pdf,image/png,image/jpeg,text/plain,text/csv,.xlsx,.docx"
                      onChange={(file) => file && attach.mutate({ itemKey: item.key, file })}
                    >
                      {(props) => (
                        <Button {...props} size="xs" variant="subtle" loading={attach.isPending}>
                          {t('target.attach')}
                        </Button>
                      )}
                    </FileButton>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </Stack>
      <ProblemAlert error={save.error ?? submit.error ?? attach.error} />
      {editable && (
        <Group mt="md">
          <Button
            variant="default"
            loading={save.isPending}
            onClick={async () => {
              await save.mutateAsync(draft);
              setSaved(true);
            }}
          >
            {t('target.save')}
          </Button>
          <Button disabled={!allAnswered} onClick={() => setConfirming(true)}>
            {t('target.submit')}
          </Button>
          {saved && <Text c="green">{t('target.saved')}</Text>}
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('target.submitTitle')}
        message={t('target.submitMessage')}
        confirmLabel={t('target.submit')}
        color="blue"
        onConfirm={() => submit.mutateAsync(draft)}
      />
    </>
  );
}
