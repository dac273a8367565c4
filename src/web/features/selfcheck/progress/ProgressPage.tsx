import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../app/types.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useLocalName } from '../../../app/units.js';
import { useProgress } from '../api.js';
import { CampaignShell } from '../campaigns/CampaignShell.js';
import { useRoleLabel } from '../roles.js';
import { PendingList } from './PendingList.js';
import { ProgressTable } from './ProgressTable.js';
import { RemindButton } from './RemindButton.js';
import { UnitTrail, useDrill } from './UnitTrail.js';

export default function ProgressPage() {
  return <CampaignShell tab="progress">{(c) => <ProgressView campaign={c} />}</CampaignShell>;
}

/** Live progress: the unit's units with submitted / in scope, drill-down, who is pending, reminders. */
function ProgressView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('selfcheck');
  const { unitId, trail, go } = useDrill();
  const progress = useProgress(campaign.id, unitId);
  const name = useLocalName();
  const roleLabel = useRoleLabel();
  const data = progress.data;
  const pending = data ? data.unit.draft + data.unit.notStarted : 0;
  return (
    <Stack gap="lg">
      <UnitTrail
        trail={trail}
        current={unitId && progress.data ? progress.data.unit : null}
        onTop={() => go([])}
        onPick={(i) => go(trail.slice(0, i + 1))}
      />
      <ProblemAlert error={progress.error} />
      {progress.isPending ? (
        <LoadingState />
      ) : (
        data && (
          <>
            <Paper withBorder p="sm" component="section" aria-labelledby="sc-progress-heading">
              <Title order={2} size="h5" id="sc-progress-heading" mb="xs">
                {t('progress.title', { unit: name(data.unit) })}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('progress.live')}
              </Text>
              <div style={{ opacity: progress.isPlaceholderData ? 0.6 : 1 }}>
                <ProgressTable
                  data={data}
                  onOpen={(r) => go([...trail, { unitId: r.unitId, nameJa: r.nameJa, nameEn: r.nameEn }])}
                />
              </div>
            </Paper>
            <Paper withBorder p="sm" component="section" aria-labelledby="sc-pending-heading">
              <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
                <Stack gap={2}>
                  <Title order={2} size="h5" id="sc-pending-heading">
                    {t('pending.title')}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {t('pending.help', { unit: name(data.unit) })}
                  </Text>
                </Stack>
                {campaign.state === 'open' && (
                  <div>
                    <RemindButton
                      campaignId={campaign.id}
                      unitId={unitId}
                      unitName={name(data.unit)}
                      pending={pending}
                    />
                  </div>
                )}
              </Group>
              <PendingList
                key={unitId ?? 'top'}
                campaignId={campaign.id}
                unitId={unitId}
                roleLabel={roleLabel}
              />
            </Paper>
          </>
        )
      )}
    </Stack>
  );
}
