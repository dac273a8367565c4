import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fiscalYearOf } from '../../../lib/dates.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import {
  FINDING_STATES,
  type FindingFilter,
  findingsExportHref,
  PAGE_SIZE,
  SEVERITY_COLORS,
  STATE_COLORS,
  useFindings,
} from './api.js';

/** The findings board of a fiscal year: open ones by due date first, carried-over ones marked (000 L523-529). */
export default function FindingsPage() {
  const { t } = useTranslation('secaudit');
  // The annual report links here with ?fiscalYear= (the year the figure counts).
  const [params] = useSearchParams();
  const linkedYear = Number(params.get('fiscalYear'));
  const [f, setF] = useState<FindingFilter>({
    fiscalYear:
      Number.isInteger(linkedYear) && linkedYear >= 2000 && linkedYear <= 2100
        ? linkedYear
        : fiscalYearOf(new Date()),
    state: null,
    carriedOver: false,
    pastDue: false,
    q: '',
    page: 1,
  });
  const set = (patch: Partial<FindingFilter>) => setF({ ...f, page: 1, ...patch });
  const list = useFindings(f);
  const data = list.data;
  return (
    <>
      <PageHeader
        title={t('findings.title')}
        description={t('findings.description')}
        actions={
          <Button component="a" href={findingsExportHref(f)} variant="default">
            {t('findings.export')}
          </Button>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group align="flex-end">
          <NumberInput
            label={t('plan.fiscalYear')}
            value={f.fiscalYear}
            min={2000}
            max={2100}
            w={120}
            onChange={(v) => set({ fiscalYear: Number(v) })}
          />
          <Select
            label={t('findings.state')}
            clearable
            data={FINDING_STATES.map((s) => ({ value: s, label: t(`findings.states.${s}`) }))}
            value={f.state}
            onChange={(v) => set({ state: (v as FindingFilter['state']) ?? null })}
          />
          <TextInput
            label={t('findings.search')}
            value={f.q}
            onChange={(e) => set({ q: e.currentTarget.value })}
          />
          <Checkbox
            label={t('findings.carriedOver')}
            checked={f.carriedOver}
            onChange={(e) => set({ carriedOver: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('findings.pastDue')}
            checked={f.pastDue}
            onChange={(e) => set({ pastDue: e.currentTarget.checked })}
          />
        </Group>
      </Paper>
      <Stack>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('findings.empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover opacity={list.isPlaceholderData ? 0.6 : 1}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('findings.clause')}</Table.Th>
                    <Table.Th>{t('findings.unit')}</Table.Th>
                    <Table.Th>{t('findings.severity')}</Table.Th>
                    <Table.Th>{t('findings.state')}</Table.Th>
                    <Table.Th>{t('findings.dueOn')}</Table.Th>
                    <Table.Th>{t('findings.raisedIn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/secaudit/findings/${x.id}`}>
                          {x.clause}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{x.unitName}</Table.Td>
                      <Table.Td>
                        <Badge color={SEVERITY_COLORS[x.severity]} variant="light">
                          {t(`findings.severities.${x.severity}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATE_COLORS[x.state]}>{t(`findings.states.${x.state}`)}</Badge>
                      </Table.Td>
                      <Table.Td>
                        {x.dueOn ?? '—'}{' '}
                        {x.pastDue && (
                          <Badge color="red" variant="outline">
                            {t('findings.pastDue')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {x.fiscalYear}{' '}
                        {x.carriedOver && (
                          <Badge color="grape" variant="light" data-testid="carried-over">
                            {t('findings.carriedOver')}
                          </Badge>
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
          <Pager
            total={data.total}
            page={f.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setF({ ...f, page })}
          />
        )}
      </Stack>
    </>
  );
}
