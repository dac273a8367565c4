import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { pathLabel } from '../../org/tree.js';
import { BCP_STATUSES, LIFECYCLES, type Ref, SY, type SystemDetail } from './api.js';

interface FormState {
  code: string;
  name: string;
  purpose: string;
  unitId: string | null;
  maintenanceUnitId: string | null;
  securityOfficer: Ref | null;
  administrator: Ref | null;
  contractor: string;
  lifecycle: string;
  internetFacing: boolean;
  maxClassification: string;
  cloudUsed: boolean;
  cloudConfidential: boolean;
  cloudInJapan: string;
  cloudTerms: string;
  bcpStatus: string;
}

function initial(s?: SystemDetail): FormState {
  return {
    code: s?.code ?? '',
    name: s?.name ?? '',
    purpose: s?.purpose ?? '',
    unitId: s?.unit?.id ?? null,
    maintenanceUnitId: s?.maintenanceUnit?.id ?? null,
    securityOfficer: s?.securityOfficer ?? null,
    administrator: s?.administrator ?? null,
    contractor: s?.contractor ?? '',
    lifecycle: s?.lifecycle ?? 'operating',
    internetFacing: s?.internetFacing ?? false,
    maxClassification: s?.maxClassification ?? '',
    cloudUsed: s?.cloud.used ?? false,
    cloudConfidential: s?.cloud.confidentialData ?? false,
    cloudInJapan: s?.cloud.storedInJapan === null || !s ? '' : String(s.cloud.storedInJapan),
    cloudTerms: s?.cloud.contractTerms ?? '',
    bcpStatus: s?.bcpStatus ?? 'none',
  };
}

