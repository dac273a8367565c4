import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { CERT_COLORS, useContract, VK } from './api.js';
import { type Check, type CheckResult, PHASES } from './types.js';

/** A contract: what was checked about the contractor, and the checks at contract, during work, at delivery. */
export default function ContractPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('vendors');
  const contract = useContract(id);
  if (contract.isPending) return <LoadingState />;
  if (!contract.data) return <ProblemAlert error={contract.error} />;
  const c = contract.data;
  const rows: [string, string][] = [
    [
      t('contracts.contractor'),
      `${c.contractor}${c.contractorLocation ? `（${c.contractorLocation}）` : ''}`,
    ],
    [t('contracts.workLocation'), c.workLocation],
    [t('contracts.affiliation'), c.affiliation],
    [t('contracts.staffQualifications'), c.staffQualifications],
    [
      t('contracts.subcontractors'),
      c.subcontractors
        .map((s) => `${s.name}（${s.representative}、${s.location}、${s.mainShareholders}）`)
        .join('\n'),
    ],
    [t('contracts.period'), [c.periodFrom, c.periodTo].filter(Boolean).join(' – ')],
    [t('contracts.systems'), c.systems.map((s) => `${s.code} ${s.name}`).join('、')],
  ];
  return (
    <>
      <PageHeader title={c.name} description={c.unit.name} />
      <Stack>
        <Group>
          <Badge color={CERT_COLORS[c.certificateStatus]} variant="light" data-testid="cert-status">
            {t('contracts.isms')}: {t(`cert.${c.certificateStatus}`)} {c.ismsCertificateNo}{' '}
            {c.ismsCertificateExpiry ?? ''}
          </Badge>
          <Badge color={c.openChecks ? 'yellow' : 'green'} variant="light" data-testid="open-checks">
            {t('contracts.openChecksCount', { count: c.openChecks })}
          </Badge>
        </Group>
        <Table withRowBorders={false}>
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w={220}>{k}</Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={2} size="h4">
          {t('checks.title')}
        </Title>
        <Tabs defaultValue="contract">
          <Tabs.List>
            {PHASES.map((p) => (
              <Tabs.Tab key={p} value={p}>
                {t(`phase.${p}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {PHASES.map((p) => (
            <Tabs.Panel key={p} value={p} pt="sm">
              <Stack>
                {c.checks
                  .filter((x) => x.phase === p)
                  .map((x) => (
                    <CheckItem
                      key={x.itemKey}
                      contractId={c.id}
                      check={x}
                      canEdit={c.can.edit}
                      lang={i18n.language}
                    />
                  ))}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </>
  );
}

function CheckItem(props: { contractId: string; check: Check; canEdit: boolean; lang: string }) {
  const { t } = useTranslation('vendors');
  const qc = useQueryClient();
  const x = props.check;
  const [result, setResult] = useState<string>(x.result ?? '');
  const [evidence, setEvidence] = useState(x.evidence);
  const [error, setError] = useState<unknown>(null);
  const base = `/vendors/contracts/${props.contractId}/checks/${x.phase}/${x.itemKey}`;
  const refresh = () => qc.invalidateQueries({ queryKey: [VK] });
  const save = async () => {
    setError(null);
    try {
      await api(base, { method: 'PUT', body: { result: (result || null) as CheckResult | null, evidence } });
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    try {
      await api(`${base}/files`, {
        method: 'POST',
        file: { data: file, contentType: file.type || 'application/octet-stream' },
        query: { filename: file.name },
      });
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const en = props.lang === 'en';
  return (
    <Card withBorder padding="sm" data-testid={`check-${x.phase}-${x.itemKey}`}>
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {en ? x.en : x.ja}
        </Text>
        <Text size="xs" c="dimmed">
          ({x.source})
          {x.checkedBy &&
            ` ${t('checks.checkedBy', { name: x.checkedBy.name, at: formatDateTime(x.checkedAt, props.lang) })}`}
        </Text>
        <SegmentedControl
          size="xs"
          disabled={!props.canEdit}
          value={result}
          onChange={setResult}
          data={[
            { value: '', label: t('result.none') },
            { value: 'ok', label: t('result.ok') },
            { value: 'ng', label: t('result.ng') },
            { value: 'na', label: t('result.na') },
          ]}
        />
        <Textarea
          aria-label={t('field.evidence')}
          placeholder={t('field.evidence')}
          disabled={!props.canEdit}
          value={evidence}
          onChange={(e) => setEvidence(e.currentTarget.value)}
          autosize
          minRows={1}
        />
        {x.files.length > 0 && (
          <Group gap="xs">
            {x.files.map((f) => (
              <Anchor
                key={f.id}
                size="sm"
                href={`/api/v1/vendors/contracts/${props.contractId}/files/${f.id}`}
              >
                {f.filename}
              </Anchor>
            ))}
          </Group>
        )}
        <ProblemAlert error={error} />
        {props.canEdit && (
          <Group>
            <Button size="xs" onClick={save}>
              {t('action.save')}
            </Button>
            <FileButton onChange={upload} accept="application/pdf,image/png,image/jpeg,text/plain">
              {(p) => (
                <Button size="xs" variant="default" {...p}>
                  {t('checks.attach')}
                </Button>
              )}
            </FileButton>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
