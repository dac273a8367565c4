import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { HOST_ROLES, SY, type SystemDetail } from './api.js';

export type ComponentKind = 'hosts' | 'software' | 'certificates';

const list = (s: string) => s.split(/[\s,、]+/).filter(Boolean);

/** Adds a host, a software product or a certificate to a system. */
export function ComponentForm({
  kind,
  system,
  onClose,
}: {
  kind: ComponentKind;
  system: SystemDetail;
  onClose(): void;
}) {
  const { t } = useTranslation('systems');
  const queryClient = useQueryClient();
  const [v, setV] = useState<Record<string, string | boolean | number | null>>({ role: 'web' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (x: string | boolean | number | null) => setV((o) => ({ ...o, [k]: x }));
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  const hostOptions = system.hosts.map((h) => ({ value: h.id, label: h.name }));
  const body = () => {
    if (kind === 'hosts')
      return {
        role: v.role,
        name: s('name').trim(),
        addresses: list(s('addresses')),
        domains: list(s('domains')),
        probeOptIn: v.probeOptIn === true,
        probePorts: list(s('probePorts')).map(Number),
        note: s('note'),
      };
    if (kind === 'software')
      return {
        hostId: v.hostId || null,
        vendor: s('vendor').trim(),
        product: s('product').trim(),
        version: s('version').trim(),
        cpe: s('cpe').trim() || null,
        endOfSupport: s('endOfSupport') || null,
      };
    return {
      hostId: v.hostId || null,
      subject: s('subject').trim(),
      issuer: s('issuer').trim(),
      notAfter: s('notAfter') ? new Date(`${s('notAfter')}T00:00:00+09:00`).toISOString() : null,
      keyType: s('keyType').trim() || null,
      keyBits: typeof v.keyBits === 'number' ? v.keyBits : null,
      signatureAlgorithm: s('signatureAlgorithm').trim() || null,
    };
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/systems/${system.id}/${kind}`, { method: 'POST', body: body() });
      await queryClient.invalidateQueries({ queryKey: [SY] });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const text = (
    k: string,
    label: string,
    extra: { required?: boolean; description?: string; type?: string } = {},
  ) => (
    <TextInput
      label={label}
      value={s(k)}
      onChange={(e) => set(k)(e.currentTarget.value)}
      error={fieldError(error, k) ?? fieldError(error, `body.${k}.0`)}
      {...extra}
    />
  );
  const title =
    kind === 'hosts'
      ? t('system.addHost')
      : kind === 'software'
        ? t('system.addSoftware')
        : t('system.addCertificate');
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        {kind === 'hosts' && (
          <>
            <Select
              label={t('system.host.role')}
              data={HOST_ROLES.map((r) => ({ value: r, label: t(`system.role.${r}`) }))}
              value={s('role')}
              onChange={(x) => set('role')(x ?? 'other')}
            />
            {text('name', t('system.host.name'), { required: true })}
            {text('addresses', t('system.host.addresses'), { description: t('system.host.addressesHelp') })}
            {text('domains', t('system.host.domains'), { description: t('system.host.domainsHelp') })}
            <Checkbox
              label={t('system.host.probeOptIn')}
              checked={v.probeOptIn === true}
              onChange={(e) => set('probeOptIn')(e.currentTarget.checked)}
            />
            {text('probePorts', t('system.host.probePorts'), {
              description: t('system.host.probePortsHelp'),
            })}
            {text('note', t('system.host.note'))}
          </>
        )}
        {kind !== 'hosts' && hostOptions.length > 0 && (
          <Select
            label={t('system.software.host')}
            data={hostOptions}
            value={(v.hostId as string | null) ?? null}
            onChange={set('hostId')}
            clearable
          />
        )}
        {kind === 'software' && (
          <>
            {text('vendor', t('system.software.vendor'), { required: true })}
            {text('product', t('system.software.product'), { required: true })}
            {text('version', t('system.software.version'))}
            {text('cpe', t('system.software.cpe'), { description: t('system.software.cpeHelp') })}
            {text('endOfSupport', t('system.software.endOfSupport'), { type: 'date' })}
          </>
        )}
        {kind === 'certificates' && (
          <>
            {text('subject', t('system.certificate.subject'), { required: true })}
            {text('issuer', t('system.certificate.issuer'))}
            {text('notAfter', t('system.certificate.notAfter'), { type: 'date' })}
            {text('keyType', t('system.certificate.keyType'))}
            <NumberInput
              label={t('system.certificate.keyBits')}
              min={1}
              value={typeof v.keyBits === 'number' ? v.keyBits : ''}
              onChange={(x) => set('keyBits')(typeof x === 'number' ? x : null)}
            />
            {text('signatureAlgorithm', t('system.certificate.signatureAlgorithm'))}
          </>
        )}
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('system.cancel')}
          </Button>
          <Button onClick={save} loading={busy}>
            {t('system.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
