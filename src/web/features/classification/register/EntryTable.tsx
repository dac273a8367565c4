import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import type { ClassificationPolicy, Entry } from '../types.js';
import { EntryStatusBadge, LevelBadge, RestrictionList } from '../ui/badges.js';

/** Register rows: serial number and title, level, restrictions, unit and owner, status, review date. */
export function EntryTable({
  items,
  policy,
  dim,
  label,
}: {
  items: Entry[];
  policy: ClassificationPolicy | undefined;
  dim?: boolean;
  label: string;
}) {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table
        striped
        verticalSpacing="sm"
        aria-label={label}
        data-testid="entries-table"
        style={{ opacity: dim ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('register.col.title')}</Table.Th>
            <Table.Th>{t('register.col.level')}</Table.Th>
            <Table.Th>{t('register.col.restrictions')}</Table.Th>
            <Table.Th>{t('register.col.unit')}</Table.Th>
            <Table.Th>{t('register.col.status')}</Table.Th>
            <Table.Th>{t('register.col.review')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/classification/register/${e.id}`} fw={600}>
                    {e.title}
                  </Anchor>
                  {e.serialNo && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      {t('entry.serial', { serial: e.serialNo })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <LevelBadge policy={policy} value={e.confidentiality} />
              </Table.Td>
              <Table.Td>
                <RestrictionList policy={policy} restrictions={e.restrictions} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{e.unitName}</Text>
                  <Text size="xs" c="dimmed">
                    {e.owner.name}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <EntryStatusBadge status={e.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" c={e.reviewDue ? 'red' : undefined} fw={e.reviewDue ? 600 : undefined}>
                  {formatDate(e.reviewDueOn, lang)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
