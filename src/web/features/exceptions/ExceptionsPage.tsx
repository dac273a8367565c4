import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import {
  type ExceptionFilter,
  PAGE_SIZE,
  registerHref,
  STATUS_COLORS,
  STATUSES,
  useExceptions,
} from './api.js';

/** The exception register (003 L940-944): one's own requests, and the subtree's for approvers and auditors. */
export default function ExceptionsPage() {
  const { t } = useTranslation('exceptions');
  const canExport = useCan('exception.view');
  // The annual report links here with ?status= (the figure's own filter).
  const [params] = useSearchParams();
  const linked = params.get('status');
  const [f, setF] = useState<ExceptionFilter>({
    status: STATUSES.find((s) => s === linked) ?? null,
    q: '',
    page: 1,
  });
  const list = useExceptions(f);
  const data = list.data;
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Group>
            {canExport && (
              <Button component="a" href={registerHref(f)} variant="default">
                {t('export')}
              </Button>
            )}
            <Button component={Link} to="/exceptions/new">
              {t('new')}
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group>
          <Select
            label={t('filter.status')}
            clearable
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={f.status}
            onChange={(v) => setF({ ...f, status: (v as ExceptionFilter['status']) ?? null, page: 1 })}
          />
          <TextInput
            label={t('filter.q')}
            value={f.q}
            onChange={(e) => setF({ ...f, q: e.currentTarget.value, page: 1 })}
          />
        </Group>
      </Paper>
      <Stack>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover opacity={list.isPlaceholderData ? 0.6 : 1}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('field.clause')}</Table.Th>
                    <Table.Th>{t('field.unit')}</Table.Th>
                    <Table.Th>{t('field.requester')}</Table.Th>
                    <Table.Th>{t('field.period')}</Table.Th>
                    <Table.Th>{t('field.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/exceptions/${x.id}`}>
                          {x.clause}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{x.unitName}</Table.Td>
                      <Table.Td>{x.requesterName}</Table.Td>
                      <Table.Td>
                        {x.fromOn} – {x.toOn}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[x.status]}>{t(`status.${x.status}`)}</Badge>
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
