import { Badge, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useRecipients } from '../api.js';
import type { RecipientStatusFilter } from '../types.js';

const FILTERS: RecipientStatusFilter[] = ['opened', 'displayed', 'reported', 'not_opened', 'failed'];
const STATUS_COLORS = { not_sent: 'gray', sent: 'blue', displayed: 'orange', opened: 'red' } as const;

/** Person by person (drill.manage only): what each recipient did and when; scanner events counted apart. */
export function RecipientsTable({ drillId, unitId }: { drillId: string; unitId: string | null }) {
  const { t, i18n } = useTranslation('drills');
  const lang = i18n.language;
  const [status, setStatus] = useState<RecipientStatusFilter | null>(null);
  const [page, setPage] = useState(1);
  const recipients = useRecipients(drillId, { unitId, status, page });
  const data = recipients.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dr-people">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h5" id="dr-people">
          {t('people.title')}
        </Title>
        <Select
          aria-label={t('people.filter')}
          placeholder={t('people.all')}
          data={FILTERS.map((f) => ({ value: f, label: t(`people.filters.${f}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as RecipientStatusFilter | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', sm: 200 }}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('people.help')}
      </Text>
      <ProblemAlert error={recipients.error} />
      {recipients.isPending ? (
        <LoadingState />
      ) : !data?.items.length ? (
        <EmptyMessage />
      ) : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped aria-label={t('people.title')} data-testid="drill-recipients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('people.col.person')}</Table.Th>
                  <Table.Th>{t('people.col.unit')}</Table.Th>
                  <Table.Th>{t('people.col.status')}</Table.Th>
                  <Table.Th>{t('people.col.opened')}</Table.Th>
                  <Table.Th>{t('people.col.displayed')}</Table.Th>
                  <Table.Th>{t('people.col.reported')}</Table.Th>
                  <Table.Th ta="right">{t('people.col.flagged')}</Table.Th>
                  <Table.Th>{t('people.col.followUp')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      {r.name}
                      <Text size="xs" c="dimmed">
                        {r.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.unitName}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[r.status]}>{t(`people.status.${r.status}`)}</Badge>
                      {r.sendState === 'failed' || r.sendState === 'bounced' ? (
                        <Text size="xs" c="red">
                          {t(`send.${r.sendState}`)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{formatDateTime(r.openedAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(r.mailDisplayedAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(r.reportedAt, lang)}</Table.Td>
                    <Table.Td ta="right">{r.flaggedEvents}</Table.Td>
                    <Table.Td>{formatDateTime(r.followUpAt, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={data.total} page={data.page} pageSize={data.pageSize} onChange={setPage} />
        </>
      )}
    </Paper>
  );
}
