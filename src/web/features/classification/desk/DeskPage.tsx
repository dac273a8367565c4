import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useActivePolicy, useDashboard } from '../api.js';
import { RequestTable } from '../requests/RequestTable.js';
import type { Entry } from '../types.js';
import { LevelBadge } from '../ui/badges.js';

function Section({
  id,
  title,
  count,
  more,
  children,
}: {
  id: string;
  title: string;
  count: number;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={`desk-${id}`}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id={`desk-${id}`}>
            {title}
          </Title>
          <Badge variant="light" data-testid={`desk-${id}-count`}>
            {count}
          </Badge>
        </Group>
        {more && count > 0 && (
          <Button component={Link} to={more.to} variant="subtle" size="xs">
            {more.label}
          </Button>
        )}
      </Group>
      {children}
    </Card>
  );
}

function EntryList({ items, date }: { items: Entry[]; date: (e: Entry) => string }) {
  const { t } = useTranslation('classification');
  const policy = useActivePolicy();
  if (items.length === 0) return <EmptyMessage title={t('desk.nothing')} />;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/classification/register/${e.id}`} fw={600}>
                  {e.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {e.unitName} · {e.owner.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <LevelBadge policy={policy.data} value={e.confidentiality} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{date(e)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The division head's desk: classifications to confirm, requests to decide, reviews that are due. */
export default function DeskPage() {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const desk = useDashboard();
  const d = desk.data;
  return (
    <>
      <PageHeader title={t('desk.title')} description={t('desk.description')} />
      <ProblemAlert error={desk.error} />
      {desk.isPending ? (
        <LoadingState />
      ) : (
        d && (
          <Stack>
            <Section
              id="confirmations"
              title={t('desk.confirmations')}
              count={d.pendingConfirmations.count}
              more={{ to: '/classification?status=proposed', label: t('desk.all') }}
            >
              <EntryList
                items={d.pendingConfirmations.items}
                date={(e) => formatDateTime(e.proposedAt, lang)}
              />
            </Section>
            <Section
              id="requests"
              title={t('desk.requests')}
              count={d.pendingRequests.count}
              more={{ to: '/classification/requests?queue=approver', label: t('desk.all') }}
            >
              {d.pendingRequests.items.length === 0 ? (
                <EmptyMessage title={t('desk.nothing')} />
              ) : (
                <RequestTable items={d.pendingRequests.items} label={t('desk.requests')} withDecide />
              )}
            </Section>
            <Section
              id="reviews"
              title={t('desk.reviews')}
              count={d.reviewsDue.count}
              more={{ to: '/classification?reviewDue=true', label: t('desk.all') }}
            >
              <EntryList items={d.reviewsDue.items} date={(e) => formatDate(e.reviewDueOn, lang)} />
            </Section>
          </Stack>
        )
      )}
    </>
  );
}
