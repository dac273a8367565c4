import { Anchor, Button, Group, List, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconChecklist, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useCourseContent } from '../api.js';
import { pageProgress } from '../test-model.js';
import { Markdown } from '../ui/Markdown.js';

/** Reading a course page by page (the page number stays in the address), then on to the test. */
export default function CoursePlayerPage() {
  const { courseId = '' } = useParams();
  const { t } = useTranslation('training');
  const content = useCourseContent(courseId);
  const [params, setParams] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  const pages = content.data?.pages ?? [];
  const index = Math.min(Math.max(0, Number(params.get('p') ?? '1') - 1 || 0), Math.max(0, pages.length - 1));
  const page = pages[index];
  const last = index >= pages.length - 1;

  // Moving to another page puts focus on its title, so keyboard and screen-reader users start there.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [index]);

  const go = (i: number) => setParams(i === 0 ? {} : { p: String(i + 1) });

  if (content.isPending) return <LoadingState />;
  if (content.error || !content.data)
    return (
      <>
        <PageHeader title={t('player.title')} />
        <ProblemAlert error={content.error} />
      </>
    );
  const { course } = content.data;
  const testLink = (
    <Button
      component={Link}
      to={`/training/my/${course.id}/test`}
      leftSection={<IconChecklist size={16} aria-hidden />}
      variant={last ? 'filled' : 'light'}
    >
      {t('player.toTest')}
    </Button>
  );
  return (
    <>
      <Anchor component={Link} to="/training/my" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('player.back')}
        </Group>
      </Anchor>
      <PageHeader title={course.title} description={course.description || undefined} />
      {pages.length === 0 || !page ? (
        <Stack>
          <EmptyMessage title={t('player.noPages')} />
          <Group>{testLink}</Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" data-testid="tr-page-position">
                {t('player.position', { page: index + 1, total: pages.length })}
              </Text>
              <Select
                aria-label={t('player.jump')}
                size="xs"
                w={240}
                maw="100%"
                allowDeselect={false}
                value={String(index)}
                data={pages.map((p, i) => ({ value: String(i), label: `${i + 1}. ${p.title}` }))}
                onChange={(v) => v !== null && go(Number(v))}
              />
            </Group>
            {/* The bar says "1 / 2 pages", not Mantine's "50%": the ARIA is written here, on the section. */}
            <Progress.Root>
              <Progress.Section
                value={pageProgress(index, pages.length)}
                withAria={false}
                role="progressbar"
                aria-label={t('player.progressLabel')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pageProgress(index, pages.length)}
                aria-valuetext={t('player.position', { page: index + 1, total: pages.length })}
              />
            </Progress.Root>
          </Stack>
          <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="article" aria-labelledby="tr-page-title">
            <Title order={2} size="h3" id="tr-page-title" ref={heading} tabIndex={-1} mb="sm">
              {page.title}
            </Title>
            <Markdown>{page.body}</Markdown>
            {page.videos.length > 0 && (
              <Stack gap={4} mt="md">
                <Text fw={600} size="sm">
                  {t('player.videos')}
                </Text>
                <List spacing={4} icon={<IconPlayerPlay size={14} aria-hidden />}>
                  {page.videos.map((v) => (
                    <List.Item key={v.url}>
                      <Anchor href={v.url} target="_blank" rel="noopener noreferrer">
                        {v.title || v.url}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </Paper>
          <Group justify="space-between" wrap="wrap">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
              disabled={index === 0}
              onClick={() => go(index - 1)}
            >
              {t('player.previous')}
            </Button>
            {last ? (
              testLink
            ) : (
              <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={() => go(index + 1)}>
                {t('player.next')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </>
  );
}
