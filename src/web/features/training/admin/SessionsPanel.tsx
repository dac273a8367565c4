import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDate } from '../../../app/format.js';
import { ImportActions } from '../../../app/ui/ImportActions.js';
import { ImportFileInput } from '../../../app/ui/ImportFileInput.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useDryRunImport } from '../../../app/useDryRunImport.js';
import { ImportErrors } from '../../org/ImportResult.js';
import { TR } from '../api.js';
import type { AttendanceImport, AttendanceResult, CourseDetail, Session, SessionDetail } from '../types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Classroom sessions of the course (e.g. April and October): attendance counts toward completion. */
export function SessionsPanel({ course }: { course: CourseDetail }) {
  const { t, i18n } = useTranslation('training');
  const sessions = useQuery({
    queryKey: [TR, 'sessions', course.id],
    queryFn: async () => (await api<{ items: Session[] }>(`/training/courses/${course.id}/sessions`)).items,
  });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('sessions.help')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('sessions.new')}
        </Button>
      </Group>
      <ProblemAlert error={sessions.error} />
      {sessions.isPending ? (
        <LoadingState />
      ) : !sessions.data?.length ? (
        <EmptyMessage title={t('sessions.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped aria-label={t('sessions.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.col.heldOn')}</Table.Th>
                <Table.Th>{t('sessions.col.place')}</Table.Th>
                <Table.Th>{t('sessions.col.attendance')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDate(s.heldOn, i18n.language)}</Table.Td>
                  <Table.Td>{s.place || '—'}</Table.Td>
                  <Table.Td>{t('sessions.counts', { attended: s.attended, absent: s.absent })}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setOpen(s.id)}>
                      {t('sessions.attendance')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateSessionModal courseId={course.id} opened={creating} onClose={() => setCreating(false)} />
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={t('sessions.attendance')}
      >
        {open && <AttendanceEditor sessionId={open} />}
      </Drawer>
    </Stack>
  );
}

function CreateSessionModal({
  courseId,
  opened,
  onClose,
}: {
  courseId: string;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation(['training', 'common']);
  const queryClient = useQueryClient();
  const [heldOn, setHeldOn] = useState('');
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/training/courses/${courseId}/sessions`, { method: 'POST', body: { heldOn, place, note } });
      await queryClient.invalidateQueries({ queryKey: [TR, 'sessions', courseId] });
      setHeldOn('');
      setPlace('');
      setNote('');
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('sessions.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack>
          <TextInput
            type="date"
            label={t('sessions.col.heldOn')}
            required
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            error={fieldError(error, 'heldOn')}
            data-autofocus
          />
          <TextInput
            label={t('sessions.col.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
          />
          <TextInput
            label={t('sessions.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ProblemAlert error={error} withFields={false} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!heldOn}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AttendanceEditor({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation('training');
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: [TR, 'session', sessionId],
    queryFn: () => api<SessionDetail>(`/training/sessions/${sessionId}`),
  });
  const [changes, setChanges] = useState<Record<string, boolean>>({});
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<AttendanceResult | null>(null);
  const [importing, setImporting] = useState(false);
  const refresh = async () => {
    setChanges({});
    await queryClient.invalidateQueries({ queryKey: [TR] });
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setSaved(
        await api<AttendanceResult>(`/training/sessions/${sessionId}/attendance`, {
          method: 'PUT',
          body: { entries: Object.entries(changes).map(([personId, attended]) => ({ personId, attended })) },
        }),
      );
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (detail.isPending) return <LoadingState />;
  if (!detail.data) return <ProblemAlert error={detail.error} />;
  const s = detail.data;
  const needle = q.trim().toLowerCase();
  const rows = s.attendance.filter(
    (a) =>
      !needle ||
      a.name.toLowerCase().includes(needle) ||
      a.staffNo.toLowerCase().includes(needle) ||
      a.unitName.toLowerCase().includes(needle),
  );
  const shown = rows.slice(0, 200);
  const count = Object.keys(changes).length;
  return (
    <Stack>
      <Text fw={600}>
        {formatDate(s.heldOn, i18n.language)} {s.place}
      </Text>
      <Group justify="space-between" wrap="wrap">
        <TextInput
          placeholder={t('sessions.search')}
          aria-label={t('sessions.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 260 }}
        />
        <Button
          variant="default"
          leftSection={<IconUpload size={16} aria-hidden />}
          onClick={() => setImporting(true)}
        >
          {t('sessions.import')}
        </Button>
      </Group>
      {s.attendance.length === 0 ? (
        <EmptyMessage title={t('sessions.noPeople')} description={t('sessions.noPeopleHint')} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label={t('sessions.attendance')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.col.attended')}</Table.Th>
                <Table.Th>{t('sessions.col.person')}</Table.Th>
                <Table.Th>{t('sessions.col.unit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => {
                const checked = changes[a.personId] ?? a.attended;
                return (
                  <Table.Tr key={a.personId}>
                    <Table.Td>
                      <Checkbox
                        checked={checked}
                        aria-label={t('sessions.attendedBy', { name: a.name })}
                        onChange={(e) => {
                          const v = e.currentTarget.checked;
                          setChanges((c) => {
                            const next = { ...c };
                            if (v === a.attended) delete next[a.personId];
                            else next[a.personId] = v;
                            return next;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      {a.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {a.staffNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.unitName}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rows.length > shown.length && (
        <Text size="sm" c="dimmed">
          {t('sessions.narrow', { count: rows.length })}
        </Text>
      )}
      <ProblemAlert error={error} />
      {saved && (
        <Alert color="green" role="status">
          {t('sessions.saved', {
            attended: saved.attended,
            absent: saved.absent,
            completed: saved.completed,
          })}
        </Alert>
      )}
      <Group>
        <Button onClick={save} loading={busy} disabled={count === 0}>
          {t('sessions.save', { count })}
        </Button>
      </Group>
      <AttendanceImportModal
        sessionId={sessionId}
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={refresh}
      />
    </Stack>
  );
}

function AttendanceImportModal({
  sessionId,
  opened,
  onClose,
  onImported,
}: {
  sessionId: string;
  opened: boolean;
  onClose(): void;
  onImported(): Promise<unknown>;
}) {
  const { t } = useTranslation('training');
  const { file, setFile, result, error, invalid, busy, reset, run, clear } = useDryRunImport(
    (f: File, dryRun: boolean) =>
      api<AttendanceImport>(`/training/sessions/${sessionId}/attendance/import`, {
        method: 'POST',
        file: { data: f, contentType: f.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX },
        query: { dryRun: String(dryRun) },
      }),
    onImported,
  );
  const close = () => {
    clear();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('sessions.import')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('sessions.importColumns')}
        </Text>
        <ImportFileInput
          label={t('sessions.importFile')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          state={{ file, setFile, reset }}
        />
        {invalid ? <ImportErrors error={invalid} /> : <ProblemAlert error={error} />}
        {result && (
          <Alert color={result.dryRun ? 'blue' : 'green'} role="status" data-testid="tr-import-result">
            <Title order={3} size="h6">
              {result.dryRun ? t('sessions.dryRunTitle') : t('sessions.importedTitle')}
            </Title>
            {t('sessions.importSummary', {
              rows: result.rows,
              attended: result.attended,
              absent: result.absent,
              completed: result.completed,
            })}
          </Alert>
        )}
        <ImportActions
          busy={busy}
          file={file}
          result={result}
          checkLabel={t('sessions.check')}
          runLabel={t('sessions.run')}
          onClose={close}
          onRun={run}
        />
      </Stack>
    </Modal>
  );
}
