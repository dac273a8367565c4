import { Badge, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useEos, useMigrations } from './api.js';

/** End-of-support products still running (001 L14566-14608) and crypto migrations (001 L11831-11849). */
export default function EosPage() {
  const { t } = useTranslation('advisories');
  const eos = useEos();
  const mig = useMigrations();
  return (
    <>
      <PageHeader title={t('eos.title')} description={t('eos.description')} />
      <ProblemAlert error={eos.error ?? mig.error} />
      {eos.isPending ? (
        <LoadingState />
      ) : !eos.data || eos.data.items.length === 0 ? (
        <EmptyMessage title={t('eos.empty')} />
      ) : (
        <Table striped mb="xl" data-testid="eos-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eos.product')}</Table.Th>
              <Table.Th>{t('eos.date')}</Table.Th>
              <Table.Th>{t('col.system')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {eos.data.items.map((i) => (
              <Table.Tr key={`${i.vendor}/${i.product}/${i.version}/${i.endOfSupport}`}>
                <Table.Td>
                  {i.vendor} {i.product} {i.version}
                </Table.Td>
                <Table.Td>
                  {i.endOfSupport} {i.passed && <Badge color="red">{t('eos.passed')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {i.systems.map((s) => `${s.code} ${s.name}（${s.unitName}）`).join('、')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mig.data?.migrations.map((m) => (
        <div key={m.key}>
          <Title order={2} size="h4" mb="sm">
            {m.label} — {t('eos.deadline', { date: m.deadline })}{' '}
            {m.passed && <Badge color="red">{t('eos.passed')}</Badge>}
          </Title>
          {m.certificates.length === 0 ? (
            <EmptyMessage title={t('eos.noCertificates')} />
          ) : (
            <Table striped mb="lg">
              <Table.Tbody>
                {m.certificates.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.subject}</Table.Td>
                    <Table.Td>{c.reasons.join(', ')}</Table.Td>
                    <Table.Td>
                      {c.systemCode} {c.systemName}（{c.unitName}）
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
      ))}
    </>
  );
}
