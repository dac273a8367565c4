import { Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { CvssBadge } from './AdvisoriesPage.js';
import { useAdvisory } from './api.js';
import { ResponsesTable } from './ResponsesTable.js';

/** One advisory: what it affects, and the responses of the systems the user may see. */
export default function AdvisoryPage() {
  const { t } = useTranslation('advisories');
  const { id = '' } = useParams();
  const a = useAdvisory(id);
  if (a.isPending) return <LoadingState />;
  if (a.error || !a.data) return <ProblemAlert error={a.error} />;
  const d = a.data;
  return (
    <>
      <PageHeader title={`${d.trackingId} ${d.title}`} description={d.summary || undefined} />
      <Stack gap="xs" mb="lg">
        <Group>
          <CvssBadge score={d.cvssScore} />
          {d.cvssVector && <Code>{d.cvssVector}</Code>}
          <Badge variant="outline">{t(`source.${d.source}`)}</Badge>
          {d.cves.map((c) => (
            <Badge key={c} variant="light">
              {c}
            </Badge>
          ))}
        </Group>
        <Text size="sm">{t('detail.published', { date: d.published ?? '—' })}</Text>
        <Title order={2} size="h4">
          {t('detail.products')}
        </Title>
        {d.products.map((p) => (
          <Text key={`${p.vendor}/${p.product}/${p.cpe}/${JSON.stringify(p.ranges)}`} size="sm">
            {[p.vendor, p.product].filter(Boolean).join(' ')} {p.cpe && <Code>{p.cpe}</Code>}{' '}
            {p.ranges.map((r) => JSON.stringify(r)).join(' ')}
          </Text>
        ))}
      </Stack>
      <Title order={2} size="h4" mb="sm">
        {t('detail.responses')}
      </Title>
      {d.responses.length === 0 ? (
        <EmptyMessage title={t('detail.none')} />
      ) : (
        <ResponsesTable items={d.responses} />
      )}
    </>
  );
}
