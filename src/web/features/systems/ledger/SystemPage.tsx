import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { systemPanels } from '../panels.js';
import { SY, type SystemDetail, useHistory, useSystem } from './api.js';
import { ComponentForm, type ComponentKind } from './ComponentForm.js';
import { SystemForm } from './SystemForm.js';

export default function SystemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('systems');
  const system = useSystem(id);
  if (system.isPending) return <LoadingState />;
  if (system.error) return <ProblemAlert error={system.error} />;
  const s = system.data;
  return (
    <Stack>
      <Anchor component={Link} to="/systems" size="sm">
        {t('system.back')}
      </Anchor>
      <PageHeader title={`${s.name}（${s.code}）`} actions={<Actions system={s} />} />
      <Review system={s} />
      <Details system={s} />
      <Hosts system={s} />
      <SoftwareList system={s} />
      <Certificates system={s} />
      {[...systemPanels]
        .sort((a, b) => a.order - b.order)
        .map((p) => (
          <Suspense key={p.id} fallback={<LoadingState />}>
            <p.component systemId={s.id} />
          </Suspense>
        ))}
      <History id={s.id} />
    </Stack>
  );
}

function Actions({ system: s }: { system: SystemDetail }) {
  const { t } = useTranslation('systems');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!s.can.manage) return null;
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
        {t('system.edit')}
      </Button>
      <Button
        color="red"
        variant="light"
        leftSection={<IconTrash size={16} />}
        onClick={() => setDeleting(true)}
      >
        {t('system.delete')}
      </Button>
      {editing && <SystemForm opened system={s} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('system.deleteTitle')}
        message={t('system.deleteMessage', { name: s.name })}
        confirmLabel={t('system.delete')}
        onConfirm={async () => {
          await api(`/systems/${s.id}`, { method: 'DELETE', query: { version: s.version } });
          await queryClient.invalidateQueries({ queryKey: [SY, 'list'] });
          navigate('/systems');
        }}
      />
    </Group>
  );
}

