import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../lib/dates.js';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import {
  CK,
  type SubsidiarySubmission,
  useCommonItems,
  useMySubmissions,
  useSubsidiarySubmissions,
} from './api.js';
import { GovernmentAverageCard } from './GovernmentAverageCard.js';
import { SubmissionsTable } from './SubmissionsTable.js';
import { FiscalYearSelect } from './ui.js';

/** 中央機関への提出: what this agency sent (every version), its 独法's statements to forward, the common items. */
export default function AgencySubmissionsPage() {
  const { t } = useTranslation('central');
  const [fy, setFy] = useState(fiscalYearOf(new Date()));
  const mine = useMySubmissions(fy);
  return (
    <>
      <PageHeader title={t('agency.title')} description={t('agency.description')} />
      <Stack gap="lg">
        <FiscalYearSelect value={fy} onChange={setFy} />
        <Paper withBorder p="md" component="section" aria-labelledby="my-submissions">
          <Title order={2} size="h4" id="my-submissions" mb="sm">
            {t('agency.mine')}
          </Title>
          <ProblemAlert error={mine.error} />
          {mine.isPending ? (
            <LoadingState />
          ) : (
            <SubmissionsTable
              key={fy}
              side="own"
              label={t('agency.mine')}
              items={mine.data ?? []}
              testId="my-submissions"
            />
          )}
        </Paper>
        <Subsidiaries fy={fy} />
        <GovernmentAverageCard fy={fy} />
        <CommonItemsCard fy={fy} />
      </Stack>
    </>
  );
}

/** A ministry's 独法 submit to it; it forwards each version to the central body (001 L15064-15078). */
function Subsidiaries({ fy }: { fy: number }) {
  const { t, i18n } = useTranslation('central');
  const name = useLocalName();
  const qc = useQueryClient();
  const canForward = useCan('report.manage');
  const q = useSubsidiarySubmissions(fy);
  const [forwarding, setForwarding] = useState<SubsidiarySubmission | null>(null);
  if (q.error) return <ProblemAlert error={q.error} />;
  if (!q.data || q.data.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="subsidiary-submissions">
      <Title order={2} size="h4" id="subsidiary-submissions" mb="sm">
        {t('agency.subsidiaries')}
      </Title>
      <SubmissionsTable
        key={fy}
        side="own"
        label={t('agency.subsidiaries')}
        items={q.data}
        testId="subsidiary-submissions"
        extra={{
          label: t('agency.forward'),
          cell: (s) =>
            s.forwardedAt ? (
              <Text size="sm">
                {t('agency.forwardedAt', { at: formatDateTime(s.forwardedAt, i18n.language) })}
              </Text>
            ) : canForward ? (
              <Button size="xs" variant="light" onClick={() => setForwarding(s)}>
                {t('agency.forward')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('agency.notForwarded')}
              </Text>
            ),
        }}
      />
      <ConfirmDialog
        opened={forwarding !== null}
        onClose={() => setForwarding(null)}
        title={t('agency.forwardTitle')}
        color="blue"
        message={
          forwarding
            ? t('agency.forwardConfirm', {
                name: name({ nameJa: forwarding.agencyNameJa, nameEn: forwarding.agencyNameEn }),
                version: forwarding.version,
              })
            : ''
        }
        confirmLabel={t('agency.forward')}
        onConfirm={async () => {
          await api(`/central/subsidiary-submissions/${forwarding!.id}/forward`, {
            method: 'POST',
            body: {},
          });
          await qc.invalidateQueries({ queryKey: [CK] });
        }}
      />
      <Text size="xs" c="dimmed" mt="xs">
        {t('agency.subsidiariesNote')}
      </Text>
    </Paper>
  );
}

/** The items the central body designated for the year, which the self-check must include (001 L2784-2790). */
function CommonItemsCard({ fy }: { fy: number }) {
  const { t } = useTranslation('central');
  const q = useCommonItems(fy);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="common-items">
      <Title order={2} size="h4" id="common-items" mb="sm">
        {t('common.title')}
      </Title>
      <ProblemAlert error={q.error} />
      {q.isPending ? (
        <LoadingState />
      ) : !q.data?.items.length ? (
        <EmptyMessage title={t('common.empty', { year: fy })} />
      ) : (
        <Table striped aria-label={t('common.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.code')}</Table.Th>
              <Table.Th>{t('common.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td>{i.code}</Table.Td>
                <Table.Td>{i.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
