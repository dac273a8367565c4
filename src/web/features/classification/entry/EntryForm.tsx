import {
  Alert,
  Button,
  Fieldset,
  Group,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth.js';
import { useCan } from '../../../app/permissions.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import type { EntryValues } from '../api.js';
import { confidentialityLevel, levelNeeds, scopeIsEmpty } from '../format.js';
import type { ClassificationPolicy, EntryDetail, Level } from '../types.js';
import { PeoplePicker } from '../ui/PeoplePicker.js';
import { AccessScopePicker } from './AccessScopePicker.js';
import { RestrictionsField } from './RestrictionsField.js';
import { emptyValues, type FormValues, valuesOf } from './values.js';

const FORMS = ['paper', 'electronic', 'both'] as const;

/**
 * Registering (or correcting) a piece of information: what it is, its levels with each level's criteria
 * as help, its restrictions, where it is kept, how long, and — when the level requires it — who may
 * access it. The division head then confirms the classification (000 L740-800).
 */
export function EntryForm({
  policy,
  entry,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  policy: ClassificationPolicy;
  entry?: EntryDetail;
  submitLabel: string;
  onSubmit(values: EntryValues): Promise<unknown>;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation(['classification', 'common']);
  const lang = i18n.language;
  const [v, setV] = useState<FormValues>(() => (entry ? valuesOf(entry) : emptyValues()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const me = useMe();
  const canPickOwner = useCan('org.read');
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setV((old) => ({ ...old, [key]: value }));
  const level = confidentialityLevel(policy, v.confidentiality);
  const needs = levelNeeds(level);
  const err = (field: string) => fieldError(error, field);
  const name = (l: { nameJa: string; nameEn: string }) => (lang === 'en' ? l.nameEn : l.nameJa);
  const criteria = (l: Level) => (lang === 'en' ? l.criteriaEn : l.criteriaJa);

  const missingScope = needs.accessScope && scopeIsEmpty(v.accessScope);
  const missingStorage = needs.storage && !v.storageLocation.trim();
  const invalid = !v.title.trim() || v.confidentiality === null || missingScope;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (invalid || v.confidentiality === null) return;
    setBusy(true);
    setError(null);
    try {
      const { ownerPersonId, ...rest } = v;
      await onSubmit({
        ...rest,
        confidentiality: v.confidentiality,
        ...(ownerPersonId ? { ownerPersonId } : {}),
        accessScope: needs.accessScope ? v.accessScope : { personIds: [], unitIds: [] },
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const levelSelect = (dimension: 'integrity' | 'availability') => {
    const levels = policy.levels[dimension];
    const chosen = levels.find((l) => l.value === v[dimension]);
    return (
      <Select
        label={t(`form.${dimension}`)}
        description={chosen ? criteria(chosen) : t('form.optionalLevel')}
        placeholder={t('form.notSet')}
        data={levels.map((l) => ({ value: String(l.value), label: name(l) }))}
        value={v[dimension] === null ? null : String(v[dimension])}
        onChange={(x) => set(dimension, x === null ? null : Number(x))}
        clearable
        error={err(dimension)}
      />
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ProblemAlert error={error} />
        {entry?.status === 'returned' && entry.correctionComment && (
          <Alert color="orange" title={t('entry.returnedTitle')}>
            {entry.correctionComment}
          </Alert>
        )}
        <Fieldset legend={t('form.what')}>
          <Stack>
            <TextInput
              label={t('form.title')}
              description={t('form.titleHelp')}
              value={v.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={err('title') ?? (tried && !v.title.trim() ? t('form.required') : undefined)}
              required
              maxLength={300}
            />
            <Textarea
              label={t('form.description')}
              value={v.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={4000}
              error={err('description')}
            />
            {canPickOwner ? (
              <PeoplePicker
                label={t('form.owner')}
                description={t('form.ownerHelp')}
                value={v.ownerPersonId ? [v.ownerPersonId] : []}
                onChange={(ids) => set('ownerPersonId', ids[0] ?? null)}
                initial={entry ? [entry.owner] : []}
                error={err('ownerPersonId')}
                max={1}
              />
            ) : (
              <Text size="sm">{t('form.ownerIs', { name: entry?.owner.name ?? me.person.name })}</Text>
            )}
            <div>
              <Text size="sm" fw={500} id="entry-form-label">
                {t('form.form')}
              </Text>
              <SegmentedControl
                aria-labelledby="entry-form-label"
                data={FORMS.map((f) => ({ value: f, label: t(`entryForm.${f}`) }))}
                value={v.form}
                onChange={(f) => set('form', f as FormValues['form'])}
              />
            </div>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('form.levels')}>
          <Stack>
            <Radio.Group
              label={t('form.confidentiality')}
              description={t('form.confidentialityHelp')}
              value={v.confidentiality === null ? null : String(v.confidentiality)}
              onChange={(x) => set('confidentiality', Number(x))}
              required
              error={
                err('confidentiality') ??
                (tried && v.confidentiality === null ? t('form.chooseLevel') : undefined)
              }
            >
              <Stack gap="xs" mt="xs">
                {policy.levels.confidentiality.map((l) => (
                  <Radio key={l.value} value={String(l.value)} label={name(l)} description={criteria(l)} />
                ))}
              </Stack>
            </Radio.Group>
            {level && (needs.accessScope || needs.serial || needs.confirmation) && (
              <Alert color="blue" variant="light" data-testid="level-needs">
                <Stack gap={2}>
                  {needs.confirmation && <Text size="sm">{t('form.needs.confirmation')}</Text>}
                  {needs.accessScope && <Text size="sm">{t('form.needs.accessScope')}</Text>}
                  {needs.storage && <Text size="sm">{t('form.needs.storage')}</Text>}
                  {needs.serial && <Text size="sm">{t('form.needs.serial')}</Text>}
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {levelSelect('integrity')}
              {levelSelect('availability')}
            </SimpleGrid>
            <RestrictionsField
              defs={policy.restrictions}
              value={v.restrictions}
              onChange={(r) => set('restrictions', r)}
            />
          </Stack>
        </Fieldset>

        {needs.accessScope && (
          <AccessScopePicker
            value={v.accessScope}
            onChange={(s) => set('accessScope', s)}
            known={entry?.accessScope}
            error={err('accessScope') ?? (tried && missingScope ? t('scope.required') : undefined)}
          />
        )}

        <Fieldset legend={t('form.keeping')}>
          <Stack>
            <TextInput
              label={t('form.storage')}
              description={needs.storage ? t('form.storageDesignated') : t('form.storageHelp')}
              value={v.storageLocation}
              onChange={(e) => set('storageLocation', e.currentTarget.value)}
              error={err('storageLocation')}
              maxLength={500}
            />
            {missingStorage && (
              <Text size="xs" c="dimmed">
                {t('form.storageLater')}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label={t('form.retentionUntil')}
                value={v.retentionUntil ?? ''}
                onChange={(e) => set('retentionUntil', e.currentTarget.value || null)}
                error={err('retentionUntil')}
              />
              <TextInput
                label={t('form.retentionNote')}
                placeholder={t('form.retentionNotePlaceholder')}
                value={v.retentionNote}
                onChange={(e) => set('retentionNote', e.currentTarget.value)}
                maxLength={500}
                error={err('retentionNote')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
