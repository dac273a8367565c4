import {
  ActionIcon,
  Anchor,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowLeft, IconCheck, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.js';
import type { Campaign, SampleDetail } from '../../../app/types.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useSample } from '../api.js';
import { CampaignShell } from '../campaigns/CampaignShell.js';
import { pct, share } from '../format.js';
import { useRoleLabel } from '../roles.js';
import { SampleRates } from './SampleRates.js';

export default function SamplePage() {
  return <CampaignShell tab="samples">{(c) => <Sample campaign={c} />}</CampaignShell>;
}

type Entry = SampleDetail['entries'][number];

function Sample({ campaign }: { campaign: Campaign }) {
  const { sampleId = '' } = useParams();
  const { t, i18n } = useTranslation('selfcheck');
  const sample = useSample(campaign.id, sampleId);
  const roleLabel = useRoleLabel();
  const optionLabel = (key: string | null) => {
    const o = campaign.answerOptions.find((x) => x.key === key);
    return o ? (i18n.language === 'en' ? o.labelEn : o.labelJa) : (key ?? '—');
  };
  if (sample.isPending) return <LoadingState />;
  if (!sample.data) return <ProblemAlert error={sample.error} />;
  const s = sample.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/selfcheck/campaigns/${campaign.id}/samples`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('samples.back')}
        </Group>
      </Anchor>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('samples.seed')}
          </Text>
          <Text fw={700} ff="monospace">
            {s.seed}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('samples.entries')}
          </Text>
          <Text fw={700}>{s.summary.entries}</Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('samples.checked')}
          </Text>
          <Text fw={700} data-testid="sample-checked">
            {s.summary.checked} / {s.summary.entries}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('samples.confirmedRate')}
          </Text>
          <Text fw={700}>{pct(share(s.summary.confirmed, s.summary.checked))}</Text>
        </Paper>
      </SimpleGrid>
      <SampleRates rates={s.rates} />
      <Table.ScrollContainer minWidth={860}>
        <Table striped verticalSpacing="xs" aria-label={t('samples.entriesLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('samples.col.person')}</Table.Th>
              <Table.Th>{t('samples.col.item')}</Table.Th>
              <Table.Th>{t('samples.col.answer')}</Table.Th>
              <Table.Th>{t('samples.col.verified')}</Table.Th>
              <Table.Th>{t('samples.col.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.entries.map((e) => (
              <EntryRow
                key={e.id}
                campaignId={campaign.id}
                sampleId={s.id}
                entry={e}
                answer={optionLabel(e.answer)}
                roleName={roleLabel(e.roleKey)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One sampled answer: was it true? ✓ or ✗, with a note; saved at once. */
const EntryRow = memo(function EntryRow({
  campaignId,
  sampleId,
  entry: e,
  answer,
  roleName,
}: {
  campaignId: string;
  sampleId: string;
  entry: Entry;
  answer: string;
  roleName: string;
}) {
  const { t } = useTranslation('selfcheck');
  const queryClient = useQueryClient();
  const [verified, setVerified] = useState<boolean | null>(e.verified);
  const [note, setNote] = useState(e.note);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: boolean, n: string) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/selfcheck/campaigns/${campaignId}/samples/${sampleId}/entries/${e.id}`, {
        method: 'PATCH',
        body: { verified: v, note: n },
      });
      setVerified(v);
      await queryClient.invalidateQueries({
        queryKey: ['selfcheck', 'campaign', campaignId, 'sample', sampleId],
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const who = t('samples.who', { name: e.name, staffNo: e.staffNo });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{who}</Text>
        <Text size="xs" c="dimmed">
          {e.unitName} · {roleName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {e.itemId}
        </Text>
        <Text size="xs">{e.itemTitle}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color="blue">{answer}</Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant={verified === true ? 'filled' : 'default'}
            color="green"
            onClick={() => save(true, note)}
            loading={busy}
            aria-label={t('samples.markTrue', { who, item: e.itemId })}
            aria-pressed={verified === true}
          >
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant={verified === false ? 'filled' : 'default'}
            color="red"
            onClick={() => save(false, note)}
            loading={busy}
            aria-label={t('samples.markFalse', { who, item: e.itemId })}
            aria-pressed={verified === false}
          >
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
        {error !== null && <ProblemAlert error={error} />}
      </Table.Td>
      <Table.Td miw={200}>
        <TextInput
          size="xs"
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          onBlur={() => verified !== null && note !== e.note && void save(verified, note)}
          aria-label={t('samples.noteFor', { who, item: e.itemId })}
          placeholder={verified === null ? t('samples.notePlaceholder') : undefined}
          maxLength={2000}
        />
      </Table.Td>
    </Table.Tr>
  );
});
