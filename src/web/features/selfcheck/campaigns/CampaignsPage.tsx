import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useCampaigns } from '../api.js';
import { pct, STATE_COLORS, share } from '../format.js';

/** The agency's self-check campaigns, newest fiscal year first. */
export default function CampaignsPage() {
  const { t, i18n } = useTranslation('selfcheck');
  const lang = i18n.language;
  const campaigns = useCampaigns();
  const canManage = useCan('selfcheck.manage');
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={
          canManage && (
            <Button
              component={Link}
              to="/selfcheck/campaigns/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('campaigns.new')}
            </Button>
          )
        }
      />
      <ProblemAlert error={campaigns.error} />
      {campaigns.isPending ? (
        <LoadingState />
      ) : !campaigns.data?.length ? (
        <EmptyMessage
          title={t('campaigns.empty')}
          description={canManage ? t('campaigns.emptyHint') : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" aria-label={t('campaigns.title')} data-testid="campaigns-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.col.title')}</Table.Th>
                <Table.Th>{t('campaigns.col.fiscalYear')}</Table.Th>
                <Table.Th>{t('campaigns.col.state')}</Table.Th>
                <Table.Th>{t('campaigns.col.period')}</Table.Th>
                <Table.Th>{t('campaigns.col.submitted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.map((c) => {
                const rate = share(c.counts.submitted, c.counts.inScope);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/selfcheck/campaigns/${c.id}`} fw={600}>
                          {c.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {c.policyName}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{t('fiscalYear', { year: c.fiscalYear })}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge color={STATE_COLORS[c.state]}>{t(`state.${c.state}`)}</Badge>
                        {c.membersPending && (
                          <Badge color="blue" variant="light">
                            {t('statePreparing')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(c.startsOn, lang)} – {formatDate(c.endsOn, lang)}
                    </Table.Td>
                    <Table.Td miw={180}>
                      {c.state === 'draft' ? (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          <Text size="sm">
                            {t('campaigns.submittedOf', {
                              submitted: c.counts.submitted.toLocaleString(),
                              inScope: c.counts.inScope.toLocaleString(),
                              rate: pct(rate),
                            })}
                          </Text>
                          <Progress value={(rate ?? 0) * 100} size="sm" aria-hidden />
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
