import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useResponses } from './api.js';
import { ResponsesTable } from './ResponsesTable.js';

/** For the ledger's system page (panels slot): the advisories affecting this system and their responses. */
export function SystemAdvisoriesPanel({ systemId }: { systemId: string }) {
  const { t } = useTranslation('advisories');
  const list = useResponses('/advisories/responses', { systemId, page: 1, pageSize: 200 });
  return (
    <>
      <Title order={2} size="h4" mb="sm">
        {t('panel.title')}
      </Title>
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data || list.data.items.length === 0 ? (
        <EmptyMessage title={t('panel.empty')} />
      ) : (
        <ResponsesTable items={list.data.items} showAdvisory />
      )}
    </>
  );
}
