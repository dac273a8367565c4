import {
  Accordion,
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { Markdown } from '../training/ui/Markdown.js';
import {
  type Category,
  type Item,
  KINDS,
  type Kind,
  localized,
  type Notice,
  PAGE_SIZE,
  type PortalFilter,
  usePortal,
} from './api.js';
import { KindBadge } from './KindBadge.js';
import { RoleDutiesPanel } from './RoleDutiesPanel.js';

/** The security portal (000 L933-972): notices on top, then materials by category; role duties apart. */
export default function PortalPage() {
  const { t } = useTranslation('portal');
  const [tab, setTab] = useState<string | null>('materials');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="materials">{t('tab.materials')}</Tabs.Tab>
          <Tabs.Tab value="roles">{t('tab.roles')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="materials">
          <Materials />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RoleDutiesPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Materials() {
  const { t, i18n } = useTranslation('portal');
  const [f, setF] = useState<PortalFilter>({ q: '', kind: null, page: 1 });
  const portal = usePortal(f);
  const data = portal.data;
  return (
    <Stack>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <TextInput
            label={t('search')}
            placeholder={t('searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={f.q}
            onChange={(e) => setF({ ...f, q: e.currentTarget.value, page: 1 })}
          />
          <SegmentedControl
            aria-label={t('kindFilter')}
            fullWidth
            size="xs"
            data={[
              { value: '', label: t('allKinds') },
              ...KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            ]}
            value={f.kind ?? ''}
            onChange={(v) => setF({ ...f, kind: (v || null) as Kind | null, page: 1 })}
          />
        </Stack>
      </Paper>
      <ProblemAlert error={portal.error} />
      {portal.isPending ? (
        <LoadingState />
      ) : (
        data && (
          <>
            {!f.q && !f.kind && <Notices notices={data.notices} />}
            {data.items.items.length === 0 ? (
              <EmptyMessage title={t('empty')} />
            ) : (
              <Stack opacity={portal.isPlaceholderData ? 0.6 : 1}>
                {data.categories.map((c) => (
                  <CategorySection
                    key={c.id}
                    category={c}
                    items={data.items.items.filter((x) => x.categoryId === c.id)}
                    lang={i18n.language}
                  />
                ))}
              </Stack>
            )}
            <Pager
              total={data.items.total}
              page={f.page}
              pageSize={PAGE_SIZE}
              onChange={(page) => setF({ ...f, page })}
            />
          </>
        )
      )}
    </Stack>
  );
}

function Notices({ notices }: { notices: Notice[] }) {
  const { t, i18n } = useTranslation('portal');
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        {t('notices')}
      </Title>
      {notices.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noNotices')}
        </Text>
      ) : (
        <Accordion variant="separated" chevronPosition="left">
          {notices.map((n) => (
            <Accordion.Item key={`${n.source}-${n.id}`} value={`${n.source}-${n.id}`}>
              {n.source === 'item' ? (
                <Group p="sm" gap="xs" wrap="nowrap" align="flex-start">
                  <KindBadge kind="notice" topic={n.topic} />
                  <Stack gap={0}>
                    <Anchor component={Link} to={`/portal/items/${n.id}`} fw={500}>
                      {localized(i18n.language, n.titleJa, n.titleEn)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {n.publishedOn}
                    </Text>
                  </Stack>
                </Group>
              ) : (
                <>
                  <Accordion.Control>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <KindBadge kind="notice" topic={n.topic} />
                      <Stack gap={0}>
                        <Text fw={500}>{localized(i18n.language, n.titleJa, n.titleEn)}</Text>
                        <Text size="xs" c="dimmed">
                          {n.publishedOn} · {t('central')}
                        </Text>
                      </Stack>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Markdown>{n.body ?? ''}</Markdown>
                  </Accordion.Panel>
                </>
              )}
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Paper>
  );
}

function CategorySection({ category, items, lang }: { category: Category; items: Item[]; lang: string }) {
  const { t } = useTranslation('portal');
  if (items.length === 0) return null;
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {localized(lang, category.nameJa, category.nameEn)}
      </Title>
      <Stack gap="xs">
        {items.map((x) => (
          <Paper key={x.id} withBorder p="sm">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <KindBadge kind={x.kind} topic={x.noticeTopic} />
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to={`/portal/items/${x.id}`}
                  fw={500}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {localized(lang, x.titleJa, x.titleEn)}
                </Anchor>
                <Group gap="xs">
                  {x.pinned && (
                    <Badge size="xs" color="red" variant="outline">
                      {t('pinned')}
                    </Badge>
                  )}
                  {x.file && (
                    <Text size="xs" c="dimmed">
                      {x.file.filename}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
