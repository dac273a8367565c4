import { Alert, Anchor, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { downloadHref, useCatalogs } from '../api.js';
import { CatalogImportModal } from './CatalogImportModal.js';

const SOURCES = ['shipped', 'yaml', 'xlsx'] as const;
const sourceKey = (s: string) => SOURCES.find((x) => x === s) ?? 'other';

/** Catalog versions: what Mamoru ships (our summary, not the official text) and what the agency imported. */
export function CatalogsPanel() {
  const { t, i18n } = useTranslation('selfcheck');
  const catalogs = useCatalogs();
  const canManage = useCan('selfcheck.manage');
  const [importing, setImporting] = useState(false);
  const summaries = (catalogs.data ?? []).filter((v) => v.summary);
  return (
    <Stack>
      {summaries.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconInfoCircle aria-hidden />}
          title={t('catalogs.summaryTitle')}
          data-testid="summary-notice"
        >
          {t('catalogs.summaryBody')}
        </Alert>
      )}
      {canManage && (
        <Group>
          <Button
            leftSection={<IconUpload size={16} aria-hidden />}
            variant="light"
            onClick={() => setImporting(true)}
          >
            {t('catalogs.import')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={catalogs.error} />
      {catalogs.isPending ? (
        <LoadingState />
      ) : !catalogs.data?.length ? (
        <EmptyMessage title={t('catalogs.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" aria-label={t('standards.catalogs')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.col.title')}</Table.Th>
                <Table.Th>{t('catalogs.col.version')}</Table.Th>
                <Table.Th ta="right">{t('catalogs.col.items')}</Table.Th>
                <Table.Th>{t('catalogs.col.source')}</Table.Th>
                <Table.Th>{t('catalogs.col.importedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalogs.data.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/selfcheck/standards/catalogs/${v.id}`} fw={600}>
                        {v.catalogTitle}
                      </Anchor>
                      <Group gap={4}>
                        {v.shipped && <Badge color="gray">{t('catalogs.shipped')}</Badge>}
                        {v.summary && <Badge color="yellow">{t('catalogs.summary')}</Badge>}
                      </Group>
                    </Stack>
                  </Table.Td>
                  <Table.Td ff="monospace">{v.version}</Table.Td>
                  <Table.Td ta="right">{v.itemCount}</Table.Td>
                  <Table.Td>{t(`catalogs.source.${sourceKey(v.source)}`)}</Table.Td>
                  <Table.Td>{formatDateTime(v.importedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button
                          size="xs"
                          variant="subtle"
                          leftSection={<IconDownload size={14} aria-hidden />}
                          aria-label={t('catalogs.exportOf', { title: `${v.catalogTitle} ${v.version}` })}
                        >
                          {t('catalogs.export')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          component="a"
                          href={downloadHref(`/catalogs/${v.id}/export`, { format: 'yaml' })}
                          download
                        >
                          YAML
                        </Menu.Item>
                        <Menu.Item
                          component="a"
                          href={downloadHref(`/catalogs/${v.id}/export`, { format: 'xlsx' })}
                          download
                        >
                          Excel (.xlsx)
                        </Menu.Item>
                        <Menu.Item
                          component="a"
                          href={downloadHref(`/catalogs/${v.id}/export`, { format: 'oscal' })}
                          title={t('standardExport.oscalHelp')}
                          download
                        >
                          {t('standardExport.oscal')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t('catalogs.history')}
      </Text>
      <CatalogImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
