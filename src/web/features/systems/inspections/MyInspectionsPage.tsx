import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useMyTargets } from './api.js';
import { GradeBadge } from './GradeTable.js';

/** The hosts the signed-in person answers for, open rounds first. */
export default function MyInspectionsPage() {
  const { t, i18n } = useTranslation('inspections');
  const mine = useMyTargets();
  return (
    <>
      <PageHeader title={t('mine.title')} description={t('mine.description')} />
      <ProblemAlert error={mine.error} />
      {mine.isPending ? (
        <LoadingState />
      ) : (mine.data ?? []).length === 0 ? (
        <EmptyMessage title={t('mine.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped verticalSpacing="sm" aria-label={t('mine.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rounds.col.name')}</Table.Th>
                <Table.Th>{t('grades.col.system')}</Table.Th>
                <Table.Th>{t('grades.col.host')}</Table.Th>
                <Table.Th>{t('rounds.col.status')}</Table.Th>
                <Table.Th>{t('grades.col.grade')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(mine.data ?? []).map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>
                    <Text fw={600}>{x.roundName}</Text>
                    <Text size="xs" c="dimmed">
                      {t('round.referenceDate', { date: formatDate(x.referenceDate, i18n.language) })}
                      {x.dueOn ? `　${t('round.dueOn', { date: formatDate(x.dueOn, i18n.language) })}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{x.systemName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/inspections/targets/${x.id}`}>
                      {x.hostName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`role.${x.role}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {x.submittedAt ? (
                      <Badge color="green">{t('status.submitted')}</Badge>
                    ) : (
                      <Text size="sm">{t('mine.answered', { answered: x.answered, items: x.items })}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <GradeBadge grade={x.grade} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
