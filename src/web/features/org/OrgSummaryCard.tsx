import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { LoadingState } from '../../app/ui/States.js';
import { useUnits } from '../../app/units.js';

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700}>
        {value.toLocaleString()}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** Home-page card: the size of the organisation the user can see. */
export function OrgSummaryCard() {
  const { t } = useTranslation('org');
  const units = useUnits();
  const stats = useMemo(() => {
    const list = (units.data ?? []).filter((u) => !u.abolished);
    return {
      units: list.length,
      bureaus: list.filter((u) => u.kind === 'bureau' || u.kind === 'external_bureau').length,
      people: list.reduce((n, u) => n + u.peopleCount, 0),
    };
  }, [units.data]);
  return (
    <DashboardCard id="org-summary" title={t('card.title')}>
      {units.isPending ? (
        <LoadingState />
      ) : (
        <Stack>
          <SimpleGrid cols={3}>
            <Stat label={t('card.bureaus')} value={stats.bureaus} />
            <Stat label={t('card.units')} value={stats.units} />
            <Stat label={t('card.people')} value={stats.people} />
          </SimpleGrid>
          <Group>
            <Button component={Link} to="/org" variant="light" size="xs">
              {t('card.open')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
