import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';

const KEY = ['org', 'settings'] as const;
type Settings = { minGroupSize: number };

/** The agency's settings: the minimum group size of aggregates (org.manage agency-wide; audited). */
export function AgencySettingsTab() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: () => api<Settings>('/org/settings') });
  const [min, setMin] = useState<number | string>('');
  useEffect(() => {
    if (settings.data) setMin(settings.data.minGroupSize);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      api<Settings>('/org/settings', { method: 'PATCH', body: { minGroupSize: Number(min) } }),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  if (settings.isPending) return <LoadingState />;
  return (
    <Paper withBorder p="md" maw={560}>
      <Stack>
        <ProblemAlert error={settings.error ?? save.error} />
        <NumberInput
          label={t('settings.minGroupSize')}
          description={t('settings.minGroupSizeHelp')}
          min={1}
          max={100}
          allowDecimal={false}
          value={min}
          onChange={setMin}
          data-testid="min-group-size"
        />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={min === ''}>
            {t('settings.save')}
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.8">
              {t('settings.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
