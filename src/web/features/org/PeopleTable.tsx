import { Anchor, Badge, Box, LoadingOverlay, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { useUnitLabel } from '../../app/units.js';
import { type PeopleFilter, usePeople } from './api.js';
import { STATUS_COLORS } from './labels.js';
import { PeopleSearch } from './PeopleSearch.js';

interface Props {
  filter: PeopleFilter;
  onChange(patch: Partial<PeopleFilter>): void;
  onOpen(personId: string): void;
  caption: string;
}

export function PeopleTable({ filter, onChange, onOpen, caption }: Props) {
  const { t } = useTranslation('org');
  const unitLabel = useUnitLabel();
  const people = usePeople(filter);
  const data = people.data;
  return (
    <Stack gap="sm">
      <PeopleSearch filter={filter} onChange={onChange} />
      <ProblemAlert error={people.error} />
      {people.isPending ? (
        <LoadingState />
      ) : data && data.items.length === 0 ? (
        <EmptyMessage title={t('people.empty')} description={filter.q ? t('people.emptyHint') : undefined} />
      ) : data ? (
        <Box pos="relative">
          <LoadingOverlay
            visible={people.isPlaceholderData}
            overlayProps={{ blur: 0, opacity: 0.4 }}
            loaderProps={{ size: 'sm' }}
          />
          <Table.ScrollContainer minWidth={640}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="xs"
              aria-label={caption}
              data-testid="people-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('people.staffNo')}</Table.Th>
                  <Table.Th>{t('people.name')}</Table.Th>
                  <Table.Th>{t('people.unit')}</Table.Th>
                  <Table.Th>{t('people.employment')}</Table.Th>
                  <Table.Th>{t('people.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.id} className="clickable-row" onClick={() => onOpen(p.id)}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {p.staffNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        fw={600}
                        onClick={(e) => {
                          e.stopPropagation();
                          onOpen(p.id);
                        }}
                      >
                        {p.name}
                      </Anchor>
                      {p.kana && (
                        <Text size="xs" c="dimmed">
                          {p.kana}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{unitLabel(p.unitId, p.unitName)}</Table.Td>
                    <Table.Td>{t(`employment.${p.employmentType}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[p.status]}>{t(`status.${p.status}`)}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      ) : null}
      {data && data.total > 0 && (
        <Pager
          total={data.total}
          page={data.page}
          pageSize={data.pageSize}
          onChange={(page) => onChange({ page })}
        />
      )}
    </Stack>
  );
}
