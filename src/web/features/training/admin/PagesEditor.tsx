import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPhotoPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import type { Image } from '../types.js';
import { Markdown } from '../ui/Markdown.js';
import { move, newKey, type PageDraft } from './editor-model.js';

/** The course's pages: title, Markdown body with a preview, video links; reorder and remove. */
export function PagesEditor({ pages, onChange }: { pages: PageDraft[]; onChange(pages: PageDraft[]): void }) {
  const { t } = useTranslation('training');
  const set = (i: number, p: PageDraft) => onChange(pages.map((x, j) => (j === i ? p : x)));
  return (
    <Stack>
      {pages.length === 0 && <Text c="dimmed">{t('editor.noPages')}</Text>}
      {pages.map((p, i) => (
        <PageRow
          key={p.key}
          index={i}
          count={pages.length}
          page={p}
          onChange={(np) => set(i, np)}
          onMove={(dir) => onChange(move(pages, i, dir))}
          onRemove={() => onChange(pages.filter((_, j) => j !== i))}
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...pages, { key: newKey(), title: '', body: '', videos: [] }])}
        >
          {t('editor.addPage')}
        </Button>
      </Group>
    </Stack>
  );
}

function PageRow({
  index,
  count,
  page,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  page: PageDraft;
  onChange(p: PageDraft): void;
  onMove(dir: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useTranslation('training');
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const n = index + 1;
  // Uploads the image and appends its Markdown to the page, named by the file (alt text to edit).
  const insertImage = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const img = await api<Image>('/training/images', {
        method: 'POST',
        file: { data: file, contentType: file.type || 'application/octet-stream' },
        query: { filename: file.name },
      });
      const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '');
      onChange({ ...page, body: `${page.body.replace(/\s*$/, '')}\n\n![${alt}](${img.url})\n` });
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Paper
      withBorder
      p="md"
      component="fieldset"
      aria-label={t('editor.pageN', { n })}
      data-testid="tr-page-editor"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('editor.pageTitle', { n })}
            required
            value={page.title}
            onChange={(e) => onChange({ ...page, title: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => onMove(-1)}
              disabled={index === 0}
              aria-label={t('editor.moveUp', { n })}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => onMove(1)}
              disabled={index === count - 1}
              aria-label={t('editor.moveDown', { n })}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="light"
              color="red"
              size="lg"
              onClick={onRemove}
              aria-label={t('editor.removePage', { n })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as 'edit' | 'preview')}
          data={[
            { value: 'edit', label: t('editor.edit') },
            { value: 'preview', label: t('editor.preview') },
          ]}
          aria-label={t('editor.viewMode', { n })}
          w="fit-content"
        />
        {mode === 'edit' ? (
          <Textarea
            label={t('editor.body')}
            description={t('editor.bodyHelp')}
            autosize
            minRows={6}
            maxRows={24}
            value={page.body}
            onChange={(e) => onChange({ ...page, body: e.currentTarget.value })}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        ) : (
          <Paper withBorder p="sm" bg="gray.0" data-testid="tr-page-preview">
            {page.body.trim() ? (
              <Markdown>{page.body}</Markdown>
            ) : (
              <Text c="dimmed">{t('editor.emptyBody')}</Text>
            )}
          </Paper>
        )}
        <Group gap="xs">
          <FileButton onChange={insertImage} accept="image/png,image/jpeg,image/gif,image/webp">
            {(props) => (
              <Button
                {...props}
                size="compact-sm"
                variant="subtle"
                loading={uploading}
                leftSection={<IconPhotoPlus size={14} aria-hidden />}
              >
                {t('editor.insertImage')}
              </Button>
            )}
          </FileButton>
        </Group>
        <ProblemAlert error={uploadError} />
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('editor.videos')}
          </Text>
          {page.videos.map((v, vi) => (
            <Group key={v.key} gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('editor.videoTitle')}
                value={v.title}
                onChange={(e) =>
                  onChange({
                    ...page,
                    videos: page.videos.map((x, j) =>
                      j === vi ? { ...x, title: e.currentTarget.value } : x,
                    ),
                  })
                }
                w={{ base: '100%', sm: 220 }}
              />
              <TextInput
                label={t('editor.videoUrl')}
                placeholder="https://"
                value={v.url}
                onChange={(e) =>
                  onChange({
                    ...page,
                    videos: page.videos.map((x, j) => (j === vi ? { ...x, url: e.currentTarget.value } : x)),
                  })
                }
                style={{ flex: 1 }}
                miw={200}
              />
              <ActionIcon
                variant="light"
                color="red"
                size="lg"
                onClick={() => onChange({ ...page, videos: page.videos.filter((_, j) => j !== vi) })}
                aria-label={t('editor.removeVideo')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                onChange({ ...page, videos: [...page.videos, { key: newKey(), title: '', url: '' }] })
              }
            >
              {t('editor.addVideo')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
