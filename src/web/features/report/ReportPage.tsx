import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../lib/dates.js';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type AnnualReport, type Facts, RP, reportPath, STATE_COLORS, useAnnualReport } from './api.js';
import { DocPreview } from './DocPreview.js';
import { NarrativeBlock } from './NarrativeBlock.js';

type Action = 'request-approval' | 'approve' | 'return' | 'reopen';

function FactsForm(props: { fy: number; facts: Facts; editable: boolean }) {
  const { t } = useTranslation('report');
  const qc = useQueryClient();
  const [f, setF] = useState(props.facts);
  const save = useMutation({
    mutationFn: () => api(reportPath(props.fy, '/facts'), { method: 'PUT', body: f }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [RP, props.fy] }),
  });
  const num = (key: 'staffQuota' | 'itBudgetYen' | 'securityBudgetYen') => (
    <NumberInput
      label={t(`facts.${key}`)}
      value={f[key] ?? ''}
      min={0}
      thousandSeparator=","
      readOnly={!props.editable}
      onChange={(v) => setF((p) => ({ ...p, [key]: typeof v === 'number' ? v : null }))}
    />
  );
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('facts.title')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label={t('facts.responsibleDivision')}
            value={f.responsibleDivision}
            readOnly={!props.editable}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setF((p) => ({ ...p, responsibleDivision: v }));
            }}
          />
          {num('staffQuota')}
          {num('itBudgetYen')}
          {num('securityBudgetYen')}
        </SimpleGrid>
        <Textarea
          label={t('facts.notes')}
          value={f.notes}
          autosize
          readOnly={!props.editable}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setF((p) => ({ ...p, notes: v }));
          }}
        />
        {save.error && <ProblemAlert error={save.error} />}
        {props.editable && (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('facts.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Actions({ r }: { r: AnnualReport }) {
  const { t } = useTranslation('report');
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const run = (a: Action) =>
    api(reportPath(r.fiscalYear, `/${a}`), {
      method: 'POST',
      ...(a === 'return' ? { body: { comment } } : {}),
    }).then(() => qc.invalidateQueries({ queryKey: [RP, r.fiscalYear] }));
  const allowed: Record<Action, boolean> = {
    'request-approval': r.can.requestApproval,
    approve: r.can.approve,
    return: r.can.return,
    reopen: r.can.reopen,
  };
  return (
    <Group>
      {(Object.keys(allowed) as Action[])
        .filter((a) => allowed[a])
        .map((a) => (
          <Button key={a} variant={a === 'approve' ? 'filled' : 'light'} onClick={() => setConfirm(a)}>
            {t(`action.${a}`)}
          </Button>
        ))}
      <ConfirmDialog
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? t(`action.${confirm}`) : ''}
        color={confirm === 'approve' ? 'green' : 'blue'}
        message={
          confirm === 'return' ? (
            <Textarea
              label={t('returnComment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          ) : (
            t(`confirm.${confirm ?? 'approve'}`)
          )
        }
        confirmLabel={confirm ? t(`action.${confirm}`) : ''}
        onConfirm={() => run(confirm!)}
      />
    </Group>
  );
}

/** 年次報告: the agency's annual report of a fiscal year. */
export default function ReportPage() {
  const { t, i18n } = useTranslation('report');
  const current = fiscalYearOf(new Date());
  const [fy, setFy] = useState(current);
  const q = useAnnualReport(fy);
  const years = Array.from({ length: 6 }, (_, i) => String(current - i));
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Select
            aria-label={t('fiscalYear')}
            data={years}
            value={String(fy)}
            onChange={(v) => v && setFy(Number(v))}
            w={120}
          />
        }
      />
      {q.isPending ? (
        <LoadingState />
      ) : !q.data ? (
        <ProblemAlert error={q.error} />
      ) : (
        <Stack key={`${fy}-${q.data.state}`}>
          <Group>
            <Badge size="lg" color={STATE_COLORS[q.data.state]}>
              {t(`state.${q.data.state}`)}
            </Badge>
            {q.data.approvedAt && (
              <Text size="sm">
                {t('approvedBy', {
                  name: q.data.approvedByName ?? '—',
                  at: formatDateTime(q.data.approvedAt, i18n.language),
                })}
              </Text>
            )}
            {q.data.returnComment && q.data.state === 'draft' && (
              <Text size="sm" c="orange">
                {t('returnedWith', { comment: q.data.returnComment })}
              </Text>
            )}
          </Group>
          <Actions r={q.data} />
          <Group>
            <Text size="sm">{t('download')}:</Text>
            {(['html', 'docx', 'xlsx', 'pdf'] as const).map((f) => (
              <Anchor key={f} href={`/api/v1${reportPath(fy, `/export?format=${f}`)}`} download>
                {t(`format.${f}`)}
              </Anchor>
            ))}
          </Group>
          <FactsForm fy={fy} facts={q.data.facts} editable={q.data.can.edit} />
          <Title order={4}>{t('narratives')}</Title>
          {q.data.narratives.map((n) => (
            <NarrativeBlock key={`${n.key}-${n.version}`} fy={fy} n={n} editable={q.data.can.edit} />
          ))}
          <Title order={4}>{t('preview')}</Title>
          <DocPreview doc={q.data.doc} />
        </Stack>
      )}
    </>
  );
}
