import { Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconLock, IconPlayerPlay, IconPlayerStop, IconRefresh, IconWorldUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import type { Campaign } from '../../../app/types.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { keys, SC } from '../api.js';

type Move = 'open' | 'close' | 'reopen' | 'publish';
const TARGET: Record<Move, 'open' | 'closed' | 'published'> = {
  open: 'open',
  close: 'closed',
  reopen: 'open',
  publish: 'published',
};
const MOVES: Record<Campaign['state'], Move[]> = {
  draft: ['open'],
  open: ['close'],
  closed: ['reopen', 'publish'],
  published: [],
};
const ICONS = {
  open: IconPlayerPlay,
  close: IconPlayerStop,
  reopen: IconRefresh,
  publish: IconWorldUpload,
};

/**
 * The campaign's next steps, each behind a dialog that says what it does: opening freezes items and
 * members, closing stops answers, publishing freezes the figures (and may submit them to NISC).
 */
export function TransitionActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation(['selfcheck', 'common']);
  const queryClient = useQueryClient();
  const [move, setMove] = useState<Move | null>(null);
  const [submitToCentral, setSubmitToCentral] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setMove(null);
    setError(null);
    setSubmitToCentral(false);
  };
  const confirm = async () => {
    if (!move) return;
    setBusy(true);
    setError(null);
    try {
      // Opening a large agency's campaign answers at once with the job creating its questionnaires:
      // the campaign page shows that job's progress bar (CampaignShell) and refreshes when it is done.
      const after = await api<Campaign & { jobId: number | null }>(
        `/selfcheck/campaigns/${campaign.id}/transition`,
        {
          method: 'POST',
          body: { to: TARGET[move], submitToCentral: move === 'publish' && submitToCentral },
        },
      );
      queryClient.setQueryData(keys.campaign(campaign.id), after);
      await queryClient.invalidateQueries({ queryKey: [SC] });
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const moves = MOVES[campaign.state];
  if (moves.length === 0) return null;
  return (
    <>
      <Group gap="xs">
        {moves.map((m) => {
          const Icon = ICONS[m];
          return (
            <Button
              key={m}
              variant={m === 'reopen' ? 'default' : 'filled'}
              color={m === 'close' ? 'orange' : m === 'publish' ? 'green' : undefined}
              leftSection={<Icon size={16} aria-hidden />}
              onClick={() => setMove(m)}
              // Opening needs the CISO's approval of the plan (002 L265-267); the plan card says so.
              disabled={m === 'open' && !campaign.approval}
              title={m === 'open' && !campaign.approval ? t('planApproval.openNeedsApproval') : undefined}
            >
              {t(`transition.${m}.button`)}
            </Button>
          );
        })}
      </Group>
      <Modal
        opened={move !== null}
        onClose={close}
        title={move ? t(`transition.${move}.title`) : ''}
        centered
        size="lg"
      >
        {move && (
          <Stack>
            <Text size="sm">{t(`transition.${move}.body`)}</Text>
            <List size="sm" spacing={4} icon={<IconLock size={14} aria-hidden />}>
              <List.Item>{t(`transition.${move}.effect1`)}</List.Item>
              <List.Item>{t(`transition.${move}.effect2`)}</List.Item>
            </List>
            {move === 'publish' && (
              <Checkbox
                label={t('transition.publish.submitToCentral')}
                description={t('transition.publish.submitToCentralHelp')}
                checked={submitToCentral}
                onChange={(e) => setSubmitToCentral(e.currentTarget.checked)}
              />
            )}
            <ProblemAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                onClick={confirm}
                loading={busy}
                color={move === 'close' ? 'orange' : move === 'publish' ? 'green' : undefined}
                data-autofocus
              >
                {t(`transition.${move}.confirm`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
