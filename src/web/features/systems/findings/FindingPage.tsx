import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { BAND_COLORS, FK, STATUS_COLORS, useFinding } from './api.js';

type Action = 'fix' | 'verify' | 'reopen' | 'accept';

/** One finding: what was found, the owner's answer, verification after a re-test, and its history. */
export default function FindingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('findings');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const finding = useFinding(id);
  const manage = useCan('system.manage', finding.data?.unitId);
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [retestedOn, setRetestedOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (finding.isPending) return <LoadingState />;
  if (finding.error) return <ProblemAlert error={finding.error} />;
  const f = finding.data;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body =
        action === 'accept'
          ? { reason: note, version: f.version }
          : action === 'verify'
            ? { note, version: f.version, ...(retestedOn ? { retestedOn } : {}) }
            : { note, version: f.version };
      await api(`/findings/${f.id}/${action}`, { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: [FK] });
      setAction(null);
      setNote('');
      setRetestedOn('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const outstanding = f.status === 'open' || f.status === 'fixed';
  return (
    <Stack maw={1000}>
      <PageHeader
        title={f.title}
        description={`${f.systemCode} ${f.systemName} / ${f.hostLabel || t('systemWide')}`}
        actions={
          <Group>
            {f.status === 'open' && (
              <Button onClick={() => setAction('fix')} data-testid="finding-fix">
                {t('action.fix')}
              </Button>
            )}
            {manage && outstanding && (
              <Button variant="light" color="green" onClick={() => setAction('verify')}>
                {t('action.verify')}
              </Button>
            )}
            {manage && outstanding && (
              <Button variant="default" onClick={() => setAction('accept')}>
                {t('action.accept')}
              </Button>
            )}
            {manage && f.status !== 'open' && (
              <Button variant="default" color="red" onClick={() => setAction('reopen')}>
                {t('action.reopen')}
              </Button>
            )}
          </Group>
        }
      />
      <Card withBorder>
        <Group gap="xl" wrap="wrap">
          <Badge color={BAND_COLORS[f.band]} size="lg">
            {t(`band.${f.band}`)}
            {f.cvssScore !== null ? ` CVSS ${f.cvssScore.toFixed(1)}` : ''}
          </Badge>
          <Badge color={STATUS_COLORS[f.status]} variant="light" size="lg" data-testid="finding-status">
            {t(`status.${f.status}`)}
          </Badge>
          {f.retest && <Badge variant="outline">{t(`retest.${f.retest}`)}</Badge>}
          <Text size="sm">
            {t('field.foundOn')}: {formatDate(f.foundOn, i18n.language)}
          </Text>
          <Text size="sm" c={f.overdue ? 'red' : undefined}>
            {t('field.targetDate')}: {formatDate(f.targetDate, i18n.language)}
            {f.overdue ? ` (${t('overdue')})` : ''}
          </Text>
          <Text size="sm">
            {t('field.owner')}: {f.ownerName ?? '—'}
          </Text>
          <Text size="sm">
            {t('field.source')}: {t(`source.${f.source}`)}
          </Text>
        </Group>
        {f.cvssVector && (
          <Text size="xs" c="dimmed" mt="xs">
            {f.cvssVector}
          </Text>
        )}
      </Card>
      {f.description && (
        <Stack gap={4}>
          <Title order={2} size="h5">
            {t('field.description')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{f.description}</Text>
        </Stack>
      )}
      {f.recommendation && (
        <Stack gap={4}>
          <Title order={2} size="h5">
            {t('field.recommendation')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{f.recommendation}</Text>
        </Stack>
      )}
      {f.acceptedReason && (
        <Text>
          {t('field.acceptedReason')}: {f.acceptedReason}
        </Text>
      )}
      <Title order={2} size="h5">
        {t('history')}
      </Title>
      <Table data-testid="finding-history">
        <Table.Tbody>
          {f.history.map((h) => (
            <Table.Tr key={`${h.at}-${h.action}`}>
              <Table.Td>{formatDateTime(h.at, i18n.language)}</Table.Td>
              <Table.Td>{t(`event.${h.action}`, { defaultValue: h.action })}</Table.Td>
              <Table.Td>{h.actorName ?? ''}</Table.Td>
              <Table.Td>{h.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? t(`action.${action}`) : ''}
        centered
      >
        <Stack>
          {action && <Text size="sm">{t(`confirm.${action}`)}</Text>}
          {action === 'verify' && (
            <TextInput
              type="date"
              label={t('field.retestedOn')}
              description={t('confirm.retestHelp')}
              value={retestedOn}
              onChange={(e) => setRetestedOn(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={action === 'accept' ? t('field.acceptedReason') : t('field.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            required={action === 'accept' || action === 'reopen'}
            autosize
            minRows={2}
          />
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {tc('actions.cancel')}
            </Button>
            <Button loading={busy} onClick={submit} color={action === 'reopen' ? 'red' : undefined}>
              {action ? t(`action.${action}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
