import { Alert, ScrollArea, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api.js';
import type { ImportSummary } from './import-api.js';

/** The counts of a (dry-run) import. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation('org');
  const items = [
    ['rows', summary.rows],
    ['created', summary.created],
    ['updated', summary.updated],
    ['unchanged', summary.unchanged],
    ['left', summary.left],
    ['rolesAdded', summary.rolesAdded],
  ] as const;
  return (
    <Alert
      color={summary.dryRun ? 'blue' : 'green'}
      title={summary.dryRun ? t('import.preview') : t('import.done')}
      role="status"
    >
      <SimpleGrid cols={3} spacing="xs">
        {items.map(([key, n]) => (
          <Text key={key} size="sm">
            {t(`import.count.${key}`)}: <b>{n.toLocaleString()}</b>
          </Text>
        ))}
      </SimpleGrid>
    </Alert>
  );
}

/** Every error in the file (line, column, reason): nothing was imported. */
export function ImportErrors({ error }: { error: ApiError }) {
  const { t } = useTranslation('org');
  const rows = error.problem.errors ?? [];
  const total = error.problem.errorCount ?? rows.length;
  return (
    <Alert color="red" title={error.problem.title} role="alert">
      <Text size="sm" mb="xs">
        {t('import.errorCount', { count: total })}
      </Text>
      <ScrollArea.Autosize mah={280} type="auto">
        <Table verticalSpacing={2} aria-label={t('import.errorsLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.line')}</Table.Th>
              <Table.Th>{t('import.column')}</Table.Th>
              <Table.Th>{t('import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={`${e.path}:${e.message}`}>
                <Table.Td>{e.line ?? '—'}</Table.Td>
                <Table.Td ff="monospace">{e.column ?? e.path}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Alert>
  );
}
