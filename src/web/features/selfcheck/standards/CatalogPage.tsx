import { Alert, Badge, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CatalogItem } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useCatalog } from '../api.js';
import { localTitle } from '../format.js';

/** Browse a catalog version: chapters → sections (also those without items) → items, with a search box. */
export default function CatalogPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('selfcheck');
  const lang = i18n.language;
  const catalog = useCatalog(id);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim().toLowerCase(), 200);
  const bySection = useMemo(() => {
    const map = new Map<string, CatalogItem[]>();
    for (const it of catalog.data?.items ?? []) {
      if (
        q &&
        ![it.itemId, it.title, it.titleEn ?? '', it.text, ...it.tags].some((s) => s.toLowerCase().includes(q))
      )
        continue;
      map.set(it.sectionNo, [...(map.get(it.sectionNo) ?? []), it]);
    }
    return map;
  }, [catalog.data, q]);
  if (catalog.isPending) return <LoadingState />;
  if (!catalog.data) return <ProblemAlert error={catalog.error} />;
  const c = catalog.data;
  const shown = [...bySection.values()].reduce((n, l) => n + l.length, 0);
  return (
    <>
      <PageHeader
        title={`${c.catalogTitle} ${c.version}`}
        description={t('catalog.description', { count: c.itemCount })}
        actions={
          <Button
            component={Link}
            to="/selfcheck/standards?tab=catalogs"
            variant="subtle"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
          >
            {t('catalog.back')}
          </Button>
        }
      />
      <Stack gap="md">
        {c.summary && (
          <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} title={t('catalogs.summaryTitle')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.notice ?? t('catalogs.summaryBody')}
            </Text>
          </Alert>
        )}
        <TextInput
          type="search"
          label={t('catalog.search')}
          placeholder={t('catalog.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={480}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('catalog.shown', { shown, total: c.itemCount })}
        </Text>
        {c.chapters.map((ch) => {
          const sections = ch.sections.filter((s) => !q || bySection.has(s.no));
          if (q && sections.length === 0) return null;
          return (
            <Paper key={ch.no} withBorder p="md" component="section" aria-labelledby={`sc-ch-${ch.no}`}>
              <Title order={2} size="h4" id={`sc-ch-${ch.no}`} mb="sm">
                {t('answer.chapter', {
                  no: ch.no,
                  title: lang === 'en' && ch.titleEn ? ch.titleEn : ch.title,
                })}
              </Title>
              <Stack gap="md">
                {sections.map((s) => {
                  const items = bySection.get(s.no) ?? [];
                  return (
                    <div key={s.no}>
                      <Title order={3} size="h6" mb={4}>
                        {s.no} {lang === 'en' && s.titleEn ? s.titleEn : s.title}
                      </Title>
                      {items.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('catalog.noItems')}
                        </Text>
                      ) : (
                        <Stack gap="xs">
                          {items.map((it) => (
                            <Paper key={it.itemId} withBorder p="sm" bg="gray.0">
                              <Group gap="xs" wrap="nowrap" align="flex-start">
                                <Code fz="xs" style={{ flex: 'none' }}>
                                  {it.itemId}
                                </Code>
                                <Text fw={600} size="sm" style={{ flex: 1 }}>
                                  {localTitle(it, lang)}
                                </Text>
                                <Badge size="xs" color={it.level === 'enhanced' ? 'grape' : 'gray'}>
                                  {t(`level.${it.level}`)}
                                </Badge>
                              </Group>
                              <Text size="sm" mt={4}>
                                {it.text}
                              </Text>
                              {it.guidance && (
                                <Text size="xs" c="dimmed" mt={4}>
                                  {t('catalog.guidance')}: {it.guidance}
                                </Text>
                              )}
                              <Text size="xs" c="dimmed" mt={4}>
                                {t('catalog.roles')}: {it.roles.join(', ')}
                              </Text>
                            </Paper>
                          ))}
                        </Stack>
                      )}
                    </div>
                  );
                })}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </>
  );
}
