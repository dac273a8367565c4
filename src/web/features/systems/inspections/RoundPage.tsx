import { Anchor, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { closeRound, gradeExportHref, useGradeTable, useInspectionMutation, useRound } from './api.js';
import { GradeTable } from './GradeTable.js';

/** One round: its scope, progress (hosts answered of all), the grade table and its export. */
export default function RoundPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('inspections');
  const round = useRound(id);
  const grades = useGradeTable(id);
  const close = useInspectionMutation(closeRound);
  const [confirming, setConfirming] = useState(false);
  if (round.isPending) return <LoadingState />;
  if (!round.data) return <ProblemAlert error={round.error} />;
  const r = round.data;
  const p = grades.data?.progress ?? r.progress;
  return (
    <>
      <Anchor component={Link} to="/inspections" size="sm">
        ← {t('round.back')}
      </Anchor>
      <PageHeader
        title={r.name}
        description={[
          t('round.referenceDate', { date: formatDate(r.referenceDate, i18n.language) }),
          r.dueOn ? t('round.dueOn', { date: formatDate(r.dueOn, i18n.language) }) : null,
          t('round.units', { units: r.units.map((u) => u.name).join('、') }),
        ]
          .filter(Boolean)
          .join('　')}
        actions={
          <Group>
            <Badge color={r.status === 'open' ? 'blue' : 'gray'}>{t(`status.${r.status}`)}</Badge>
            <Button
              component="a"
              href={gradeExportHref(r.id)}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('round.export')}
            </Button>
            {r.canManage && r.status === 'open' && (
              <Button color="red" variant="light" onClick={() => setConfirming(true)}>
                {t('round.close')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap={4} maw={480}>
        <Text fw={600}>{t('round.progress')}</Text>
        <Text data-testid="round-progress">{t('rounds.progress', { ...p })}</Text>
        <Progress value={p.total ? (100 * p.answered) / p.total : 0} aria-hidden />
      </Stack>
      <ProblemAlert error={grades.error} />
      {grades.data && <GradeTable table={grades.data} />}
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('round.closeTitle')}
        message={t('round.closeMessage')}
        confirmLabel={t('round.close')}
        onConfirm={() => close.mutateAsync(r.id)}
      />
    </>
  );
}
