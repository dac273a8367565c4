import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';

const KEY = ['org', 'settings'] as const;
type Settings = {
  minGroupSize: number;
  sessionIdleMinutes: number | null;
  sessionAbsoluteHours: number | null;
  serverSession: { idleMinutes: number; absoluteHours: number };
};

const orNull = (v: number | string) => (v === '' ? null : Number(v));

/**
 * The agency's settings: the minimum group size of aggregates and the session timeouts
 * (org.manage agency-wide; audited). An empty timeout falls back to the server's.
 */
export function AgencySettingsTab() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: () => api<Settings>('/org/settings') });
  const [min, setMin] = useState<number | string>('');
  const [idle, setIdle] = useState<number | string>('');
  const [absolute, setAbsolute] = useState<number | string>('');
  useEffect(() => {
    if (!settings.data) return;
    setMin(settings.data.minGroupSize);
    setIdle(settings.data.sessionIdleMinutes ?? '');
    setAbsolute(settings.data.sessionAbsoluteHours ?? '');
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      api<Settings>('/org/settings', {
        method: 'PATCH',
        body: {
          minGroupSize: Number(min),
          sessionIdleMinutes: orNull(idle),
          sessionAbsoluteHours: orNull(absolute),
        },
      }),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  if (settings.isPending) return <LoadingState />;
  const server = settings.data?.serverSession;
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
        <NumberInput
          label={t('settings.sessionIdle')}
          description={t('settings.sessionIdleHelp', { value: server?.idleMinutes })}
          min={5}
          max={480}
          allowDecimal={false}
          value={idle}
          onChange={setIdle}
        />
        <NumberInput
          label={t('settings.sessionAbsolute')}
          description={t('settings.sessionAbsoluteHelp', { value: server?.absoluteHours })}
          min={1}
          max={24}
          allowDecimal={false}
          value={absolute}
          onChange={setAbsolute}
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
