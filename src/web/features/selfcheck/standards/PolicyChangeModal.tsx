import {
  Button,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import type { PolicyDetail } from '../../../app/types.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useRoles } from '../../admin/roles-api.js';
import { keys } from '../api.js';

type Kind = 'add' | 'tighten' | 'not_applicable';
type Item = PolicyDetail['items'][number];

interface Content {
  chapterNo: string;
  chapterTitle: string;
  sectionNo: string;
  sectionTitle: string;
  title: string;
  titleEn: string;
  text: string;
  guidance: string;
  roles: string[];
  level: 'basic' | 'enhanced';
  tags: string[];
}

const empty: Content = {
  chapterNo: '',
  chapterTitle: '',
  sectionNo: '',
  sectionTitle: '',
  title: '',
  titleEn: '',
  text: '',
  guidance: '',
  roles: [],
  level: 'basic',
  tags: [],
};

const contentOf = (it: Item): Content => ({
  chapterNo: it.chapterNo,
  chapterTitle: it.chapterTitle,
  sectionNo: it.sectionNo,
  sectionTitle: it.sectionTitle,
  title: it.title,
  titleEn: it.titleEn ?? '',
  text: it.text,
  guidance: it.guidance ?? '',
  roles: it.roles,
  level: it.level,
  tags: it.tags,
});

/**
 * The agency's change to one item, always with a reason (the report lists it): add an item of its own,
 * tighten an item (e.g. "notify" → "permission", 000 L574-700), or mark one not applicable.
 */
export function PolicyChangeModal({
  policy,
  initialItemId,
  onClose,
}: {
  policy: PolicyDetail;
  initialItemId: string | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation(['selfcheck', 'common']);
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 48em)');
  const roles = useRoles();
  const initial = initialItemId ? policy.items.find((i) => i.itemId === initialItemId) : undefined;
  const [kind, setKind] = useState<Kind>(initial ? 'tighten' : 'add');
  const [itemId, setItemId] = useState(initialItemId ?? '');
  const [content, setContent] = useState<Content>(initial ? contentOf(initial) : empty);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof Content>(k: K, v: Content[K]) => setContent((c) => ({ ...c, [k]: v }));
  const pick = (id: string | null) => {
    setItemId(id ?? '');
    const it = policy.items.find((i) => i.itemId === id);
    if (it) setContent(contentOf(it));
  };
  const existing = policy.items.filter((i) => i.origin !== 'added');
  const needsContent = kind !== 'not_applicable';
  const complete =
    itemId.trim() &&
    reason.trim() &&
    (!needsContent ||
      (content.chapterNo &&
        content.chapterTitle &&
        content.sectionNo &&
        content.sectionTitle &&
        content.title &&
        content.text &&
        content.roles.length > 0));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/selfcheck/policies/${policy.id}/changes`, {
        method: 'PUT',
        body: {
          kind,
          itemId: itemId.trim(),
          reason: reason.trim(),
          content: needsContent
            ? { ...content, titleEn: content.titleEn || null, guidance: content.guidance || null }
            : null,
        },
      });
      await queryClient.invalidateQueries({ queryKey: keys.policy(policy.id) });
      await queryClient.invalidateQueries({ queryKey: keys.policies });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const err = (f: string) => fieldError(error, f) ?? fieldError(error, `content.${f}`);
  const roleOptions = (roles.data ?? []).map((r) => ({
    value: r.key,
    label: i18n.language === 'en' ? r.nameEn : r.nameJa,
  }));
  return (
    <Modal opened onClose={onClose} title={t('change.title')} size="xl" fullScreen={narrow}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={error} />
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              if (v === 'add') {
                setItemId('');
                setContent(empty);
              }
            }}
            data={(['add', 'tighten', 'not_applicable'] as const).map((k) => ({
              value: k,
              label: t(`changeKind.${k}`),
            }))}
            aria-label={t('change.kind')}
          />
          <Text size="sm" c="dimmed">
            {t(`change.help.${kind}`)}
          </Text>
          {kind === 'add' ? (
            <TextInput
              label={t('change.newItemId')}
              description={t('change.newItemIdHelp')}
              value={itemId}
              onChange={(e) => setItemId(e.currentTarget.value)}
              error={err('itemId')}
              required
              maxLength={64}
            />
          ) : (
            <Select
              label={t('change.item')}
              data={existing.map((i) => ({ value: i.itemId, label: `${i.itemId} ${i.title}` }))}
              value={itemId || null}
              onChange={pick}
              searchable
              required
              nothingFoundMessage={t('form.noMatch')}
              maxDropdownHeight={300}
            />
          )}
          {needsContent && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('change.chapterNo')}
                  value={content.chapterNo}
                  onChange={(e) => set('chapterNo', e.currentTarget.value)}
                  required
                  error={err('chapterNo')}
                />
                <TextInput
                  label={t('change.chapterTitle')}
                  value={content.chapterTitle}
                  onChange={(e) => set('chapterTitle', e.currentTarget.value)}
                  required
                  error={err('chapterTitle')}
                />
                <TextInput
                  label={t('change.sectionNo')}
                  value={content.sectionNo}
                  onChange={(e) => set('sectionNo', e.currentTarget.value)}
                  required
                  error={err('sectionNo')}
                />
                <TextInput
                  label={t('change.sectionTitle')}
                  value={content.sectionTitle}
                  onChange={(e) => set('sectionTitle', e.currentTarget.value)}
                  required
                  error={err('sectionTitle')}
                />
                <TextInput
                  label={t('change.itemTitle')}
                  value={content.title}
                  onChange={(e) => set('title', e.currentTarget.value)}
                  required
                  error={err('title')}
                />
                <TextInput
                  label={t('change.itemTitleEn')}
                  value={content.titleEn}
                  onChange={(e) => set('titleEn', e.currentTarget.value)}
                  error={err('titleEn')}
                />
              </SimpleGrid>
              <Textarea
                label={t('change.text')}
                value={content.text}
                onChange={(e) => set('text', e.currentTarget.value)}
                autosize
                minRows={3}
                required
                error={err('text')}
              />
              <Textarea
                label={t('change.guidance')}
                value={content.guidance}
                onChange={(e) => set('guidance', e.currentTarget.value)}
                autosize
                minRows={2}
                error={err('guidance')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <MultiSelect
                  label={t('change.roles')}
                  data={roleOptions}
                  value={content.roles}
                  onChange={(v) => set('roles', v)}
                  required
                  error={err('roles')}
                  searchable
                />
                <Select
                  label={t('change.level')}
                  data={(['basic', 'enhanced'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
                  value={content.level}
                  onChange={(v) => v && set('level', v as Content['level'])}
                  allowDeselect={false}
                />
                <TagsInput label={t('change.tags')} value={content.tags} onChange={(v) => set('tags', v)} />
              </SimpleGrid>
            </>
          )}
          <Textarea
            label={t('change.reason')}
            description={t('change.reasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            required
            error={err('reason')}
            maxLength={2000}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!complete}>
              {t('change.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
