import { Anchor, Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDice } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDateTime } from '../../../app/format.js';
import type { Campaign } from '../../../app/types.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { SC, useSamples } from '../api.js';
import { CampaignShell } from '../campaigns/CampaignShell.js';

export default function SamplesPage() {
  return <CampaignShell tab="samples">{(c) => <Samples campaign={c} />}</CampaignShell>;
}

/** Auditing the self-check on a sample (002 L453-470): draw reproducibly by seed, then verify each answer. */
function Samples({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation('selfcheck');
  const samples = useSamples(campaign.id);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [seed, setSeed] = useState<number>(() => Math.floor(Math.random() * 1_000_000));
  const [perRole, setPerRole] = useState<number>(5);
  const [itemsPerMember, setItemsPerMember] = useState<number>(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const draw = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await api<{ id: string; entries: number }>(`/selfcheck/campaigns/${campaign.id}/samples`, {
        method: 'POST',
        body: { seed, perRole, itemsPerMember },
      });
      await queryClient.invalidateQueries({ queryKey: [SC, 'campaign', campaign.id, 'samples'] });
      navigate(`/selfcheck/campaigns/${campaign.id}/samples/${made.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="sc-draw">
        <Title order={2} size="h5" id="sc-draw" mb={2}>
          {t('samples.draw')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('samples.drawHelp')}
        </Text>
        <form onSubmit={draw}>
          <Stack>
            <ProblemAlert error={error} withFields={false} />
            <Group align="flex-end" wrap="wrap">
              <NumberInput
                label={t('samples.seed')}
                description={t('samples.seedHelp')}
                value={seed}
                onChange={(n) => setSeed(typeof n === 'number' ? n : 0)}
                min={0}
                max={2_147_483_647}
                allowDecimal={false}
                error={fieldError(error, 'seed')}
                w={200}
              />
              <NumberInput
                label={t('samples.perRole')}
                value={perRole}
                onChange={(n) => setPerRole(typeof n === 'number' ? n : 1)}
                min={1}
                max={1000}
                allowDecimal={false}
                error={fieldError(error, 'perRole')}
                w={160}
              />
              <NumberInput
                label={t('samples.itemsPerMember')}
                value={itemsPerMember}
                onChange={(n) => setItemsPerMember(typeof n === 'number' ? n : 1)}
                min={1}
                max={100}
                allowDecimal={false}
                error={fieldError(error, 'itemsPerMember')}
                w={160}
              />
              <Button type="submit" loading={busy} leftSection={<IconDice size={16} aria-hidden />}>
                {t('samples.drawButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="sc-samples">
        <Title order={2} size="h5" id="sc-samples" mb="sm">
          {t('samples.list')}
        </Title>
        <ProblemAlert error={samples.error} />
        {samples.isPending ? (
          <LoadingState />
        ) : !samples.data?.length ? (
          <EmptyMessage title={t('samples.empty')} />
        ) : (
          <Table striped aria-label={t('samples.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('samples.createdAt')}</Table.Th>
                <Table.Th ta="right">{t('samples.seed')}</Table.Th>
                <Table.Th ta="right">{t('samples.perRole')}</Table.Th>
                <Table.Th ta="right">{t('samples.itemsPerMember')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {samples.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/selfcheck/campaigns/${campaign.id}/samples/${s.id}`}>
                      {formatDateTime(s.createdAt, i18n.language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {s.seed}
                  </Table.Td>
                  <Table.Td ta="right">{s.perRole}</Table.Td>
                  <Table.Td ta="right">{s.itemsPerMember}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
