import { Anchor, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useFindings } from './api.js';
import { FindingsTable } from './FindingsTable.js';

/** The findings of one system, for the system page (the ledger registers it). */
export function SystemFindingsPanel({ systemId }: { systemId: string }) {
  const { t } = useTranslation('findings');
  const [page, setPage] = useState(1);
  const list = useFindings({ systemId, page, pageSize: 20, status: 'outstanding' });
  return (
    <Stack data-testid="system-findings">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('panel.title')}
        </Title>
        <Anchor component={Link} to={`/findings?systemId=${systemId}`} size="sm">
          {t('panel.all')}
        </Anchor>
      </Group>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <LoadingState />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage title={t('panel.none')} />
      ) : (
        <>
          <FindingsTable items={list.data.items} showSystem={false} />
          <Pager total={list.data.total} page={page} pageSize={20} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
