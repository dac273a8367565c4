import { Alert, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportActions } from '../../../app/ui/ImportActions.js';
import { ImportFileInput } from '../../../app/ui/ImportFileInput.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useDryRunImport } from '../../../app/useDryRunImport.js';
import { importCatalog, keys } from '../api.js';

/**
 * Import a catalog version (e.g. the official text) from YAML or .xlsx: a dry run first shows what would be
 * stored, or every error with its line and column (then nothing is stored); then the import itself.
 */
export function CatalogImportModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation(['selfcheck', 'common']);
  const queryClient = useQueryClient();
  const { file, setFile, result, error, invalid, busy, reset, run, clear } = useDryRunImport(
    (f: File, dryRun: boolean) => importCatalog(f, dryRun),
    () => queryClient.invalidateQueries({ queryKey: keys.catalogs }),
  );
  const close = () => {
    clear();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('catalogs.importTitle')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('catalogs.importHelp')}
        </Text>
        <ImportFileInput
          label={t('catalogs.file')}
          accept=".yaml,.yml,.xlsx,application/yaml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          state={{ file, setFile, reset }}
        />
        {invalid ? (
          <Alert color="red" title={invalid.problem.title} role="alert" data-testid="catalog-import-errors">
            <Text size="sm" mb="xs">
              {t('catalogs.errorCount', {
                count: invalid.problem.errorCount ?? invalid.problem.errors?.length ?? 0,
              })}
            </Text>
            <ScrollArea.Autosize mah={300} type="auto">
              <Table verticalSpacing={2} aria-label={t('catalogs.errorsLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalogs.line')}</Table.Th>
                    <Table.Th>{t('catalogs.column')}</Table.Th>
                    <Table.Th>{t('catalogs.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(invalid.problem.errors ?? []).map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the same message can repeat on one line
                    <Table.Tr key={i}>
                      <Table.Td>{e.line ?? '—'}</Table.Td>
                      <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }} maw={260}>
                        {e.column ?? e.path}
                      </Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Alert>
        ) : (
          <ProblemAlert error={error} />
        )}
        {result && (
          <Alert
            color={result.dryRun ? 'blue' : 'green'}
            role="status"
            title={result.dryRun ? t('catalogs.preview') : t('catalogs.done')}
          >
            {t('catalogs.resultBody', {
              code: result.code,
              version: result.version,
              count: result.itemCount,
            })}
          </Alert>
        )}
        <ImportActions
          busy={busy}
          file={file}
          result={result}
          checkLabel={t('catalogs.check')}
          runLabel={t('catalogs.run')}
          onClose={close}
          onRun={run}
        />
      </Stack>
    </Modal>
  );
}
