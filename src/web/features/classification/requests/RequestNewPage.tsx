import {
  Button,
  Fieldset,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { CloudServiceSelect } from '../../vendors/CloudServiceSelect.js';
import { createRequest, useActivePolicy, useEntry, useRefresh, useRequirements } from '../api.js';
import { ENTRYLESS_ACTIONS, HANDLING_ACTIONS, levelName } from '../format.js';
import type { HandlingAction } from '../types.js';
import { LevelBadge } from '../ui/badges.js';
import { RequirementsPreview } from './RequirementsPreview.js';

/**
 * Asking to carry out, provide, process outside or copy a registered piece of information (or to use a
 * private device or a cloud service): the requirements of the chosen action are shown before sending.
 */
export default function RequestNewPage() {
  const { t, i18n } = useTranslation(['classification', 'common']);
  const lang = i18n.language;
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [params] = useSearchParams();
  const entryId = params.get('entryId') ?? undefined;
  const entry = useEntry(entryId ?? '');
  const policy = useActivePolicy();
  const [action, setAction] = useState<HandlingAction | null>(null);
  const [level, setLevel] = useState<number | undefined>(undefined);
  const [cloudServiceId, setCloudServiceId] = useState<string | null>(null);
  const cloud = action === 'cloud_service' ? (cloudServiceId ?? undefined) : undefined;
  const [details, setDetails] = useState('');
  const [destination, setDestination] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const actions = entryId ? HANDLING_ACTIONS : ENTRYLESS_ACTIONS;
  const requirements = useRequirements({
    entryId,
    action,
    confidentiality: entryId ? undefined : level,
    cloudServiceId: cloud,
  });
  const prohibited = requirements.data?.allowed === false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!action || !details.trim() || prohibited || (!entryId && level === undefined)) return;
    setBusy(true);
    setError(null);
    try {
      const created = await createRequest({
        entryId,
        action,
        confidentiality: entryId ? undefined : level,
        cloudServiceId: cloud,
        details: details.trim(),
        destination: destination.trim(),
        validUntil: validUntil ? `${validUntil}T23:59:59+09:00` : undefined,
      });
      await refresh();
      navigate(`/classification/requests/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (entryId && entry.isPending) return <LoadingState />;
  const err = (field: string) => fieldError(error, field);
  return (
    <>
      <PageHeader title={t('requestForm.title')} description={t('requestForm.description')} />
      <ProblemAlert error={entry.error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {entry.data && (
            <Paper withBorder p="sm">
              <Group gap="sm" wrap="wrap">
                <LevelBadge policy={policy.data} value={entry.data.confidentiality} />
                <Text fw={600}>{entry.data.title}</Text>
                {entry.data.marking && (
                  <Text size="sm" c="dimmed">
                    {entry.data.marking}
                  </Text>
                )}
              </Group>
            </Paper>
          )}
          <Fieldset legend={t('requestForm.what')}>
            <Stack>
              <Radio.Group
                label={t('requestForm.action')}
                value={action}
                onChange={(a) => setAction(a as HandlingAction)}
                required
                error={tried && !action ? t('requestForm.chooseAction') : undefined}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                  {actions.map((a) => (
                    <Radio key={a} value={a} label={t(`action.${a}`)} description={t(`actionHelp.${a}`)} />
                  ))}
                </SimpleGrid>
              </Radio.Group>
              {action === 'cloud_service' && (
                <CloudServiceSelect
                  value={cloudServiceId}
                  onChange={setCloudServiceId}
                  error={err('cloudServiceId')}
                />
              )}
              {!entryId && (
                <Select
                  label={t('requestForm.level')}
                  description={t('requestForm.levelHelp')}
                  data={(policy.data?.levels.confidentiality ?? []).map((l) => ({
                    value: String(l.value),
                    label: levelName(policy.data, 'confidentiality', l.value, lang),
                  }))}
                  value={level === undefined ? null : String(level)}
                  onChange={(v) => setLevel(v === null ? undefined : Number(v))}
                  required
                  error={tried && level === undefined ? t('form.chooseLevel') : undefined}
                />
              )}
              <div aria-live="polite">
                <Text size="sm" fw={500} mb={4}>
                  {t('requestForm.requirements')}
                </Text>
                <RequirementsPreview
                  data={requirements.data}
                  error={requirements.error}
                  loading={requirements.isFetching && !requirements.data}
                />
              </div>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('requestForm.detailsLegend')} disabled={prohibited}>
            <Stack>
              <Textarea
                label={t('requestForm.details')}
                description={t('requestForm.detailsHelp')}
                value={details}
                onChange={(e) => setDetails(e.currentTarget.value)}
                required
                autosize
                minRows={3}
                maxLength={4000}
                error={err('details') ?? (tried && !details.trim() ? t('form.required') : undefined)}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('requestForm.destination')}
                  placeholder={t('requestForm.destinationPlaceholder')}
                  value={destination}
                  onChange={(e) => setDestination(e.currentTarget.value)}
                  maxLength={500}
                  error={err('destination')}
                />
                <TextInput
                  type="date"
                  label={t('requestForm.validUntil')}
                  description={t('requestForm.validUntilHelp')}
                  value={validUntil}
                  onChange={(e) => setValidUntil(e.currentTarget.value)}
                  error={err('validUntil')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(-1)}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={prohibited}>
              {t('requestForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
