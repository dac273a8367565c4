import { Code, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useAuditLabels } from '../../audit/labels.js';
import { useChangesAfterClose } from '../api.js';

/** Every change recorded after the campaign first closed (answers amended after a reopening, edits, publication). */
export function ChangesAfterClose({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation('selfcheck');
  const labels = useAuditLabels();
  const changes = useChangesAfterClose(campaignId, true);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sc-after-close">
      <Title order={2} size="h5" id="sc-after-close" mb={4}>
        {t('campaign.afterClose.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('campaign.afterClose.help')}
      </Text>
      <ProblemAlert error={changes.error} />
      {changes.isPending ? (
        <LoadingState />
      ) : !changes.data?.length ? (
        <Text size="sm" c="dimmed">
          {t('campaign.afterClose.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('campaign.afterClose.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaign.afterClose.at')}</Table.Th>
                <Table.Th>{t('campaign.afterClose.actor')}</Table.Th>
                <Table.Th>{t('campaign.afterClose.action')}</Table.Th>
                <Table.Th>{t('campaign.afterClose.target')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.data.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: audit rows have no id in this list; order is stable
                <Table.Tr key={i}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{labels.action(e.action)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code fz="xs">{e.targetId ?? '—'}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