function Review({ system: s }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation('systems');
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  return (
    <Alert color={s.reviewedThisYear ? 'green' : 'yellow'} variant="light" title={t('system.reviewTitle')}>
      <Group justify="space-between">
        <Text size="sm">
          {s.reviewedOn
            ? t('system.reviewed', { date: formatDate(s.reviewedOn, i18n.language), who: s.reviewedBy ?? '' })
            : ''}
          {!s.reviewedThisYear && ` ${t('system.notReviewedThisYear')}`}
        </Text>
        {s.can.review && (
          <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setOpen(true)}>
            {t('system.review')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t('system.reviewTitle')}
        message={t('system.reviewMessage')}
        confirmLabel={t('system.review')}
        color="blue"
        onConfirm={async () => {
          await api(`/systems/${s.id}/review`, { method: 'POST' });
          await queryClient.invalidateQueries({ queryKey: [SY] });
        }}
      />
    </Alert>
  );
}

function Details({ system: s }: { system: SystemDetail }) {
  const { t } = useTranslation('systems');
  const none = t('system.fields.none');
  const yn = (b: boolean | null) =>
    b === null ? t('system.fields.unknown') : b ? t('system.yes') : t('system.no');
  const rows: [string, string][] = [
    [t('system.fields.purpose'), s.purpose || none],
    [t('system.fields.unit'), s.unit?.name ?? none],
    [t('system.fields.maintenanceUnit'), s.maintenanceUnit?.name ?? none],
    [t('system.fields.securityOfficer'), s.securityOfficer?.name ?? none],
    [t('system.fields.administrator'), s.administrator?.name ?? none],
    [t('system.fields.contractor'), s.contractor || none],
    [t('system.fields.lifecycle'), t(`system.lifecycle.${s.lifecycle}`)],
    [t('system.fields.internetFacing'), yn(s.internetFacing)],
    [t('system.fields.maxClassification'), s.maxClassification ?? none],
    [t('system.fields.bcpStatus'), t(`system.bcp.${s.bcpStatus}`)],
    [t('system.fields.cloudUsed'), yn(s.cloud.used)],
  ];
  if (s.cloud.used)
    rows.push(
      [t('system.fields.cloudConfidential'), yn(s.cloud.confidentialData)],
      [t('system.fields.cloudInJapan'), yn(s.cloud.storedInJapan)],
      [t('system.fields.cloudTerms'), s.cloud.contractTerms || none],
    );
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('system.sections.details')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        {rows.map(([k, v]) => (
          <Group key={k} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={220}>
              {k}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {v}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** A section listing one kind of component, with add and (confirmed) remove for those who may. */
function Section(props: {
  system: SystemDetail;
  kind: ComponentKind;
  title: string;
  addLabel: string;
  empty: string;
  head: string[];
  rows: { id: string; label: string; cells: React.ReactNode[] }[];
}) {
  const { t } = useTranslation('systems');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<{ id: string; label: string } | null>(null);
  const queryClient = useQueryClient();
  const edit = props.system.can.editComponents;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {props.title}
        </Title>
        {edit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            {props.addLabel}
          </Button>
        )}
      </Group>
      {props.rows.length === 0 ? (
        <EmptyMessage description={props.empty} />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {props.head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
                {edit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map((r) => (
                <Table.Tr key={r.id}>
                  {r.cells.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <Table.Td key={i}>{c}</Table.Td>
                  ))}
                  {edit && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="subtle"
                        onClick={() => setRemoving(r)}
                        aria-label={`${t('system.remove')} ${r.label}`}
                      >
                        {t('system.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <ComponentForm kind={props.kind} system={props.system} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('system.removeTitle')}
        message={t('system.removeMessage', { name: removing?.label ?? '' })}
        confirmLabel={t('system.remove')}
        onConfirm={async () => {
          await api(`/systems/${props.system.id}/${props.kind}/${removing?.id}`, { method: 'DELETE' });
          await queryClient.invalidateQueries({ queryKey: [SY] });
        }}
      />
    </Card>
  );
}

function Hosts({ system: s }: { system: SystemDetail }) {
  const { t } = useTranslation('systems');
  return (
    <Section
      system={s}
      kind="hosts"
      title={t('system.sections.hosts')}
      addLabel={t('system.addHost')}
      empty={t('system.noHosts')}
      head={[
        t('system.host.role'),
        t('system.host.name'),
        t('system.host.addresses'),
        t('system.host.domains'),
        t('system.host.probeOptIn'),
        t('system.host.note'),
      ]}
      rows={s.hosts.map((h) => ({
        id: h.id,
        label: h.name,
        cells: [
          t(`system.role.${h.role}`),
          h.name,
          h.addresses.join(', '),
          h.domains.join(', '),
          h.probeOptIn
            ? `${t('system.yes')}${h.probePorts.length ? ` (${h.probePorts.join(', ')})` : ''}`
            : t('system.no'),
          h.note,
        ],
      }))}
    />
  );
}

function SoftwareList({ system: s }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation('systems');
  const hostName = new Map(s.hosts.map((h) => [h.id, h.name]));
  return (
    <Section
      system={s}
      kind="software"
      title={t('system.sections.software')}
      addLabel={t('system.addSoftware')}
      empty={t('system.noSoftware')}
      head={[
        t('system.software.vendor'),
        t('system.software.product'),
        t('system.software.version'),
        t('system.software.host'),
        t('system.software.cpe'),
        t('system.software.endOfSupport'),
      ]}
      rows={s.software.map((x) => ({
        id: x.id,
        label: `${x.product} ${x.version}`,
        cells: [
          x.vendor,
          x.product,
          x.version,
          x.hostId ? hostName.get(x.hostId) : '',
          <Text key="cpe" size="xs" ff="monospace">
            {x.cpe}
          </Text>,
          x.endOfSupport ? (
            <Group key="eos" gap={4}>
              {formatDate(x.endOfSupport, i18n.language)}
              {x.pastEndOfSupport && (
                <Badge color="red" size="xs">
                  {t('system.software.past')}
                </Badge>
              )}
            </Group>
          ) : (
            ''
          ),
        ],
      }))}
    />
  );
}

function Certificates({ system: s }: { system: SystemDetail }) {
  const { t, i18n } = useTranslation('systems');
  const hostName = new Map(s.hosts.map((h) => [h.id, h.name]));
  return (
    <Section
      system={s}
      kind="certificates"
      title={t('system.sections.certificates')}
      addLabel={t('system.addCertificate')}
      empty={t('system.noCertificates')}
      head={[
        t('system.certificate.subject'),
        t('system.certificate.issuer'),
        t('system.certificate.host'),
        t('system.certificate.notAfter'),
        t('system.certificate.key'),
        t('system.certificate.signatureAlgorithm'),
      ]}
      rows={s.certificates.map((c) => ({
        id: c.id,
        label: c.subject,
        cells: [
          c.subject,
          c.issuer,
          c.hostId ? hostName.get(c.hostId) : '',
          formatDate(c.notAfter, i18n.language),
          [c.keyType, c.keyBits].filter(Boolean).join(' '),
          c.signatureAlgorithm ?? '',
        ],
      }))}
    />
  );
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation('systems');
  const history = useHistory(id);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('system.sections.history')}
      </Title>
      {history.isPending ? (
        <LoadingState />
      ) : history.error ? (
        <ProblemAlert error={history.error} />
      ) : history.data.length === 0 ? (
        <EmptyMessage description={t('system.noHistory')} />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('system.history.at')}</Table.Th>
                <Table.Th>{t('system.history.actor')}</Table.Th>
                <Table.Th>{t('system.history.action')}</Table.Th>
                <Table.Th>{t('system.history.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.at, i18n.language)}</Table.Td>
                  <Table.Td>{c.actor ?? ''}</Table.Td>
                  <Table.Td>
                    {t(`system.history.actions.${c.action}` as 'system.history.actions.created', {
                      defaultValue: c.action,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {Object.entries(c.changes)
                        .map(([k, v]) =>
                          Array.isArray(v) && v.length === 2
                            ? `${k}: ${short(v[0])} → ${short(v[1])}`
                            : `${k}: ${short(v)}`,
                        )
                        .join(' / ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
