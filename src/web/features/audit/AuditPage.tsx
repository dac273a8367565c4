import { Grid, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../app/types.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { AUDIT_PAGE_SIZE, type AuditFilter, emptyAuditFilter, useAuditEvents } from './api.js';
import { EventDetail } from './EventDetail.js';
import { VerifyChain } from './VerifyChain.js';

/** The agency's tamper-evident audit trail: filters, newest first, and a chain check. */
export default function AuditPage() {
  const { t } = useTranslation('audit');
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const events = useAuditEvents(filter);
  const data = events.data;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Paper withBorder p="sm">
            <AuditFilters filter={filter} onChange={(patch) => setFilter((f) => ({ ...f, ...patch }))} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Paper withBorder p="sm">
            <VerifyChain />
          </Paper>
        </Grid.Col>
      </Grid>
      <Stack mt="md">
        <ProblemAlert error={events.error} />
        {events.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('empty')} />
        ) : (
          data && <AuditTable items={data.items} onOpen={setOpen} dim={events.isPlaceholderData} />
        )}
        {data && data.total > 0 && (
          <Pager
            total={data.total}
            page={filter.page}
            pageSize={AUDIT_PAGE_SIZE}
            onChange={(page) => setFilter((f) => ({ ...f, page }))}
          />
        )}
      </Stack>
      <EventDetail event={open} onClose={() => setOpen(null)} />
    </>
  );
}
