import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPencil, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDate } from '../../../app/format.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useLocalName, useUnitIndex } from '../../../app/units.js';
import { roleName, useRoles } from '../../admin/roles-api.js';
import { JobProgress } from '../../jobs/JobProgress.js';
import { TR, useCourses } from '../api.js';
import type { JobQueued, Rule } from '../types.js';
import { RoleMultiSelect, UnitMultiSelect } from '../ui/pickers.js';

const RULES = [TR, 'rules'] as const;

/** Who gets which course automatically: by role, unit and hire date, with a due period; applied nightly or now. */
export default function RulesPage() {
  const { t, i18n } = useTranslation('training');
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: RULES,
    queryFn: async () => (await api<{ items: Rule[] }>('/training/rules')).items,
  });
  const units = useUnitIndex();
  const roles = useRoles();
  const roleLabel = (key: string) => {
    const r = roles.data?.find((x) => x.key === key);
    return r ? roleName(r, i18n.language) : key;
  };
  const name = useLocalName();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [removing, setRemoving] = useState<Rule | null>(null);
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<JobQueued | null>(null);
  return (
    <>
      <PageHeader
        title={t('rules.title')}
        description={t('rules.description')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
              onClick={() => setApplying(true)}
            >
              {t('rules.applyNow')}
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('rules.new')}
            </Button>
          </Group>
        }
      />
      {applied && (
        <Alert
          color={applied.alreadyQueued ? 'yellow' : 'green'}
          role="status"
          mb="md"
          withCloseButton
          onClose={() => setApplied(null)}
        >
          {applied.alreadyQueued ? t('rules.alreadyQueued') : t('rules.queued')}
          {applied.jobId !== null && <JobProgress jobId={applied.jobId} />}
        </Alert>
      )}
      <ProblemAlert error={rules.error} />
      {rules.isPending ? (
        <LoadingState />
      ) : !rules.data?.length ? (
        <EmptyMessage title={t('rules.empty')} description={t('rules.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm" aria-label={t('rules.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rules.col.course')}</Table.Th>
                <Table.Th>{t('rules.col.who')}</Table.Th>
                <Table.Th>{t('rules.col.due')}</Table.Th>
                <Table.Th>{t('rules.col.active')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={600}>{r.courseTitle}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">
                        {r.roleKeys.length
                          ? t('rules.roles', { roles: r.roleKeys.map(roleLabel).join('、') })
                          : t('rules.anyRole')}
                      </Text>
                      <Text size="sm">
                        {r.unitIds.length
                          ? t('rules.units', {
                              units: r.unitIds
                                .map((id) => {
                                  const u = units.get(id);
                                  return u ? name(u) : id;
                                })
                                .join('、'),
                            })
                          : t('rules.anyUnit')}
                      </Text>
                      {r.hiredOnOrAfter && (
                        <Text size="sm">
                          {t('rules.hired', { date: formatDate(r.hiredOnOrAfter, i18n.language) })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {r.dueDays ? t('rules.dueDays', { days: r.dueDays }) : t('rules.noDue')}
                    {r.everyFiscalYear && (
                      <Badge ml="xs" variant="light" data-testid="tr-rule-yearly">
                        {t('rules.everyYear')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={r.active ? 'green' : 'gray'}>
                      {r.active ? t('rules.on') : t('rules.off')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        onClick={() => setEditing(r)}
                        aria-label={t('rules.edit', { course: r.courseTitle })}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving(r)}
                        aria-label={t('rules.remove', { course: r.courseTitle })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && (
        <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('rules.removeTitle')}
        message={t('rules.removeBody', { course: removing?.courseTitle ?? '' })}
        confirmLabel={t('rules.removeConfirm')}
        onConfirm={async () => {
          await api(`/training/rules/${removing?.id}`, { method: 'DELETE' });
          await queryClient.invalidateQueries({ queryKey: RULES });
        }}
      />
      <ConfirmDialog
        opened={applying}
        onClose={() => setApplying(false)}
        title={t('rules.applyTitle')}
        message={t('rules.applyBody')}
        confirmLabel={t('rules.applyNow')}
        color="blue"
        onConfirm={async () => {
          setApplied(await api<JobQueued>('/training/rules/apply', { method: 'POST' }));
        }}
      />
    </>
  );
}

function RuleModal({ rule, onClose }: { rule: Rule | null; onClose(): void }) {
  const { t } = useTranslation(['training', 'common']);
  const queryClient = useQueryClient();
  const courses = useCourses();
  const [courseId, setCourseId] = useState<string | null>(rule?.courseId ?? null);
  const [roleKeys, setRoleKeys] = useState<string[]>(rule?.roleKeys ?? []);
  const [unitIds, setUnitIds] = useState<string[]>(rule?.unitIds ?? []);
  const [hired, setHired] = useState(rule?.hiredOnOrAfter ?? '');
  const [dueDays, setDueDays] = useState<number | null>(rule?.dueDays ?? 30);
  const [active, setActive] = useState(rule?.active ?? true);
  const [everyFiscalYear, setEveryFiscalYear] = useState(rule?.everyFiscalYear ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    const fields = { roleKeys, unitIds, hiredOnOrAfter: hired || null, dueDays, everyFiscalYear, active };
    try {
      if (rule) await api(`/training/rules/${rule.id}`, { method: 'PATCH', body: fields });
      else await api('/training/rules', { method: 'POST', body: { courseId, ...fields } });
      await queryClient.invalidateQueries({ queryKey: RULES });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const published = (courses.data ?? []).filter((c) => c.status === 'published' || c.id === rule?.courseId);
  return (
    <Modal opened onClose={onClose} title={rule ? t('rules.editTitle') : t('rules.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Select
            label={t('rules.col.course')}
            required
            disabled={rule !== null}
            data={published.map((c) => ({ value: c.id, label: c.title }))}
            value={courseId}
            onChange={setCourseId}
            searchable
            error={fieldError(error, 'courseId')}
            data-autofocus
          />
          <RoleMultiSelect
            label={t('rules.rolesLabel')}
            description={t('rules.rolesHelp')}
            value={roleKeys}
            onChange={setRoleKeys}
          />
          <UnitMultiSelect
            label={t('rules.unitsLabel')}
            description={t('rules.unitsHelp')}
            value={unitIds}
            onChange={setUnitIds}
          />
          <Group grow wrap="wrap">
            <TextInput
              type="date"
              label={t('rules.hiredLabel')}
              description={t('rules.hiredHelp')}
              value={hired}
              onChange={(e) => setHired(e.currentTarget.value)}
            />
            <NumberInput
              label={t('rules.dueLabel')}
              description={t('rules.dueHelp')}
              min={1}
              max={730}
              value={dueDays ?? ''}
              onChange={(v) => setDueDays(typeof v === 'number' ? v : null)}
              error={fieldError(error, 'dueDays')}
            />
          </Group>
          <Switch
            label={t('rules.everyYearLabel')}
            description={t('rules.everyYearHelp')}
            checked={everyFiscalYear}
            onChange={(e) => setEveryFiscalYear(e.currentTarget.checked)}
          />
          <Switch
            label={t('rules.activeLabel')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
          <ProblemAlert error={error} withFields={false} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!courseId}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
