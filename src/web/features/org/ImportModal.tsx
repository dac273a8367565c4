import { Button, Checkbox, FileInput, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { ImportErrors, ImportSummaryView } from './ImportResult.js';
import { type ImportKind, type ImportSummary, runImport } from './import-api.js';

/**
 * Import units or staff from CSV/Excel in two steps: a dry run shows what would change (or every error,
 * in which case nothing is imported), then the import itself.
 */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation(['org', 'common']);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('staff');
  const [file, setFile] = useState<File | null>(null);
  const [fullRoster, setFullRoster] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setSummary(null);
    setError(null);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    reset();
    try {
      setSummary(await runImport(kind, file, { dryRun, fullRoster }));
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['org'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('import.title')} size="lg">
      <Stack>
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as ImportKind);
            reset();
          }}
          data={[
            { value: 'staff', label: t('import.kind.staff') },
            { value: 'org', label: t('import.kind.org') },
          ]}
          aria-label={t('import.kindLabel')}
        />
        <Text size="sm" c="dimmed">
          {kind === 'staff' ? t('import.columns.staff') : t('import.columns.org')}
        </Text>
        <FileInput
          label={t('import.file')}
          description={t('import.fileHelp')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            reset();
          }}
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          clearable
        />
        {kind === 'staff' && (
          <Checkbox
            label={t('import.fullRoster')}
            description={t('import.fullRosterHelp')}
            checked={fullRoster}
            onChange={(e) => {
              setFullRoster(e.currentTarget.checked);
              reset();
            }}
          />
        )}
        {error instanceof ApiError && error.code === 'import_invalid' ? (
          <ImportErrors error={error} />
        ) : (
          <ProblemAlert error={error} />
        )}
        {summary && <ImportSummaryView summary={summary} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.close')}
          </Button>
          <Button variant="light" onClick={() => run(true)} loading={busy && !summary} disabled={!file}>
            {t('import.check')}
          </Button>
          <Button onClick={() => run(false)} loading={busy} disabled={!file || !summary?.dryRun}>
            {t('import.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
