import { Anchor, Badge, Button, Code, Group, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconDownload, IconEdit, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../app/permissions.js';
import type { PolicyDetail } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { downloadHref, usePolicy } from '../api.js';
import { localTitle } from '../format.js';
import { useRoleLabel } from '../roles.js';
import { ChangesList } from './ChangesList.js';
import { DifferencesTable } from './DifferencesTable.js';
import { PolicyChangeModal } from './PolicyChangeModal.js';

export const ORIGIN_COLORS = { catalog: 'gray', tightened: 'orange', added: 'grape' } as const;

/** A policy: its effective items, the agency's changes with reasons, and the report table 「統一基準群との差異」. */
export default function PolicyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('selfcheck');
  const policy = usePolicy(id);
  const canManage = useCan('selfcheck.manage');
  const [changing, setChanging] = useState<{ itemId: string | null } | null>(null);
  if (policy.isPending) return <LoadingState />;
  if (!policy.data) return <ProblemAlert error={policy.error} />;
  const p = policy.data;
  return (
    <>
      <PageHeader
        title={p.name}
        description={t('policy.description', {
          catalog: `${p.catalogVersion.catalogTitle} ${p.catalogVersion.version}`,
          items: p.itemCount,
          changes: p.changeCount,
        })}
        actions={
          <Group gap="xs">
            {canManage && (
              <Button
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setChanging({ itemId: null })}
              >
                {t('policy.change')}
              </Button>
            )}
            <Button
              component="a"
              href={downloadHref(`/policies/${p.id}/export`, { format: 'oscal' })}
              title={t('standardExport.oscalHelp')}
              download
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('standardExport.oscal')}
            </Button>
            <Button
              component={Link}
              to="/selfcheck/standards"
              variant="subtle"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
            >
              {t('policy.back')}
            </Button>
          </Group>
        }
      />
      {p.description && (
        <Text size="sm" mb="md" style={{ whiteSpace: 'pre-wrap' }}>
          {p.description}
        </Text>
      )}
      <Tabs defaultValue="items" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="items">{t('policy.tabs.items', { count: p.itemCount })}</Tabs.Tab>
          <Tabs.Tab value="differences">
            {t('policy.tabs.differences', { count: p.differences.length })}
          </Tabs.Tab>
          <Tabs.Tab value="changes">{t('policy.tabs.changes', { count: p.changes.length })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items">
          <EffectiveItems policy={p} onChange={canManage ? (itemId) => setChanging({ itemId }) : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="differences">
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('policy.differencesHelp')}
              </Text>
              <Button
                component="a"
                href={downloadHref(`/policies/${p.id}/differences.xlsx`)}
                download
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t('policy.downloadDifferences')}
              </Button>
            </Group>
            <DifferencesTable differences={p.differences} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="changes">
          <ChangesList policy={p} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
      {changing && (
        <PolicyChangeModal policy={p} initialItemId={changing.itemId} onClose={() => setChanging(null)} />
      )}
    </>
  );
}

function EffectiveItems({ policy, onChange }: { policy: PolicyDetail; onChange?: (itemId: string) => void }) {
  const { t, i18n } = useTranslation('selfcheck');
  const roleLabel = useRoleLabel();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim().toLowerCase(), 200);
  const items = useMemo(
    () =>
      policy.items.filter(
        (it) =>
          !q || [it.itemId, it.title, it.titleEn ?? '', it.text].some((s) => s.toLowerCase().includes(q)),
      ),
    [policy.items, q],
  );
  return (
    <Stack>
      <TextInput
        type="search"
        label={t('catalog.search')}
        placeholder={t('catalog.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={480}
      />
      {items.length === 0 ? (
        <EmptyMessage />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" aria-label={t('policy.itemsLabel')} data-testid="policy-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policy.col.item')}</Table.Th>
                <Table.Th>{t('policy.col.text')}</Table.Th>
                <Table.Th>{t('policy.col.roles')}</Table.Th>
                <Table.Th>{t('policy.col.origin')}</Table.Th>
                {onChange && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((it) => (
                <Table.Tr key={it.itemId}>
                  <Table.Td miw={200}>
                    <Code fz="xs">{it.itemId}</Code>
                    <Text size="sm" fw={600}>
                      {localTitle(it, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {it.text}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{it.roles.map(roleLabel).join(t('sep'))}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ORIGIN_COLORS[it.origin]}>{t(`origin.${it.origin}`)}</Badge>
                  </Table.Td>
                  {onChange && (
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => onChange(it.itemId)}
                        aria-label={t('policy.changeItem', { item: it.itemId })}
                      >
                        {t('policy.changeShort')}
                      </Anchor>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
