import { Code, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnnualStatement } from '../../../modules/report/figures-model.js';
import { STATEMENT_ITEMS } from '../../../modules/report/figures-model.js';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type SubmissionDetail, useSubmission } from './api.js';
import { AgencyName, byGroupOrder, usePct } from './ui.js';

type Headline = {
  coverage: number | null;
  implementation: { nisc: number | null };
  attainment: { '100': number | null; '95': number | null; '90': number | null };
};

/** A submission's main figures, in a dialog: exactly what the agency sent (the payload), nothing else. */
export function SubmissionDialog(props: { side: 'central' | 'own'; id: string | null; onClose(): void }) {
  const { t } = useTranslation('central');
  const q = useSubmission(props.side, props.id);
  return (
    <Modal opened={props.id !== null} onClose={props.onClose} title={t('detail.title')} size="xl">
      <ProblemAlert error={q.error} />
      {q.isPending ? <LoadingState /> : q.data ? <Detail s={q.data} /> : null}
    </Modal>
  );
}

function Detail({ s }: { s: SubmissionDetail }) {
  const { t, i18n } = useTranslation('central');
  const agency = { code: s.agencyCode, nameJa: s.agencyNameJa, nameEn: s.agencyNameEn };
  return (
    <Stack>
      <SimpleGrid cols={2} spacing="xs">
        <Text size="sm" c="dimmed">
          {t('agencyName')}
        </Text>
        <div>
          <AgencyName agency={agency} via={s.via} />
        </div>
        <Text size="sm" c="dimmed">
          {t('submissions.subject')}
        </Text>
        <Text size="sm">{s.title}</Text>
        <Text size="sm" c="dimmed">
          {t('submissions.version')}
        </Text>
        <Text size="sm">{s.version}</Text>
        <Text size="sm" c="dimmed">
          {t('submissions.at')}
        </Text>
        <Text size="sm">{formatDateTime(s.submittedAt, i18n.language)}</Text>
      </SimpleGrid>
      {s.kind === 'annual.statement' ? (
        <StatementFigures p={s.payload as AnnualStatement} />
      ) : s.kind === 'selfcheck.results' ? (
        <HeadlineTable
          overall={(s.payload as { overall: Headline }).overall}
          groups={(s.payload as { groups?: Record<string, Headline> }).groups ?? {}}
        />
      ) : (
        <Code block>{JSON.stringify(s.payload, null, 2)}</Code>
      )}
    </Stack>
  );
}

function HeadlineTable(props: { overall: Headline; groups: Record<string, Headline> }) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const rows: [string, Headline][] = [
    [t('national.overall'), props.overall],
    ...Object.entries(props.groups)
      .sort(([a], [b]) => byGroupOrder(a, b))
      .map(([g, f]) => [t(`group.${g}`, { defaultValue: g }), f] as [string, Headline]),
  ];
  return (
    <Table striped aria-label={t('tab.selfcheck')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('national.scope')}</Table.Th>
          <Table.Th ta="right">{t('rate.coverage')}</Table.Th>
          <Table.Th ta="right">{t('rate.nisc')}</Table.Th>
          <Table.Th ta="right">{t('rate.attainment100')}</Table.Th>
          <Table.Th ta="right">{t('rate.attainment95')}</Table.Th>
          <Table.Th ta="right">{t('rate.attainment90')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, f]) => (
          <Table.Tr key={label}>
            <Table.Td>{label}</Table.Td>
            <Table.Td ta="right">{pct(f?.coverage)}</Table.Td>
            <Table.Td ta="right">{pct(f?.implementation?.nisc)}</Table.Td>
            <Table.Td ta="right">{pct(f?.attainment?.['100'])}</Table.Td>
            <Table.Td ta="right">{pct(f?.attainment?.['95'])}</Table.Td>
            <Table.Td ta="right">{pct(f?.attainment?.['90'])}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The statement's figures (001 L4252-4282): self-check, inspection, drills, training, incidents, items (1)-(5). */
function StatementFigures({ p }: { p: AnnualStatement }) {
  const { t, i18n } = useTranslation('central');
  const pct = usePct();
  const en = i18n.language.startsWith('en');
  const grades = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of p.inspections?.rounds ?? [])
    for (const g of ['A', 'B', 'C', 'D'] as const) grades[g] += r.grades[g];
  const drills = p.drills?.drills ?? [];
  const delivered = drills.reduce((s, d) => s + d.delivered, 0);
  const opened = drills.reduce((s, d) => s + d.opened, 0);
  const none = t('detail.notUsed');
  return (
    <Stack>
      <Title order={3} size="h5">
        {t('tab.selfcheck')}
      </Title>
      {p.selfcheck ? (
        <HeadlineTable overall={p.selfcheck.overall} groups={p.selfcheck.groups} />
      ) : (
        <Text c="dimmed">{none}</Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact label={t('tab.inspection')}>
          {p.inspections ? (['A', 'B', 'C', 'D'] as const).map((g) => `${g} ${grades[g]}`).join(' / ') : none}
        </Fact>
        <Fact label={t('drills.openRate')}>
          {p.drills ? `${pct(delivered ? opened / delivered : null)} (${opened} / ${delivered})` : none}
        </Fact>
        <Fact label={t('training.rate')}>
          {p.training
            ? `${pct(p.training.overall.rate)} (${p.training.overall.completed} / ${p.training.overall.assigned})`
            : none}
        </Fact>
      </SimpleGrid>
      <Fact label={t('tab.incidents')}>
        {p.incidents ? p.incidents.byType.map((x) => `${x.label} ${x.count}`).join('、') || '0' : none}
      </Fact>
      <Title order={3} size="h5">
        {t('detail.narrative')}
      </Title>
      {STATEMENT_ITEMS.map((item, i) => (
        <Stack key={item.key} gap={2}>
          <Text size="sm" fw={600}>
            ({i + 1}) {en ? item.en : item.ja}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {p.narrative?.[item.key] || '—'}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm">{props.children}</Text>
    </Stack>
  );
}
