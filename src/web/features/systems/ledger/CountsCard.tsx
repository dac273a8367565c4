import { Badge, Button, Card, Group, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { useCan } from '../../../app/permissions.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { SY, useCounts } from './api.js';

/** Public web and mail servers against the consolidation targets (サーバ集約化, 001 L3131-3143). */
export function CountsCard() {
  const { t } = useTranslation('systems');
  const counts = useCounts(true);
  const canManage = useCan('system.manage');
  const [editing, setEditing] = useState(false);
  if (!counts.data) return null;
  const c = counts.data;
  const line = (n: number, target: number | null, over: number | null) => (
    <Group gap="xs">
      <Text size="xl" fw={700}>
        {n.toLocaleString()}
      </Text>
      {c.agencyWide &&
        (target === null ? (
          <Text size="sm" c="dimmed">
            {t('ledger.counts.noTarget')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('ledger.counts.target', { n: target })}
            </Text>
            <Badge color={over ? 'red' : 'green'} variant="light">
              {over ? t('ledger.counts.over', { n: over }) : t('ledger.counts.met')}
            </Badge>
          </>
        ))}
    </Group>
  );
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('ledger.counts.title')}</Text>
        {canManage && c.agencyWide && (
          <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
            {t('ledger.counts.setTargets')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={0}>
          <Text size="sm">{t('ledger.counts.web')}</Text>
          {line(c.web, c.webServerTarget, c.webOverTarget)}
        </Stack>
        <Stack gap={0}>
          <Text size="sm">{t('ledger.counts.mail')}</Text>
          {line(c.mail, c.mailServerTarget, c.mailOverTarget)}
        </Stack>
      </SimpleGrid>
      {!c.agencyWide && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('ledger.counts.partial')}
        </Text>
      )}
      {editing && (
        <TargetsModal web={c.webServerTarget} mail={c.mailServerTarget} onClose={() => setEditing(false)} />
      )}
    </Card>
  );
}

function TargetsModal(props: { web: number | null; mail: number | null; onClose(): void }) {
  const { t } = useTranslation('systems');
  const queryClient = useQueryClient();
  const [web, setWeb] = useState<number | string>(props.web ?? '');
  const [mail, setMail] = useState<number | string>(props.mail ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    try {
      await api('/systems/settings', {
        method: 'PATCH',
        body: {
          webServerTarget: web === '' ? null : Number(web),
          mailServerTarget: mail === '' ? null : Number(mail),
        },
      });
      await queryClient.invalidateQueries({ queryKey: [SY, 'counts'] });
      props.onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={t('ledger.counts.setTargets')}>
      <Stack>
        <NumberInput label={t('ledger.counts.webTarget')} min={0} value={web} onChange={setWeb} />
        <NumberInput label={t('ledger.counts.mailTarget')} min={0} value={mail} onChange={setMail} />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('system.cancel')}
          </Button>
          <Button onClick={save}>{t('system.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
