import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDice } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDateTime } from '../../../app/format.js';
import type { Campaign, Sample } from '../../../app/types.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { useRoles } from '../../admin/roles-api.js';
import { pathLabel } from '../../org/tree.js';
import { SC, useSamples } from '../api.js';
import { CampaignShell } from '../campaigns/CampaignShell.js';
import { useRoleLabel } from '../roles.js';

export default function SamplesPage() {
  return <CampaignShell tab="samples">{(c) => <Samples campaign={c} />}</CampaignShell>;
}

type UnitMode = 'all' | 'drawn' | 'picked';
const KINDS = ['bureau', 'external_bureau', 'division', 'office', 'other'] as const;

/**
 * Auditing the self-check as the Cabinet Office does it (002 L453-470): units first (drawn with the
 * seed, or picked), then per role the number of submitted people, then each answer verified.
 */
function Samples({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation('selfcheck');
  const samples = useSamples(campaign.id);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const roleLabel = useRoleLabel();
  const roles = useRoles();
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const selfChecked = (roles.data ?? []).filter((r) => r.metricGroup !== null);
  const [seed, setSeed] = useState<number>(() => Math.floor(Math.random() * 1_000_000));
  const [mode, setMode] = useState<UnitMode>('drawn');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('bureau');
  const [unitCount, setUnitCount] = useState<number>(1);
  const [picked, setPicked] = useState<string[]>([]);
  const [roleCounts, setRoleCounts] = useState<Record<string, number>>({ staff: 5 });
  const [allItems, setAllItems] = useState(true);
  const [itemsPerMember, setItemsPerMember] = useState<number>(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  const draw = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await api<{ id: string; entries: number }>(`/selfcheck/campaigns/${campaign.id}/samples`, {
        method: 'POST',
        body: {
          seed,
          units:
            mode === 'drawn'
              ? { mode, kind, count: unitCount }
              : mode === 'picked'
                ? { mode, unitIds: picked }
                : { mode },
          roleCounts: Object.fromEntries(Object.entries(roleCounts).filter(([, n]) => n > 0)),
          itemsPerMember: allItems ? null : itemsPerMember,
        },
      });
      await queryClient.invalidateQueries({ queryKey: [SC, 'campaign', campaign.id, 'samples'] });
      navigate(`/selfcheck/campaigns/${campaign.id}/samples/${made.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const unitsOf = (s: Sample) =>
    s.units.length === 0
      ? t('samples.wholeAgency')
      : s.units.map((u) => (i18n.language === 'en' ? (u.nameEn ?? u.nameJa) : u.nameJa)).join(t('sep'));
  const countsOf = (s: Sample) =>
    s.perRole !== null && Object.keys(s.roleCounts).length === 0
      ? String(s.perRole)
      : Object.entries(s.roleCounts)
          .map(([k, n]) => `${roleLabel(k)} ${n}`)
          .join(t('sep'));
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="sc-draw">
        <Title order={2} size="h5" id="sc-draw" mb={2}>
          {t('samples.draw')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('samples.drawHelp')}
        </Text>
        <form onSubmit={draw} noValidate>
          <Stack>
            <ProblemAlert error={error} withFields={false} />
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
            <Stack gap={4}>
              <Text size="sm" fw={500} id="sc-units-mode">
                {t('samples.unitsMode')}
              </Text>
              <SegmentedControl
                aria-labelledby="sc-units-mode"
                value={mode}
                onChange={(m) => setMode(m as UnitMode)}
                data={[
                  { value: 'drawn', label: t('samples.unitsDrawn') },
                  { value: 'picked', label: t('samples.unitsPicked') },
                  { value: 'all', label: t('samples.unitsAll') },
                ]}
                w="fit-content"
              />
            </Stack>
            {mode === 'drawn' && (
              <Group align="flex-end">
                <Select
                  label={t('samples.unitKind')}
                  data={KINDS.map((k) => ({ value: k, label: t(`samples.kinds.${k}`) }))}
                  value={kind}
                  onChange={(k) => k && setKind(k as (typeof KINDS)[number])}
                  allowDeselect={false}
                  error={fieldError(error, 'units.kind')}
                  w={200}
                />
                <NumberInput
                  label={t('samples.unitCount')}
                  value={unitCount}
                  onChange={(n) => setUnitCount(typeof n === 'number' ? n : 1)}
                  min={1}
                  max={500}
                  allowDecimal={false}
                  error={fieldError(error, 'units.count')}
                  w={160}
                />
              </Group>
            )}
            {mode === 'picked' && (
              <MultiSelect
                label={t('samples.unitPick')}
                data={unitOptions}
                value={picked}
                onChange={setPicked}
                searchable
                clearable
                error={fieldError(error, 'units.unitIds')}
                maxDropdownHeight={300}
              />
            )}
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('samples.roleCounts')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('samples.roleCountsHelp')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                {selfChecked.map((r) => (
                  <NumberInput
                    key={r.key}
                    label={i18n.language === 'en' ? r.nameEn : r.nameJa}
                    value={roleCounts[r.key] ?? 0}
                    onChange={(n) =>
                      setRoleCounts((old) => ({ ...old, [r.key]: typeof n === 'number' ? n : 0 }))
                    }
                    min={0}
                    max={100_000}
                    allowDecimal={false}
                    error={fieldError(error, `roleCounts.${r.key}`)}
                  />
                ))}
              </SimpleGrid>
              {fieldError(error, 'roleCounts') && (
                <Text size="xs" c="red">
                  {fieldError(error, 'roleCounts')}
                </Text>
              )}
            </Stack>
            <Group align="flex-end">
              <Switch
                label={t('samples.allItems')}
                checked={allItems}
                onChange={(e) => setAllItems(e.currentTarget.checked)}
              />
              {!allItems && (
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
              )}
            </Group>
            <Group>
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
                <Table.Th>{t('samples.units')}</Table.Th>
                <Table.Th>{t('samples.roleCounts')}</Table.Th>
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
                  <Table.Td>{unitsOf(s)}</Table.Td>
                  <Table.Td>{countsOf(s)}</Table.Td>
                  <Table.Td ta="right">{s.itemsPerMember ?? t('samples.allItems')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
