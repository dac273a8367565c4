import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import type { Campaign } from '../../../app/types.js';
import { useLocalName, useUnitIndex } from '../../../app/units.js';
import { keys, SC } from '../api.js';
import { pct, share } from '../format.js';
import { useRoleLabel } from '../roles.js';
import { CampaignForm } from './CampaignForm.js';
import { CampaignShell } from './CampaignShell.js';
import { ChangesAfterClose } from './ChangesAfterClose.js';
import { PlanCard } from './PlanCard.js';
import { TransitionActions } from './TransitionActions.js';
import { patchOf } from './values.js';

export default function CampaignOverviewPage() {
  return <CampaignShell tab="overview">{(c) => <Overview campaign={c} />}</CampaignShell>;
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Overview({ campaign: c }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation(['selfcheck', 'common']);
  const lang = i18n.language;
  const canManage = useCan('selfcheck.manage');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const narrow = useMediaQuery('(max-width: 48em)');
  const units = useUnitIndex();
  const name = useLocalName();
  const roleLabel = useRoleLabel();
  const started = c.state !== 'draft';
  const dates: [string, string | null][] = [
    [t('campaign.openedAt'), c.openedAt],
    [t('campaign.closedAt'), c.closedAt],
    [t('campaign.publishedAt'), c.publishedAt],
  ];
  return (
    <Stack gap="lg">
      {canManage && (
        <Paper withBorder p="md" component="section" aria-labelledby="sc-next-step">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Stack gap={2}>
              <Title order={2} size="h5" id="sc-next-step">
                {t('campaign.nextStep')}
              </Title>
              <Text size="sm" c="dimmed">
                {t(`campaign.stateHelp.${c.state}`)}
              </Text>
            </Stack>
            <Group gap="xs">
              <TransitionActions campaign={c} />
              {c.state !== 'published' && (
                <Button
                  variant="light"
                  leftSection={<IconEdit size={16} aria-hidden />}
                  onClick={() => setEditing(true)}
                >
                  {t('campaign.edit')}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
      )}

      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('campaign.counts.items')} value={started ? String(c.counts.items) : '—'} />
        <Stat
          label={t('campaign.counts.inScope')}
          value={started ? c.counts.inScope.toLocaleString() : '—'}
        />
        <Stat
          label={t('campaign.counts.submitted')}
          value={started ? c.counts.submitted.toLocaleString() : '—'}
          testId="campaign-submitted"
        />
        <Stat
          label={t('campaign.counts.coverage')}
          value={started ? pct(share(c.counts.submitted, c.counts.inScope)) : '—'}
        />
      </SimpleGrid>

      <PlanCard campaign={c} />

      <Paper withBorder p="md" component="section" aria-labelledby="sc-plan">
        <Title order={2} size="h5" id="sc-plan" mb="sm">
          {t('campaign.plan')}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={{ base: 120, sm: 220 }}>{t('campaign.period')}</Table.Th>
              <Table.Td>
                {formatDate(c.startsOn, lang)} – {formatDate(c.endsOn, lang)}
              </Table.Td>
            </Table.Tr>
            {dates
              .filter(([, at]) => at)
              .map(([label, at]) => (
                <Table.Tr key={label}>
                  <Table.Th>{label}</Table.Th>
                  <Table.Td>{formatDateTime(at, lang)}</Table.Td>
                </Table.Tr>
              ))}
            <Table.Tr>
              <Table.Th>{t('form.scopeUnits')}</Table.Th>
              <Table.Td>
                {c.scopeUnitIds.length === 0
                  ? t('form.wholeAgency')
                  : c.scopeUnitIds.map((id) => (units.get(id) ? name(units.get(id)!) : id)).join(t('sep'))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('form.scopeRoles')}</Table.Th>
              <Table.Td>
                {c.scopeRoleKeys.length === 0
                  ? t('campaign.allRoles')
                  : c.scopeRoleKeys.map(roleLabel).join(t('sep'))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('form.items.legend')}</Table.Th>
              <Table.Td>
                {Object.keys(c.itemsPerRole).length === 0
                  ? t('campaign.allItems')
                  : Object.entries(c.itemsPerRole)
                      .map(([role, choice]) =>
                        choice === 'all'
                          ? `${roleLabel(role)}: ${t('form.items.all')}`
                          : `${roleLabel(role)}: ${t('campaign.focusCount', { count: choice.length })}`,
                      )
                      .join(' / ')}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('form.excluded')}</Table.Th>
              <Table.Td>
                {c.excludedStatuses.length === 0
                  ? t('campaign.noneExcluded')
                  : c.excludedStatuses
                      .map((s) =>
                        s === 'long_leave' ? t('form.excludedLongLeave') : t('form.excludedMarked'),
                      )
                      .join(t('sep'))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('form.options.title')}</Table.Th>
              <Table.Td>
                <Group gap={4}>
                  {c.answerOptions.map((o) => (
                    <Badge
                      key={o.key}
                      color={
                        o.meaning === 'implemented' ? 'green' : o.meaning === 'no_duty' ? 'gray' : 'orange'
                      }
                    >
                      {lang === 'en' ? o.labelEn : o.labelJa}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('campaign.reminders')}</Table.Th>
              <Table.Td>
                {c.reminderEveryDays === null
                  ? t('campaign.noReminders')
                  : t('campaign.remindEvery', { days: c.reminderEveryDays })}
              </Table.Td>
            </Table.Tr>
            {c.instructions && (
              <Table.Tr>
                <Table.Th>{t('form.instructions')}</Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.instructions}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>

      {c.closedAt && <ChangesAfterClose campaignId={c.id} />}

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('campaign.editTitle')}
        size="xl"
        fullScreen={narrow}
      >
        <CampaignForm
          campaign={c}
          submitLabel={t('common:actions.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            const after = await api<Campaign>(`/selfcheck/campaigns/${c.id}`, {
              method: 'PATCH',
              body: patchOf(c, v),
            });
            queryClient.setQueryData(keys.campaign(c.id), after);
            await queryClient.invalidateQueries({ queryKey: [SC, 'campaigns'] });
            setEditing(false);
          }}
        />
      </Modal>
    </Stack>
  );
}
