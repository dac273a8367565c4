import { Checkbox, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportActions } from '../../app/ui/ImportActions.js';
import { ImportFileInput } from '../../app/ui/ImportFileInput.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { useDryRunImport } from '../../app/useDryRunImport.js';
import { ImportErrors, ImportSummaryView } from './ImportResult.js';
import { type ImportKind, runImport } from './import-api.js';

/**
 * Import units or staff from CSV/Excel in two steps: a dry run shows what would change (or every error,
 * in which case nothing is imported), then the import itself.
 */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation(['org', 'common']);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('staff');
  const [fullRoster, setFullRoster] = useState(false);
  const {
    file,
    setFile,
    result: summary,
    error,
    invalid,
    busy,
    reset,
    run,
    clear,
  } = useDryRunImport(
    (f: File, dryRun: boolean) => runImport(kind, f, { dryRun, fullRoster }),
    () => queryClient.invalidateQueries({ queryKey: ['org'] }),
  );
  const close = () => {
    clear();
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
        <ImportFileInput
          label={t('import.file')}
          description={t('import.fileHelp')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          state={{ file, setFile, reset }}
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
        {invalid ? <ImportErrors error={invalid} /> : <ProblemAlert error={error} />}
        {summary && <ImportSummaryView summary={summary} />}
        <ImportActions
          busy={busy}
          file={file}
          result={summary}
          checkLabel={t('import.check')}
          runLabel={t('import.run')}
          onClose={close}
          onRun={run}
        />
      </Stack>
    </Modal>
  );
}
