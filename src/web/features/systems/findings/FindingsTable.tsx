import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { BAND_COLORS, STATUS_COLORS } from './api.js';
import type { Finding } from './types.js';

/** The findings of a list page or of a system's panel. */
export function FindingsTable({ items, showSystem = true }: { items: Finding[]; showSystem?: boolean }) {
  const { t, i18n } = useTranslation('findings');
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.title')}</Table.Th>
            {showSystem && <Table.Th>{t('field.system')}</Table.Th>}
            <Table.Th>{t('field.host')}</Table.Th>
            <Table.Th>{t('field.band')}</Table.Th>
            <Table.Th>{t('field.status')}</Table.Th>
            <Table.Th>{t('field.foundOn')}</Table.Th>
            <Table.Th>{t('field.targetDate')}</Table.Th>
            <Table.Th>{t('field.owner')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id} data-testid="finding-row">
              <Table.Td>
                <Anchor component={Link} to={`/findings/${f.id}`}>
                  {f.title}
                </Anchor>
                {f.retest === 'absent' && (
                  <Badge ml="xs" size="xs" color="teal" variant="light">
                    {t('retest.absent')}
                  </Badge>
                )}
              </Table.Td>
              {showSystem && (
                <Table.Td>
                  {f.systemCode} {f.systemName}
                  <Text size="xs" c="dimmed">
                    {f.unitName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>{f.hostLabel}</Table.Td>
              <Table.Td>
                <Badge color={BAND_COLORS[f.band]}>
                  {t(`band.${f.band}`)}
                  {f.cvssScore !== null ? ` ${f.cvssScore.toFixed(1)}` : ''}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[f.status]} variant="light">
                  {t(`status.${f.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(f.foundOn, i18n.language)}</Table.Td>
              <Table.Td>
                <Text c={f.overdue ? 'red' : undefined} fw={f.overdue ? 700 : undefined} size="sm">
                  {formatDate(f.targetDate, i18n.language)}
                  {f.overdue ? ` (${t('overdue')})` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{f.ownerName ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
