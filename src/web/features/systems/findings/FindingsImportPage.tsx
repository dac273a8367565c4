import {
  Alert,
  Button,
  Group,
  List,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ImportFileInput } from '../../../app/ui/ImportFileInput.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useDryRunImport } from '../../../app/useDryRunImport.js';
import { FK } from './api.js';
import type { FindingImport } from './types.js';

type Format = 'csv' | 'testssl' | 'zap';

/** Upload a diagnosis (CSV, testssl.sh JSON, OWASP ZAP JSON): dry run first, then apply. */
export default function FindingsImportPage() {
  const { t } = useTranslation('findings');
  const qc = useQueryClient();
  const [format, setFormat] = useState<Format>('csv');
  const [unmatched, setUnmatched] = useState<'refuse' | 'list'>('refuse');
  const [foundOn, setFoundOn] = useState<string | null>(null);
  const state = useDryRunImport<FindingImport>(
    (file, dryRun) =>
      api<FindingImport>('/findings/import', {
        method: 'POST',
        file: { data: file, contentType: 'application/octet-stream' },
        query: { format, fileName: file.name, dryRun, unmatched, foundOn: foundOn ?? undefined },
      }),
    () => qc.invalidateQueries({ queryKey: [FK] }),
  );
  const r = state.result;
  return (
    <Stack maw={960}>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <SegmentedControl
        value={format}
        onChange={(v) => {
          setFormat(v as Format);
          state.reset();
        }}
        data={(['csv', 'testssl', 'zap'] as const).map((f) => ({ value: f, label: t(`source.${f}`) }))}
      />
      <Text size="sm" c="dimmed">
        {t(`import.help.${format}`)}
      </Text>
      <ImportFileInput
        label={t('import.file')}
        accept={format === 'csv' ? '.csv,text/csv' : '.json,application/json'}
        state={state}
      />
      <TextInput
        type="date"
        label={t('import.foundOn')}
        value={foundOn ?? ''}
        onChange={(e) => setFoundOn(e.currentTarget.value || null)}
      />
      <Radio.Group
        value={unmatched}
        onChange={(v) => setUnmatched(v as 'refuse' | 'list')}
        label={t('import.unmatched')}
      >
        <Group mt="xs">
          <Radio value="refuse" label={t('import.refuse')} />
          <Radio value="list" label={t('import.list')} />
        </Group>
      </Radio.Group>
      <Group>
        <Button variant="default" disabled={!state.file} loading={state.busy} onClick={() => state.run(true)}>
          {t('import.dryRun')}
        </Button>
        <Button disabled={!state.file || !r?.dryRun} loading={state.busy} onClick={() => state.run(false)}>
          {t('import.apply')}
        </Button>
      </Group>
      {state.invalid ? (
        <Alert color="red" title={state.invalid.problem.title}>
          <List size="sm">
            {(state.invalid.problem.errors ?? []).map((e) => (
              <List.Item key={`${e.path}-${e.message}`}>
                {e.path}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={state.error} />
      )}
      {r && (
        <Stack data-testid="findings-import-result">
          <Alert color={r.dryRun ? 'blue' : 'green'}>
            {t(r.dryRun ? 'import.planned' : 'import.done', r.counts)}
          </Alert>
          {r.unassigned.length > 0 && (
            <Alert color="yellow" title={t('import.unassigned')}>
              <List size="sm">
                {r.unassigned.map((u) => (
                  <List.Item key={u.where}>
                    {u.where}: {u.systemCode ?? ''} {u.host} — {u.title} ({t(`reason.${u.reason}`)})
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.action')}</Table.Th>
                <Table.Th>{t('field.system')}</Table.Th>
                <Table.Th>{t('field.host')}</Table.Th>
                <Table.Th>{t('field.title')}</Table.Th>
                <Table.Th>{t('field.band')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((i) => (
                <Table.Tr key={`${i.action}-${i.systemId}-${i.hostLabel}-${i.title}`}>
                  <Table.Td>{t(`plan.${i.action}`)}</Table.Td>
                  <Table.Td>{i.systemCode}</Table.Td>
                  <Table.Td>{i.hostLabel}</Table.Td>
                  <Table.Td>{i.title}</Table.Td>
                  <Table.Td>{t(`band.${i.band}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
