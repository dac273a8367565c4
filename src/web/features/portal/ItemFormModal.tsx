import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import {
  type Category,
  type ItemDetail,
  KINDS,
  type Kind,
  localized,
  PORTAL,
  TOPICS,
  type Topic,
} from './api.js';

interface Form {
  categoryId: string | null;
  kind: Kind;
  noticeTopic: Topic;
  titleJa: string;
  titleEn: string;
  body: string;
  url: string;
  pinned: boolean;
  published: boolean;
  publishedFrom: string;
  publishedUntil: string;
}

const initial = (x: ItemDetail | null, categories: Category[]): Form => ({
  categoryId: x?.categoryId ?? categories[0]?.id ?? null,
  kind: x?.kind ?? 'document',
  noticeTopic: x?.noticeTopic ?? 'notice',
  titleJa: x?.titleJa ?? '',
  titleEn: x?.titleEn ?? '',
  body: x?.body ?? '',
  url: x?.url ?? '',
  pinned: x?.pinned ?? false,
  published: x?.published ?? false,
  publishedFrom: x?.publishedFrom ?? '',
  publishedUntil: x?.publishedUntil ?? '',
});

/** Adds an item or edits one (x given). */
export function ItemFormModal(props: { item: ItemDetail | null; categories: Category[]; onClose(): void }) {
  const { t, i18n } = useTranslation('portal');
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(() => initial(props.item, props.categories));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        categoryId: f.categoryId,
        kind: f.kind,
        noticeTopic: f.kind === 'notice' ? f.noticeTopic : null,
        titleJa: f.titleJa,
        titleEn: f.titleEn || null,
        body: f.body,
        url: f.url || null,
        pinned: f.pinned,
        published: f.published,
        publishedFrom: f.publishedFrom || null,
        publishedUntil: f.publishedUntil || null,
      };
      return props.item
        ? api<ItemDetail>(`/portal/items/${props.item.id}`, { method: 'PATCH', body })
        : api<ItemDetail>('/portal/items', { method: 'POST', body });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [PORTAL] });
      props.onClose();
    },
  });
  const f_ = (k: string) => t(`manage.field.${k}` as 'manage.field.titleJa');
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.item ? t('manage.editItem') : t('manage.newItem')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <ProblemAlert error={save.error} />
          <Select
            label={f_('category')}
            required
            data={props.categories.map((c) => ({
              value: c.id,
              label: localized(i18n.language, c.nameJa, c.nameEn),
            }))}
            value={f.categoryId}
            onChange={(v) => set('categoryId', v)}
          />
          <Group grow>
            <Select
              label={f_('kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={f.kind}
              allowDeselect={false}
              onChange={(v) => set('kind', (v ?? 'document') as Kind)}
            />
            {f.kind === 'notice' && (
              <Select
                label={f_('topic')}
                data={TOPICS.map((k) => ({ value: k, label: t(`topic.${k}`) }))}
                value={f.noticeTopic}
                allowDeselect={false}
                onChange={(v) => set('noticeTopic', (v ?? 'notice') as Topic)}
              />
            )}
          </Group>
          <TextInput
            label={f_('titleJa')}
            required
            value={f.titleJa}
            onChange={(e) => set('titleJa', e.currentTarget.value)}
          />
          <TextInput
            label={f_('titleEn')}
            value={f.titleEn}
            onChange={(e) => set('titleEn', e.currentTarget.value)}
          />
          <Textarea
            label={f_('body')}
            autosize
            minRows={5}
            value={f.body}
            onChange={(e) => set('body', e.currentTarget.value)}
          />
          {(f.kind === 'link' || f.url) && (
            <TextInput
              label={f_('url')}
              required={f.kind === 'link'}
              value={f.url}
              onChange={(e) => set('url', e.currentTarget.value)}
            />
          )}
          <Group grow>
            <TextInput
              type="date"
              label={f_('publishedFrom')}
              value={f.publishedFrom}
              onChange={(e) => set('publishedFrom', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={f_('publishedUntil')}
              value={f.publishedUntil}
              onChange={(e) => set('publishedUntil', e.currentTarget.value)}
            />
          </Group>
          <Checkbox
            label={f_('pinned')}
            checked={f.pinned}
            onChange={(e) => set('pinned', e.currentTarget.checked)}
          />
          <Checkbox
            label={f_('published')}
            checked={f.published}
            onChange={(e) => set('published', e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
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
