import { Anchor, Badge, Button, Group, NumberInput, Paper, Stack, Table } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fiscalYearOf } from '../../../lib/dates.js';
import { api } from '../../app/api.js';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { type Plan, SA, usePlans } from './api.js';

/** The audit plans by fiscal year (003 L826-832), and the way to the findings board. */
export default function SecauditPage() {
  const { t } = useTranslation('secaudit');
  const canManage = useCan('secaudit.manage');
  const plans = usePlans();
  const [year, setYear] = useState<number>(fiscalYearOf(new Date()) + 1);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      api<Plan>('/secaudit/plans', {
        method: 'POST',
        body: { fiscalYear: year, policy: '', targets: '', methods: '', criteria: '' },
      }),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: [SA] });
      navigate(`/secaudit/plans/${p.id}`);
    },
  });
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button component={Link} to="/secaudit/findings" variant="default">
            {t('findings.title')}
          </Button>
        }
      />
      <Stack>
        {canManage && (
          <Paper withBorder p="sm">
            <Group align="flex-end">
              <NumberInput
                label={t('plan.fiscalYear')}
                value={year}
                min={2000}
                max={2100}
                onChange={(v) => setYear(Number(v))}
              />
              <Button onClick={() => create.mutate()} loading={create.isPending}>
                {t('plan.create')}
              </Button>
            </Group>
            <ProblemAlert error={create.error} />
          </Paper>
        )}
        <ProblemAlert error={plans.error} />
        {plans.isPending ? (
          <LoadingState />
        ) : plans.data?.length === 0 ? (
          <EmptyMessage title={t('plan.none')} />
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.fiscalYear')}</Table.Th>
                <Table.Th>{t('plan.version')}</Table.Th>
                <Table.Th>{t('plan.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data?.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/secaudit/plans/${p.id}`}>
                      {t('plan.yearTitle', { year: p.fiscalYear })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.version}</Table.Td>
                  <Table.Td>
                    <Badge color={p.state === 'approved' ? 'green' : 'gray'}>
                      {t(`plan.states.${p.state}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </>
  );
}
