import { Badge, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { MAIL_PAGE_SIZE, MAIL_PURPOSES, type MailPurpose, useMailFailures } from './api.js';

/** Reminders and notices that did not reach their recipient, for the office to follow up by hand. */
export default function MailFailuresPage() {
  const { t, i18n } = useTranslation('mail');
  const [purpose, setPurpose] = useState<MailPurpose | ''>('');
  const [page, setPage] = useState(1);
  const failures = useMailFailures(purpose, page);
  const data = failures.data;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Paper withBorder p="sm">
        <Select
          label={t('filter.purpose')}
          maw={360}
          value={purpose}
          onChange={(v) => {
            setPurpose((v ?? '') as MailPurpose | '');
            setPage(1);
          }}
          data={[
            { value: '', label: t('filter.any') },
            ...MAIL_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) })),
          ]}
        />
      </Paper>
      <Stack mt="md">
        <ProblemAlert error={failures.error} />
        {failures.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={760}>
              <Table
                striped
                verticalSpacing="xs"
                aria-label={t('table.label')}
                opacity={failures.isPlaceholderData ? 0.6 : 1}
                data-testid="mail-failures"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('table.at')}</Table.Th>
                    <Table.Th>{t('table.purpose')}</Table.Th>
                    <Table.Th>{t('table.recipient')}</Table.Th>
                    <Table.Th>{t('table.subject')}</Table.Th>
                    <Table.Th>{t('table.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(f.at, i18n.language)}
                      </Table.Td>
                      <Table.Td>{t(`purpose.${f.purpose}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.recipientName ?? '—'}</Text>
                        <Text size="xs" c="dimmed">
                          {[f.email, f.unitName].filter(Boolean).join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {f.subject}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge color={f.reason === 'delivery_unknown' ? 'yellow' : 'red'} variant="light">
                            {t(`reason.${f.reason}`)}
                          </Badge>
                        </Group>
                        {f.reason === 'refused' && f.error && (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {f.error}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        {data && data.total > 0 && (
          <Pager total={data.total} page={page} pageSize={MAIL_PAGE_SIZE} onChange={setPage} />
        )}
      </Stack>
    </>
  );
}
