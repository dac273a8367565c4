import { Anchor, Badge, Group, Table } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../app/format.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useCourseContent, useMyAttempts } from '../api.js';

/** The person's attempts at one course's test, newest first; each opens its marked result. */
export default function HistoryPage() {
  const { courseId = '' } = useParams();
  const { t, i18n } = useTranslation('training');
  const course = useCourseContent(courseId);
  const attempts = useMyAttempts(courseId);
  const items = attempts.data ?? [];
  return (
    <>
      <Anchor component={Link} to={`/training/my/${courseId}`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('test.backToCourse')}
        </Group>
      </Anchor>
      <PageHeader title={t('history.title', { title: course.data?.course.title ?? '' })} />
      <ProblemAlert error={attempts.error ?? course.error} />
      {attempts.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyMessage title={t('history.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label={t('history.label')} data-testid="tr-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.col.at')}</Table.Th>
                <Table.Th>{t('history.col.score')}</Table.Th>
                <Table.Th>{t('history.col.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.submittedAt ?? a.startedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {a.correctCount === null
                      ? '—'
                      : t('history.score', { correct: a.correctCount, total: a.total })}
                  </Table.Td>
                  <Table.Td>
                    {a.state !== 'submitted' ? (
                      <Badge color="gray">{t(`history.state.${a.state}`)}</Badge>
                    ) : (
                      <Badge color={a.passed ? 'green' : 'red'}>
                        {a.passed ? t('history.passed') : t('history.failed')}
                      </Badge>
                    )}
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
