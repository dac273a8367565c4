import { ActionIcon, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { type Category, localized, PORTAL } from './api.js';

/** The portal's categories: add, rename, move up or down, delete an empty one (with confirmation). */
export function CategoriesPanel({ categories }: { categories: Category[] }) {
  const { t, i18n } = useTranslation('portal');
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [PORTAL] });
  const move = useMutation({
    mutationFn: (order: string[]) => api('/portal/categories/order', { method: 'PUT', body: { ids: order } }),
    onSuccess: refresh,
  });
  const swap = (i: number, j: number) => {
    const ids = categories.map((c) => c.id);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    move.mutate(ids);
  };
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('manage.categories')}
        </Title>
        <Button size="xs" onClick={() => setEditing('new')}>
          {t('manage.newCategory')}
        </Button>
      </Group>
      <ProblemAlert error={move.error} />
      <Stack gap={4}>
        {categories.map((c, i) => (
          <Group key={c.id} justify="space-between" wrap="nowrap">
            <Text style={{ overflowWrap: 'anywhere' }}>{localized(i18n.language, c.nameJa, c.nameEn)}</Text>
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                aria-label={t('manage.up')}
                disabled={i === 0}
                onClick={() => swap(i, i - 1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label={t('manage.down')}
                disabled={i === categories.length - 1}
                onClick={() => swap(i, i + 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label={t('manage.editCategory')}
                onClick={() => setEditing(c)}
              >
                <IconPencil size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('manage.deleteCategory')}
                onClick={() => setDeleting(c)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        ))}
      </Stack>
      {editing && (
        <CategoryModal category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={!!deleting}
        onClose={() => setDeleting(null)}
        title={t('manage.deleteCategory')}
        message={t('manage.deleteCategoryConfirm', { name: deleting?.nameJa ?? '' })}
        confirmLabel={t('manage.deleteItem')}
        onConfirm={async () => {
          await api(`/portal/categories/${deleting!.id}`, { method: 'DELETE' });
          await refresh();
        }}
      />
    </Paper>
  );
}

function CategoryModal({ category, onClose }: { category: Category | null; onClose(): void }) {
  const { t } = useTranslation('portal');
  const qc = useQueryClient();
  const [nameJa, setNameJa] = useState(category?.nameJa ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = { nameJa, nameEn: nameEn || null };
      return category
        ? api(`/portal/categories/${category.id}`, { method: 'PATCH', body })
        : api('/portal/categories', { method: 'POST', body });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [PORTAL] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={category ? t('manage.editCategory') : t('manage.newCategory')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <ProblemAlert error={save.error} />
          <TextInput
            label={t('manage.field.nameJa')}
            required
            value={nameJa}
            onChange={(e) => setNameJa(e.currentTarget.value)}
          />
          <TextInput
            label={t('manage.field.nameEn')}
            value={nameEn}
            onChange={(e) => setNameEn(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('manage.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('manage.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
