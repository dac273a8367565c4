import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconMailForward, IconUserPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useLocalName, useUnits } from '../../../app/units.js';
import { JobProgress } from '../../jobs/JobProgress.js';
import { TR } from '../api.js';
import type { AssignResult, CourseDetail, JobQueued } from '../types.js';
import { PeopleMultiSelect, UnitMultiSelect } from '../ui/pickers.js';
import { PanelSection } from './PanelSection.js';

/** Assigning the course by hand (people or whole units) and mailing reminders to whoever is incomplete. */
export function AssignPanel({ course }: { course: CourseDetail }) {
  const { t } = useTranslation('training');
  const published = course.status === 'published';
  return (
    <Stack>
      {!published && <Alert color="yellow">{t('assign.needsPublished')}</Alert>}
      <ManualAssign course={course} disabled={!published} />
      <Reminders course={course} disabled={!published} />
    </Stack>
  );
}

function ManualAssign({ course, disabled }: { course: CourseDetail; disabled: boolean }) {
  const { t } = useTranslation('training');
  const queryClient = useQueryClient();
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [dueOn, setDueOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AssignResult | null>(null);
  const assign = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await api<AssignResult>(`/training/courses/${course.id}/assignments`, {
          method: 'POST',
          body: { personIds, unitIds, dueOn: dueOn || null },
        }),
      );
      setPersonIds([]);
      setUnitIds([]);
      void queryClient.invalidateQueries({ queryKey: [TR] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PanelSection id="tr-assign" title={t('assign.title')} help={t('assign.help')}>
      <Stack gap="sm" maw={720}>
        <PeopleMultiSelect
          label={t('assign.people')}
          placeholder={t('assign.peopleHint')}
          value={personIds}
          onChange={setPersonIds}
          disabled={disabled}
        />
        <UnitMultiSelect
          label={t('assign.units')}
          description={t('assign.unitsHelp')}
          value={unitIds}
          onChange={setUnitIds}
          disabled={disabled}
        />
        <TextInput
          type="date"
          label={t('assign.dueOn')}
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          w={200}
          disabled={disabled}
        />
        <ProblemAlert error={error} />
        {result && (
          <Alert color="green" role="status">
            {t('assign.done', { assigned: result.assigned, already: result.alreadyAssigned })}
          </Alert>
        )}
        <Group>
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={assign}
            loading={busy}
            disabled={disabled || personIds.length + unitIds.length === 0}
          >
            {t('assign.run')}
          </Button>
        </Group>
      </Stack>
    </PanelSection>
  );
}

function Reminders({ course, disabled }: { course: CourseDetail; disabled: boolean }) {
  const { t } = useTranslation('training');
  const units = useUnits();
  const name = useLocalName();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<JobQueued | null>(null);
  const data = useMemo(
    () => (units.data ?? []).map((u) => ({ value: u.id, label: name(u) })),
    [units.data, name],
  );
  const unitName = data.find((d) => d.value === unitId)?.label ?? t('assign.allUnits');
  return (
    <PanelSection
      id="tr-remind"
      title={t('remind.title')}
      help={t('remind.help', { days: course.reminderAfterDays })}
    >
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('remind.unit')}
          placeholder={t('assign.allUnits')}
          data={data}
          value={unitId}
          onChange={setUnitId}
          searchable
          clearable
          w={{ base: '100%', sm: 320 }}
          disabled={disabled}
        />
        <Button
          leftSection={<IconMailForward size={16} aria-hidden />}
          onClick={() => {
            setResult(null);
            setAsking(true);
          }}
          disabled={disabled}
        >
          {t('remind.button')}
        </Button>
      </Group>
      {result && (
        <Alert color={result.alreadyQueued ? 'yellow' : 'green'} role="status" mt="sm">
          {result.alreadyQueued ? t('remind.already') : t('remind.queued')}
          {result.jobId !== null && <JobProgress jobId={result.jobId} />}
        </Alert>
      )}
      <ConfirmDialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('remind.confirmTitle')}
        message={t('remind.confirmBody', { unit: unitName })}
        confirmLabel={t('remind.button')}
        color="blue"
        onConfirm={async () => {
          setResult(
            await api<JobQueued>(`/training/courses/${course.id}/reminders`, {
              method: 'POST',
              body: { unitId },
            }),
          );
        }}
      />
    </PanelSection>
  );
}
