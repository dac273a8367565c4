import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../app/permissions.js';
import type { Campaign } from '../../../app/types.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { useRoles } from '../../admin/roles-api.js';
import { pathLabel } from '../../org/tree.js';
import { useCampaigns, usePolicies, usePolicy } from '../api.js';
import { AnswerOptionsEditor } from './AnswerOptionsEditor.js';
import { PlanFields } from './PlanFields.js';
import { RoleItemsField } from './RoleItemsField.js';
import { type CampaignValues, defaults, type Excluded, valuesOf } from './values.js';

/**
 * The campaign plan the CISO approves (003 L531-535, 002 L265-267): period, policy, scope, items per role, who is
 * excluded, instructions, answer options and reminders. When editing an opened campaign only the wording,
 * end date and reminders can change; the other fields show why they are disabled.
 */
export function CampaignForm({
  campaign,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  campaign?: Campaign;
  submitLabel: string;
  onSubmit(values: CampaignValues): Promise<unknown>;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation(['selfcheck', 'common']);
  const lang = i18n.language;
  const [v, setV] = useState<CampaignValues>(() => (campaign ? valuesOf(campaign) : defaults()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof CampaignValues>(key: K, value: CampaignValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));

  const locked = !!campaign && campaign.state !== 'draft';
  const frozen = campaign?.state === 'published';
  const canReadOrg = useCan('org.read');
  const policies = usePolicies();
  const policy = usePolicy(v.policyId);
  const campaigns = useCampaigns();
  const roles = useRoles();
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();

  const selfChecked = useMemo(() => (roles.data ?? []).filter((r) => r.metricGroup !== null), [roles.data]);
  const rolesInScope = v.scopeRoleKeys.length
    ? selfChecked.filter((r) => v.scopeRoleKeys.includes(r.key))
    : selfChecked;
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  const focusEmpty = rolesInScope.some(
    (r) => Array.isArray(v.itemsPerRole[r.key]) && v.itemsPerRole[r.key]!.length === 0,
  );
  const datesWrong = v.startsOn > v.endsOn;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (focusEmpty || datesWrong || !v.policyId) return;
    setBusy(true);
    setError(null);
    try {
      // Keep only the choices of roles in scope; "all" is the default and need not be sent.
      const itemsPerRole = Object.fromEntries(
        Object.entries(v.itemsPerRole).filter(
          ([k, c]) => c !== 'all' && rolesInScope.some((r) => r.key === k),
        ),
      );
      await onSubmit({ ...v, itemsPerRole });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) => fieldError(error, field);
  const lockedHint = locked ? t('form.lockedHint') : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ProblemAlert error={error} />
        {locked && !frozen && (
          <Alert color="blue" title={t('form.lockedTitle')}>
            {t('form.lockedBody')}
          </Alert>
        )}
        {frozen && <Alert color="gray">{t('form.publishedBody')}</Alert>}

        <Fieldset legend={t('form.basics')} disabled={frozen}>
          <Stack>
            <TextInput
              label={t('form.title')}
              placeholder={t('form.titlePlaceholder', { year: v.fiscalYear })}
              value={v.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={err('title')}
              required
              maxLength={200}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('form.fiscalYear')}
                description={t('form.fiscalYearHelp')}
                value={v.fiscalYear}
                onChange={(n) => set('fiscalYear', typeof n === 'number' ? n : v.fiscalYear)}
                min={2000}
                max={2100}
                allowDecimal={false}
                disabled={locked}
                error={err('fiscalYear')}
                required
              />
              <TextInput
                type="date"
                label={t('form.startsOn')}
                value={v.startsOn}
                onChange={(e) => set('startsOn', e.currentTarget.value)}
                disabled={locked}
                description={lockedHint}
                error={err('startsOn')}
                required
              />
              <TextInput
                type="date"
                label={t('form.endsOn')}
                value={v.endsOn}
                onChange={(e) => set('endsOn', e.currentTarget.value)}
                error={err('endsOn') ?? (datesWrong ? t('form.datesWrong') : undefined)}
                required
              />
            </SimpleGrid>
            <Select
              label={t('form.policy')}
              description={locked || campaign ? t('form.policyFixed') : t('form.policyHelp')}
              data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={v.policyId}
              onChange={(id) => set('policyId', id)}
              disabled={!!campaign}
              error={err('policyId')}
              required
              allowDeselect={false}
              nothingFoundMessage={t('form.noPolicies')}
            />
            {!campaign && policies.data && policies.data.length === 0 && (
              <Text size="sm">
                {t('form.noPolicies')}{' '}
                <Anchor component={Link} to="/selfcheck/standards">
                  {t('form.createPolicy')}
                </Anchor>
              </Text>
            )}
          </Stack>
        </Fieldset>

        {!campaign && (
          <Fieldset legend={t('planApproval.title')}>
            <Text size="sm" c="dimmed" mb="xs">
              {t('planApproval.help')}
            </Text>
            <PlanFields
              value={v.plan}
              onChange={(plan) => set('plan', plan)}
              errorOf={(f) => err(`plan.${f}`)}
            />
          </Fieldset>
        )}

        <Fieldset legend={t('form.scope')} disabled={frozen}>
          <Stack>
            <MultiSelect
              label={t('form.scopeUnits')}
              description={canReadOrg ? t('form.scopeUnitsHelp') : t('form.scopeUnitsNoOrg')}
              placeholder={v.scopeUnitIds.length ? undefined : t('form.wholeAgency')}
              data={unitOptions}
              value={v.scopeUnitIds}
              onChange={(ids) => set('scopeUnitIds', ids)}
              searchable
              clearable
              disabled={locked || !canReadOrg}
              error={err('scopeUnitIds')}
              maxDropdownHeight={300}
              nothingFoundMessage={t('form.noMatch')}
            />
            <Checkbox.Group
              label={t('form.scopeRoles')}
              description={t('form.scopeRolesHelp')}
              value={v.scopeRoleKeys}
              onChange={(keys) => set('scopeRoleKeys', keys)}
              error={err('scopeRoleKeys')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
                {selfChecked.map((r) => (
                  <Checkbox
                    key={r.key}
                    value={r.key}
                    label={t('form.roleWithGroup', {
                      role: lang === 'en' ? r.nameEn : r.nameJa,
                      group: t(`group.${r.metricGroup!}`),
                    })}
                    disabled={locked}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('form.excluded')}
              description={t('form.excludedHelp')}
              value={v.excludedStatuses}
              onChange={(s) => set('excludedStatuses', s as Excluded[])}
            >
              <Group mt="xs">
                <Checkbox value="long_leave" label={t('form.excludedLongLeave')} disabled={locked} />
                <Checkbox value="excluded" label={t('form.excludedMarked')} disabled={locked} />
              </Group>
            </Checkbox.Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.items.legend')} disabled={frozen}>
          <Text size="sm" c="dimmed" mb="xs">
            {v.policyId ? t('form.items.help') : t('form.items.choosePolicy')}
          </Text>
          {v.policyId && (
            <RoleItemsField
              roles={rolesInScope}
              policy={policy.data}
              value={v.itemsPerRole}
              onChange={(next) => set('itemsPerRole', next)}
              disabled={locked}
              errorOf={(key) => err(`itemsPerRole.${key}`)}
            />
          )}
        </Fieldset>

        <Fieldset legend={t('form.answering')} disabled={frozen}>
          <Stack>
            <Textarea
              label={t('form.instructions')}
              description={t('form.instructionsHelp')}
              value={v.instructions}
              onChange={(e) => set('instructions', e.currentTarget.value)}
              autosize
              minRows={3}
              maxRows={12}
              error={err('instructions')}
            />
            <div>
              <Text size="sm" fw={500}>
                {t('form.options.title')}
              </Text>
              <Text size="xs" c="dimmed" mb={4}>
                {t('form.options.help')}
              </Text>
              <AnswerOptionsEditor
                value={v.answerOptions}
                onChange={(o) => set('answerOptions', o)}
                disabled={locked}
                error={err('answerOptions')}
              />
            </div>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.follow')} disabled={frozen}>
          <Stack>
            <Group align="flex-end">
              <Switch
                label={t('form.reminders')}
                checked={v.reminderEveryDays !== null}
                onChange={(e) => set('reminderEveryDays', e.currentTarget.checked ? 7 : null)}
              />
              {v.reminderEveryDays !== null && (
                <NumberInput
                  label={t('form.reminderEvery')}
                  value={v.reminderEveryDays}
                  onChange={(n) => set('reminderEveryDays', typeof n === 'number' ? n : 7)}
                  min={1}
                  max={60}
                  allowDecimal={false}
                  w={160}
                  error={err('reminderEveryDays')}
                />
              )}
            </Group>
            <Select
              label={t('form.previous')}
              description={t('form.previousHelp')}
              data={(campaigns.data ?? [])
                .filter((c) => c.id !== campaign?.id && c.state !== 'draft')
                .map((c) => ({ value: c.id, label: `${c.fiscalYear} ${c.title}` }))}
              value={v.previousCampaignId}
              onChange={(id) => set('previousCampaignId', id)}
              placeholder={t('form.previousAuto')}
              clearable
              error={err('previousCampaignId')}
            />
          </Stack>
        </Fieldset>

        {!frozen && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={!v.policyId || !v.title.trim() || focusEmpty || datesWrong}
            >
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
