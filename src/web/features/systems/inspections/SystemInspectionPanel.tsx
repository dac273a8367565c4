import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useSystemTargets } from './api.js';
import { GradeBadge } from './GradeTable.js';

/** For the system page: each host's grade in every round (the lead registers it there). */
export function SystemInspectionPanel({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation('inspections');
  const targets = useSystemTargets(systemId);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('panel.title')}
      </Title>
      <ProblemAlert error={targets.error} />
      {targets.isPending ? (
        <LoadingState />
      ) : (targets.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('panel.empty')}</Text>
      ) : (
        <Table aria-label={t('panel.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rounds.col.name')}</Table.Th>
              <Table.Th>{t('grades.col.host')}</Table.Th>
              <Table.Th>{t('rounds.col.status')}</Table.Th>
              <Table.Th>{t('grades.col.grade')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(targets.data ?? []).map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>
                  {x.roundName}
                  <Text size="xs" c="dimmed">
                    {formatDate(x.referenceDate, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/inspections/targets/${x.id}`}>
                    {x.hostName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {x.submittedAt
                    ? t('status.submitted')
                    : t('mine.answered', { answered: x.answered, items: x.items })}
                </Table.Td>
                <Table.Td>
                  <GradeBadge grade={x.grade} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
