import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyDetail } from '../../../app/types.js';
import { EmptyMessage } from '../../../app/ui/States.js';

const KIND_COLORS = { add: 'grape', tighten: 'orange', not_applicable: 'gray' } as const;

/** 「統一基準群との差異」: each item where the policy differs from the standard, both wordings and the reason. */
export function DifferencesTable({ differences }: { differences: PolicyDetail['differences'] }) {
  const { t } = useTranslation('selfcheck');
  if (differences.length === 0) return <EmptyMessage title={t('policy.noDifferences')} />;
  const cell = (x: { title: string; text: string } | null) =>
    x ? (
      <>
        <Text size="sm" fw={600}>
          {x.title}
        </Text>
        <Text size="sm">{x.text}</Text>
      </>
    ) : (
      <Text c="dimmed">—</Text>
    );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        withTableBorder
        withColumnBorders
        verticalSpacing="xs"
        aria-label={t('policy.differencesLabel')}
        data-testid="differences-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policy.col.item')}</Table.Th>
            <Table.Th>{t('policy.col.kind')}</Table.Th>
            <Table.Th w="32%">{t('policy.col.standard')}</Table.Th>
            <Table.Th w="32%">{t('policy.col.policy')}</Table.Th>
            <Table.Th>{t('policy.col.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {differences.map((d) => (
            <Table.Tr key={d.itemId}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Code fz="xs">{d.itemId}</Code>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={KIND_COLORS[d.kind]}>{t(`changeKind.${d.kind}`)}</Badge>
              </Table.Td>
              <Table.Td>{cell(d.standard)}</Table.Td>
              <Table.Td>{cell(d.policy)}</Table.Td>
              <Table.Td>
                <Text size="sm">{d.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
