import { Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useSubmissions } from './api.js';
import { SubmissionsTable, useKindLabel } from './SubmissionsTable.js';
import { recentFiscalYears } from './ui.js';

/** 提出一覧: everything agencies submitted to the central body, every version, 独法 via their ministry. */
export default function SubmissionsPage() {
  const { t } = useTranslation('central');
  const kindLabel = useKindLabel();
  const [fy, setFy] = useState<number | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = useSubmissions(fy);
  const kinds = [...new Set((q.data ?? []).map((s) => s.kind))].sort();
  const needle = search.trim().toLowerCase();
  const items = (q.data ?? []).filter(
    (s) =>
      (!kind || s.kind === kind) &&
      (!needle ||
        [s.agencyNameJa, s.agencyNameEn ?? '', s.agencyCode, s.title, s.via?.nameJa ?? '']
          .join(' ')
          .toLowerCase()
          .includes(needle)),
  );
  return (
    <>
      <PageHeader title={t('submissions.title')} description={t('submissions.description')} />
      <Stack>
        <Paper withBorder p="sm">
          <Group align="flex-end">
            <Select
              label={t('fiscalYear')}
              clearable
              placeholder={t('submissions.allYears')}
              data={recentFiscalYears().map((y) => ({
                value: String(y),
                label: t('fiscalYearValue', { year: y }),
              }))}
              value={fy === null ? null : String(fy)}
              onChange={(v) => setFy(v ? Number(v) : null)}
              w={180}
            />
            <Select
              label={t('submissions.kind')}
              clearable
              placeholder={t('submissions.allKinds')}
              data={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
              value={kind}
              onChange={setKind}
              w={220}
            />
            <TextInput
              type="search"
              label={t('submissions.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
          </Group>
        </Paper>
        <ProblemAlert error={q.error} />
        {q.isPending ? (
          <LoadingState />
        ) : (
          <SubmissionsTable
            key={`${fy}-${kind}-${needle}`}
            side="central"
            label={t('submissions.title')}
            items={items}
            testId="central-submissions"
          />
        )}
      </Stack>
    </>
  );
}
