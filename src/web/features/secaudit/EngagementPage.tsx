import {
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, withQuery } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type FindingDetail, paperHref, SA, SEVERITIES, useEngagement } from './api.js';

const PAPER_ACCEPT = 'application/pdf,image/png,image/jpeg,text/plain,text/csv,.xlsx,.docx';

/** An engagement: who audits what and how independently, its findings and (for the team) its working papers. */
export default function EngagementPage() {
  const { t, i18n } = useTranslation('secaudit');
  const { id } = useParams();
  const e = useEngagement(id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [finding, setFinding] = useState({
    clause: '',
    condition: '',
    cause: '',
    severity: 'medium',
    proposal: '',
  });
  const upload = useMutation({
    mutationFn: (f: File) =>
      api(withQuery(`/secaudit/engagements/${id}/papers`, { filename: f.name }), {
        method: 'POST',
        file: { data: f, contentType: f.type || 'application/octet-stream' },
      }),
    onSuccess: async () => {
      setFile(null);
      await qc.invalidateQueries({ queryKey: [SA, 'engagement', id] });
    },
  });
  const raise = useMutation({
    mutationFn: () =>
      api<FindingDetail>('/secaudit/findings', { method: 'POST', body: { engagementId: id, ...finding } }),
    onSuccess: async (f) => {
      await qc.invalidateQueries({ queryKey: [SA] });
      navigate(`/secaudit/findings/${f.id}`);
    },
  });
  if (e.isPending) return <LoadingState />;
  if (!e.data) return <ProblemAlert error={e.error} />;
  const g = e.data;
  const row = (label: string, value: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Stack>
  );
  return (
    <>
      <PageHeader
        title={g.title}
        description={`${t('plan.yearTitle', { year: g.fiscalYear })} · ${t(`engagement.kinds.${g.kind}`)}`}
        actions={
          <Button component={Link} to={`/secaudit/plans/${g.planId}`} variant="default">
            {t('engagement.backToPlan')}
          </Button>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {row(t('engagement.unit'), g.unitName)}
            {row(
              t('engagement.auditor'),
              `${g.auditorName}（${t(`engagement.auditorKinds.${g.auditorKind}`)}）`,
            )}
            {row(t('engagement.independence'), g.independence)}
            {row(t('engagement.team'), g.team.map((m) => m.name).join('、'))}
            {g.system && row(t('engagement.system'), `${g.system.code} ${g.system.name}`)}
            {row(t('engagement.findings'), String(g.findings))}
          </SimpleGrid>
          <Anchor component={Link} to="/secaudit/findings" size="sm">
            {t('findings.title')}
          </Anchor>
        </Paper>

        {g.can.papers && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('papers.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('papers.help')}
            </Text>
            <Table>
              <Table.Tbody>
                {g.papers.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor href={paperHref(g.id, p.id)}>{p.filename}</Anchor>
                    </Table.Td>
                    <Table.Td>{p.contentType}</Table.Td>
                    <Table.Td>{(p.size / 1024).toFixed(1)} KB</Table.Td>
                    <Table.Td>{formatDateTime(p.createdAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group align="flex-end" mt="sm">
              <FileInput
                label={t('papers.file')}
                accept={PAPER_ACCEPT}
                value={file}
                onChange={setFile}
                clearable
                w={320}
              />
              <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
                {t('papers.upload')}
              </Button>
            </Group>
            <ProblemAlert error={upload.error} />
          </Paper>
        )}

        {g.can.manage && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('findings.new')}
            </Title>
            <form
              onSubmit={(ev) => {
                ev.preventDefault();
                raise.mutate();
              }}
            >
              <Stack>
                <Group grow>
                  <TextInput
                    label={t('findings.clause')}
                    required
                    value={finding.clause}
                    onChange={(ev) => setFinding({ ...finding, clause: ev.currentTarget.value })}
                  />
                  <Select
                    label={t('findings.severity')}
                    data={SEVERITIES.map((s) => ({ value: s, label: t(`findings.severities.${s}`) }))}
                    value={finding.severity}
                    allowDeselect={false}
                    onChange={(v) => setFinding({ ...finding, severity: v ?? 'medium' })}
                  />
                </Group>
                <Textarea
                  label={t('findings.condition')}
                  required
                  autosize
                  value={finding.condition}
                  onChange={(ev) => setFinding({ ...finding, condition: ev.currentTarget.value })}
                />
                <Textarea
                  label={t('findings.cause')}
                  autosize
                  value={finding.cause}
                  onChange={(ev) => setFinding({ ...finding, cause: ev.currentTarget.value })}
                />
                <Textarea
                  label={t('findings.proposal')}
                  autosize
                  value={finding.proposal}
                  onChange={(ev) => setFinding({ ...finding, proposal: ev.currentTarget.value })}
                />
                <ProblemAlert error={raise.error} />
                <Group justify="flex-end">
                  <Button type="submit" loading={raise.isPending}>
                    {t('findings.create')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </>
  );
}