/** Create (no `system`) or edit a ledger entry; an edit sends the version it was made on. */
export function SystemForm(props: {
  opened: boolean;
  system?: SystemDetail;
  onClose(): void;
  onSaved?(s: SystemDetail): void;
}) {
  const { t } = useTranslation('systems');
  const queryClient = useQueryClient();
  const [f, setF] = useState<FormState>(() => initial(props.system));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<FormState>) => setF((x) => ({ ...x, ...patch }));
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      code: f.code.trim(),
      name: f.name.trim(),
      purpose: f.purpose,
      unitId: f.unitId,
      maintenanceUnitId: f.maintenanceUnitId,
      securityOfficerId: f.securityOfficer?.id ?? null,
      administratorId: f.administrator?.id ?? null,
      contractor: f.contractor,
      lifecycle: f.lifecycle,
      internetFacing: f.internetFacing,
      maxClassification: f.maxClassification.trim() || null,
      cloud: {
        used: f.cloudUsed,
        confidentialData: f.cloudConfidential,
        storedInJapan: f.cloudInJapan === '' ? null : f.cloudInJapan === 'true',
        contractTerms: f.cloudTerms,
      },
      bcpStatus: f.bcpStatus,
    };
    try {
      const saved = props.system
        ? await api<SystemDetail>(`/systems/${props.system.id}`, {
            method: 'PATCH',
            body: { ...body, version: props.system.version },
          })
        : await api<SystemDetail>('/systems', { method: 'POST', body });
      await queryClient.invalidateQueries({ queryKey: [SY] });
      props.onClose();
      props.onSaved?.(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) => fieldError(error, field);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.system ? t('system.editTitle') : t('system.createTitle')}
      size="xl"
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('system.fields.code')}
            required
            value={f.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={err('code')}
          />
          <TextInput
            label={t('system.fields.name')}
            required
            value={f.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={err('name')}
          />
        </SimpleGrid>
        <Textarea
          label={t('system.fields.purpose')}
          value={f.purpose}
          onChange={(e) => set({ purpose: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('system.fields.unit')}
            required
            data={unitOptions}
            value={f.unitId}
            onChange={(v) => set({ unitId: v })}
            searchable
            error={err('unitId')}
          />
          <Select
            label={t('system.fields.maintenanceUnit')}
            data={unitOptions}
            value={f.maintenanceUnitId}
            onChange={(v) => set({ maintenanceUnitId: v })}
            searchable
            clearable
            error={err('maintenanceUnitId')}
          />
          <PersonSelect
            label={t('system.fields.securityOfficer')}
            value={f.securityOfficer}
            onChange={(p) => set({ securityOfficer: p })}
            error={err('securityOfficerId')}
          />
          <PersonSelect
            label={t('system.fields.administrator')}
            value={f.administrator}
            onChange={(p) => set({ administrator: p })}
            error={err('administratorId')}
          />
          <TextInput
            label={t('system.fields.contractor')}
            value={f.contractor}
            onChange={(e) => set({ contractor: e.currentTarget.value })}
          />
          <Select
            label={t('system.fields.lifecycle')}
            data={LIFECYCLES.map((l) => ({ value: l, label: t(`system.lifecycle.${l}`) }))}
            value={f.lifecycle}
            onChange={(v) => set({ lifecycle: v ?? 'operating' })}
          />
          <TextInput
            label={t('system.fields.maxClassification')}
            placeholder="c3"
            value={f.maxClassification}
            onChange={(e) => set({ maxClassification: e.currentTarget.value })}
            error={err('maxClassification')}
          />
          <Select
            label={t('system.fields.bcpStatus')}
            data={BCP_STATUSES.map((b) => ({ value: b, label: t(`system.bcp.${b}`) }))}
            value={f.bcpStatus}
            onChange={(v) => set({ bcpStatus: v ?? 'none' })}
          />
        </SimpleGrid>
        <Checkbox
          label={t('system.fields.internetFacing')}
          checked={f.internetFacing}
          onChange={(e) => set({ internetFacing: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('system.fields.cloudUsed')}
          checked={f.cloudUsed}
          onChange={(e) => set({ cloudUsed: e.currentTarget.checked })}
        />
        {f.cloudUsed && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Checkbox
              label={t('system.fields.cloudConfidential')}
              checked={f.cloudConfidential}
              onChange={(e) => set({ cloudConfidential: e.currentTarget.checked })}
            />
            <Select
              label={t('system.fields.cloudInJapan')}
              data={[
                { value: '', label: t('system.fields.unknown') },
                { value: 'true', label: t('system.yes') },
                { value: 'false', label: t('system.no') },
              ]}
              value={f.cloudInJapan}
              onChange={(v) => set({ cloudInJapan: v ?? '' })}
            />
            <Textarea
              label={t('system.fields.cloudTerms')}
              value={f.cloudTerms}
              onChange={(e) => set({ cloudTerms: e.currentTarget.value })}
            />
          </SimpleGrid>
        )}
        <ProblemAlert error={error} withFields={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('system.cancel')}
          </Button>
          <Button onClick={save} loading={busy}>
            {t('system.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface PersonHit {
  id: string;
  name: string;
  staffNo: string;
  unitName: string;
}

/** Picks an active person of the agency by name or staff number (searched on the server). */
function PersonSelect(props: {
  label: string;
  value: Ref | null;
  onChange(p: Ref | null): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('systems');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const hits = useQuery({
    queryKey: ['org', 'people-search', q],
    queryFn: async () =>
      (await api<{ items: PersonHit[] }>('/people', { query: { q, status: 'active', pageSize: 20 } })).items,
    enabled: q.trim().length > 0,
  });
  const data = [
    ...(props.value ? [{ value: props.value.id, label: props.value.name }] : []),
    ...(hits.data ?? [])
      .filter((p) => p.id !== props.value?.id)
      .map((p) => ({ value: p.id, label: `${p.name}（${p.staffNo}・${p.unitName}）` })),
  ];
  return (
    <Select
      label={props.label}
      placeholder={t('system.personSearch')}
      data={data}
      value={props.value?.id ?? null}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const hit = hits.data?.find((p) => p.id === id);
        props.onChange(id ? { id, name: hit?.name ?? props.value?.name ?? '' } : null);
      }}
      filter={({ options }) => options}
      error={props.error}
    />
  );
}
