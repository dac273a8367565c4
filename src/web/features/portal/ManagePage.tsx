import {
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import {
  type Item,
  type ItemDetail,
  localized,
  PAGE_SIZE,
  PORTAL,
  type PortalFilter,
  useManagedItems,
  usePortal,
} from './api.js';
import { CategoriesPanel } from './CategoriesPanel.js';
import { ItemFormModal } from './ItemFormModal.js';
import { KindBadge } from './KindBadge.js';

/** The security office's page: categories, and every item with its publication (portal.manage). */
export default function ManagePage() {
  const { t, i18n } = useTranslation('portal');
  const qc = useQueryClient();
  const [f, setF] = useState<PortalFilter>({ q: '', kind: null, page: 1 });
  const front = usePortal({ q: '', kind: null, page: 1 });
  const list = useManagedItems(f);
  const categories = front.data?.categories ?? [];
  const localizedCategory = (id: string) => {
    const c = categories.find((x) => x.id === id);
    return c ? localized(i18n.language, c.nameJa, c.nameEn) : '';
  };
  const [editing, setEditing] = useState<ItemDetail | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [PORTAL] });
  const publish = useMutation({
    mutationFn: (x: { id: string; published: boolean }) =>
      api(`/portal/items/${x.id}/publication`, { method: 'POST', body: { published: x.published } }),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: (x: { id: string; file: File }) =>
      api(`/portal/items/${x.id}/file`, {
        method: 'PUT',
        query: { filename: x.file.name },
        file: { data: x.file, contentType: x.file.type || 'application/octet-stream' },
      }),
    onSuccess: refresh,
  });
  const edit = async (id: string) => setEditing(await api<ItemDetail>(`/portal/items/${id}`));
  return (
    <>
      <PageHeader
        title={t('manage.title')}
        description={t('manage.description')}
        actions={
          <Button onClick={() => setEditing('new')} disabled={categories.length === 0}>
            {t('manage.newItem')}
          </Button>
        }
      />
      <Stack>
        <ProblemAlert error={front.error ?? list.error ?? publish.error ?? upload.error} />
        <CategoriesPanel categories={categories} />
        <Paper withBorder p="sm">
          <TextInput
            label={t('search')}
            type="search"
            value={f.q}
            onChange={(e) => setF({ ...f, q: e.currentTarget.value, page: 1 })}
          />
        </Paper>
        {list.isPending ? (
          <LoadingState />
        ) : list.data && list.data.items.length === 0 ? (
          <EmptyMessage title={t('empty')} />
        ) : (
          list.data && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('manage.field.titleJa')}</Table.Th>
                    <Table.Th>{t('manage.field.category')}</Table.Th>
                    <Table.Th>{t('manage.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <KindBadge kind={x.kind} topic={x.noticeTopic} />
                          <Text component={Link} to={`/portal/items/${x.id}`} size="sm">
                            {x.titleJa}
                          </Text>
                        </Group>
                        {x.file && (
                          <Text size="xs" c="dimmed">
                            {t('manage.uploaded', { name: x.file.filename })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{localizedCategory(x.categoryId)}</Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <Switch
                            size="xs"
                            label={t('manage.publish')}
                            checked={x.published}
                            onChange={(e) => publish.mutate({ id: x.id, published: e.currentTarget.checked })}
                          />
                          <Badge size="xs" variant="light" color={x.current ? 'green' : 'gray'}>
                            {x.current ? t('manage.current') : t('manage.notCurrent')}
                          </Badge>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => edit(x.id)}>
                            {t('manage.edit')}
                          </Button>
                          {(x.kind === 'document' || x.kind === 'procedure') && (
                            <FileButton onChange={(file) => file && upload.mutate({ id: x.id, file })}>
                              {(props) => (
                                <Button size="xs" variant="default" title={t('manage.fileHelp')} {...props}>
                                  {t('manage.upload')}
                                </Button>
                              )}
                            </FileButton>
                          )}
                          <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(x)}>
                            {t('manage.deleteItem')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        {list.data && (
          <Pager
            total={list.data.total}
            page={f.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setF({ ...f, page })}
          />
        )}
      </Stack>
      {editing && (
        <ItemFormModal
          item={editing === 'new' ? null : editing}
          categories={categories}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={!!deleting}
        onClose={() => setDeleting(null)}
        title={t('manage.deleteItem')}
        message={t('manage.deleteItemConfirm', { title: deleting?.titleJa ?? '' })}
        confirmLabel={t('manage.deleteItem')}
        onConfirm={async () => {
          await api(`/portal/items/${deleting!.id}`, { method: 'DELETE' });
          await refresh();
        }}
      />
    </>
  );
}
