import { Accordion, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/permissions.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { createItemSet, deleteItemSet, updateItemSet, useInspectionMutation, useItemSets } from './api.js';
import { type Item, type ItemSet, PROBE_CHECKS } from './types.js';

/** The shipped item sets (read-only) and the agency's own, which can be edited and extended. */
export default function ItemSetsPage() {
  const { t } = useTranslation('inspections');
  const sets = useItemSets();
  const canEdit = useCan('system.manage');
  const copy = useInspectionMutation(createItemSet);
  const [editing, setEditing] = useState<string | null>(null);
  if (sets.isPending) return <LoadingState />;
  return (
    <>
      <PageHeader title={t('sets.title')} description={t('sets.description')} />
      <ProblemAlert error={sets.error ?? copy.error} />
      <Accordion variant="separated" value={editing} onChange={setEditing}>
        {(sets.data ?? []).map((s) => (
          <Accordion.Item key={s.ref} value={s.ref}>
            <Accordion.Control>
              <Group gap="sm">
                <Badge color={s.shipped ? 'gray' : 'blue'}>
                  {s.shipped ? t('sets.shipped') : t('sets.own')}
                </Badge>
                <Text fw={600}>{s.name}</Text>
                <Text size="sm" c="dimmed">
                  {t(`role.${s.role}`)}・{t('sets.items', { count: s.items.length })}
                  {s.source ? `・${s.source}` : ''}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {s.shipped ? (
                <Stack>
                  <ItemsTable items={s.items} />
                  {canEdit && (
                    <Group>
                      <Button
                        variant="light"
                        loading={copy.isPending}
                        onClick={async () => {
                          const created = await copy.mutateAsync({
                            name: t('sets.copyName', { name: s.name }),
                            basedOn: s.ref.replace(/^shipped:/, ''),
                          });
                          setEditing(created.ref);
                        }}
                      >
                        {t('sets.copy')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              ) : canEdit ? (
                <SetEditor set={s} />
              ) : (
                <ItemsTable items={s.items} />
              )}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </>
  );
}

function ItemsTable({ items }: { items: Item[] }) {
  const { t } = useTranslation('inspections');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sets.col.category')}</Table.Th>
            <Table.Th>{t('sets.col.titleJa')}</Table.Th>
            <Table.Th>{t('sets.col.source')}</Table.Th>
            <Table.Th>{t('sets.col.probe')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.key}>
              <Table.Td>{i.category}</Table.Td>
              <Table.Td>
                <Text size="sm">{i.titleJa}</Text>
                <Text size="xs" c="dimmed">
                  {i.titleEn}
                </Text>
              </Table.Td>
              <Table.Td>{i.source}</Table.Td>
              <Table.Td>{i.probe ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SetEditor({ set }: { set: ItemSet }) {
  const { t } = useTranslation('inspections');
  const [name, setName] = useState(set.name);
  const [items, setItems] = useState<Item[]>(set.items);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const save = useInspectionMutation(() => updateItemSet(set.id!, { version: set.version!, name, items }));
  const remove = useInspectionMutation(() => deleteItemSet(set.id!));
  const edit = (n: number, patch: Partial<Item>) => {
    setSaved(false);
    setItems((xs) => xs.map((x, i) => (i === n ? { ...x, ...patch } : x)));
  };
  return (
    <Stack>
      <TextInput
        label={t('sets.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maw={480}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sets.col.key')}</Table.Th>
              <Table.Th>{t('sets.col.category')}</Table.Th>
              <Table.Th>{t('sets.col.titleJa')}</Table.Th>
              <Table.Th>{t('sets.col.titleEn')}</Table.Th>
              <Table.Th>{t('sets.col.source')}</Table.Th>
              <Table.Th>{t('sets.col.probe')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((it, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, keys may change while typing
              <Table.Tr key={n}>
                <Table.Td w={120}>
                  <TextInput
                    aria-label={t('sets.col.key')}
                    value={it.key}
                    onChange={(e) => edit(n, { key: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={160}>
                  <TextInput
                    aria-label={t('sets.col.category')}
                    value={it.category}
                    onChange={(e) => edit(n, { category: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('sets.col.titleJa')}
                    value={it.titleJa}
                    onChange={(e) => edit(n, { titleJa: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('sets.col.titleEn')}
                    value={it.titleEn}
                    onChange={(e) => edit(n, { titleEn: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={140}>
                  <TextInput
                    aria-label={t('sets.col.source')}
                    value={it.source}
                    onChange={(e) => edit(n, { source: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={200}>
                  <Select
                    aria-label={t('sets.col.probe')}
                    value={it.probe ?? ''}
                    onChange={(v) => edit(n, { probe: (v || null) as Item['probe'] })}
                    data={[
                      { value: '', label: t('sets.noProbe') },
                      ...PROBE_CHECKS.map((c) => ({ value: c, label: c })),
                    ]}
                  />
                </Table.Td>
                <Table.Td w={50}>
                  <Button
                    variant="subtle"
                    color="red"
                    aria-label={t('sets.removeItem')}
                    onClick={() => {
                      setSaved(false);
                      setItems((xs) => xs.filter((_, i) => i !== n));
                    }}
                  >
                    <IconTrash size={16} aria-hidden />
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ProblemAlert error={save.error} />
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            setItems((xs) => [
              ...xs,
              {
                key: `item${xs.length + 1}`,
                category: '',
                titleJa: '',
                titleEn: '',
                source: '',
                probe: null,
              },
            ])
          }
        >
          {t('sets.addItem')}
        </Button>
        <Button
          loading={save.isPending}
          onClick={async () => {
            await save.mutateAsync(undefined);
            setSaved(true);
          }}
        >
          {t('sets.save')}
        </Button>
        <Button color="red" variant="light" onClick={() => setDeleting(true)}>
          {t('sets.delete')}
        </Button>
        {saved && <Text c="green">{t('sets.saved')}</Text>}
      </Group>
      <ConfirmDialog
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('sets.deleteTitle')}
        message={t('sets.deleteMessage', { name: set.name })}
        confirmLabel={t('sets.delete')}
        onConfirm={() => remove.mutateAsync(undefined)}
      />
    </Stack>
  );
}
