import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { Markdown } from '../training/ui/Markdown.js';
import { fileHref, localized, useItem } from './api.js';
import { KindBadge } from './KindBadge.js';

/** One item of the portal: its text, and its file or link. */
export default function PortalItemPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('portal');
  const item = useItem(id);
  const x = item.data;
  return (
    <Stack>
      <Anchor component={Link} to="/portal" size="sm">
        {t('back')}
      </Anchor>
      <ProblemAlert error={item.error} />
      {item.isPending ? (
        <LoadingState />
      ) : (
        x && (
          <Paper withBorder p="md">
            <Stack>
              <Group gap="xs">
                <KindBadge kind={x.kind} topic={x.noticeTopic} />
              </Group>
              <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
                {localized(i18n.language, x.titleJa, x.titleEn)}
              </Title>
              <Text size="xs" c="dimmed">
                {t('updated', { date: formatDateTime(x.updatedAt, i18n.language), name: x.updatedByName })}
              </Text>
              <Markdown>{x.body}</Markdown>
              <Group>
                {x.file && (
                  <Button component="a" href={fileHref(x.id)} leftSection={<IconDownload size={16} />}>
                    {t('download')}（{x.file.filename}）
                  </Button>
                )}
                {x.url && (
                  <Button
                    component="a"
                    href={x.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    variant="default"
                    leftSection={<IconExternalLink size={16} />}
                  >
                    {t('openLink')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        )
      )}
    </Stack>
  );
}
