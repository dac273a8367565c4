import { Anchor, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import type { AuditEvent } from '../../app/types.js';
import { useAuditLabels } from './labels.js';

export function AuditTable({
  items,
  onOpen,
  dim,
}: {
  items: AuditEvent[];
  onOpen(e: AuditEvent): void;
  dim?: boolean;
}) {
  const { t, i18n } = useTranslation('audit');
  const labels = useAuditLabels();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table
        striped
        verticalSpacing="xs"
        aria-label={t('table.label')}
        opacity={dim ? 0.6 : 1}
        data-testid="audit-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.at')}</Table.Th>
            <Table.Th>{t('table.actor')}</Table.Th>
            <Table.Th>{t('table.action')}</Table.Th>
            <Table.Th>{t('table.target')}</Table.Th>
            <Table.Th>{t('table.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>
                <Text size="sm">{labels.action(e.action)}</Text>
                <Code fz="xs">{e.action}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labels.targetType(e.targetType)}</Text>
                {e.targetId && (
                  <Text size="xs" c="dimmed" ff="monospace" truncate maw={220}>
                    {e.targetId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(e)}>
                  {t('table.open', { seq: e.seq })}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
