import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import type { Course } from '../../training/types.js';
import { Markdown } from '../../training/ui/Markdown.js';
import { RoleMultiSelect, UnitMultiSelect } from '../../training/ui/pickers.js';
import { DR, useDrill } from '../api.js';
import type { Drill } from '../types.js';
import { bodyOf, type DrillForm, emptyForm, formOf, nextSurveyId } from './form-model.js';

/** Creating a drill (/drills/new) or editing a draft (/drills/:id/edit). */
export default function DrillEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('drills');
  const drill = useDrill(id ?? '');
  if (!id) return <Editor drill={null} />;
  if (drill.isPending) return <LoadingState />;
  if (!drill.data)
    return (
      <>
        <PageHeader title={t('editor.editTitle')} />
        <ProblemAlert error={drill.error} />
      </>
    );
  return <Editor key={drill.data.id} drill={drill.data} />;
}

function Section({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`de-${id}`}>
      <Title order={2} size="h5" id={`de-${id}`} mb={help ? 2 : 'sm'}>
        {title}
      </Title>
      {help && (
        <Text size="xs" c="dimmed" mb="sm">
          {help}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function Editor({ drill }: { drill: Drill | null }) {
  const { t } = useTranslation(['drills', 'common']);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [f, setF] = useState<DrillForm>(() => (drill ? formOf(drill) : emptyForm()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [previewTraining, setPreviewTraining] = useState(false);
  const courses = useQuery({
    queryKey: ['training', 'courses'],
    queryFn: async () => (await api<{ items: Course[] }>('/training/courses')).items,
    retry: false,
  });
  const set = <K extends keyof DrillForm>(k: K, v: DrillForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const err = (field: string) => fieldError(error, field);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = drill
        ? await api<Drill>(`/drills/${drill.id}`, { method: 'PATCH', body: bodyOf(f) })
        : await api<Drill>('/drills', { method: 'POST', body: bodyOf(f) });
      await queryClient.invalidateQueries({ queryKey: [DR] });
      navigate(`/drills/${saved.id}`);
    } catch (e) {
      setError(e);
      window.scrollTo({ top: 0 });
    } finally {
      setBusy(false);
    }
  };
  const followUpData = [
    { value: '', label: t('editor.followUpDefault') },
    { value: 'none', label: t('editor.followUpNone') },
    ...(courses.data ?? [])
      .filter((c) => c.status === 'published')
      .map((c) => ({ value: c.id, label: c.title })),
  ];
  const followUpValue =
    f.followUpCourseId === undefined ? '' : f.followUpCourseId === null ? 'none' : f.followUpCourseId;
  return (
    <>
      <Anchor component={Link} to={drill ? `/drills/${drill.id}` : '/drills'} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('editor.back')}
        </Group>
      </Anchor>
      <PageHeader title={drill ? t('editor.editTitle') : t('editor.newTitle')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack maw={900}>
          <ProblemAlert error={error} />
          <Section id="basics" title={t('editor.basics')}>
            <TextInput
              label={t('editor.title')}
              description={t('editor.titleHelp')}
              required
              value={f.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={err('title')}
            />
            <Group wrap="wrap" gap="lg">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('editor.variant')}
                </Text>
                <SegmentedControl
                  value={f.variant ?? 'standard'}
                  onChange={(v) => set('variant', v as DrillForm['variant'])}
                  data={[
                    { value: 'standard', label: t('variant.standard') },
                    { value: 'exchange', label: t('variant.exchange') },
                  ]}
                  aria-label={t('editor.variant')}
                />
              </Stack>
              <Switch
                label={t('editor.announced')}
                description={t('editor.announcedHelp')}
                checked={f.announced ?? false}
                onChange={(e) => set('announced', e.currentTarget.checked)}
              />
            </Group>
          </Section>
          <Section id="lure" title={t('editor.lure')} help={t('editor.lureHelp')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('editor.senderName')}
                required
                value={f.senderName}
                onChange={(e) => set('senderName', e.currentTarget.value)}
                error={err('senderName')}
              />
              <TextInput
                label={t('editor.senderAddress')}
                type="email"
                required
                value={f.senderAddress}
                onChange={(e) => set('senderAddress', e.currentTarget.value)}
                error={err('senderAddress')}
              />
            </SimpleGrid>
            <TextInput
              label={t('editor.subject')}
              required
              value={f.subject}
              onChange={(e) => set('subject', e.currentTarget.value)}
              error={err('subject')}
            />
            <Textarea
              label={t('editor.body')}
              description={t('editor.bodyHelp', {
                name: '{{name}}',
                unit: '{{unit}}',
                url: '{{url}}',
                report: '{{report}}',
              })}
              required
              autosize
              minRows={6}
              value={f.body}
              onChange={(e) => set('body', e.currentTarget.value)}
              error={err('body')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('editor.lureKind')}
              </Text>
              <SegmentedControl
                w="fit-content"
                value={f.lureKind ?? 'link'}
                onChange={(v) => set('lureKind', v as DrillForm['lureKind'])}
                data={[
                  { value: 'link', label: t('lure.link') },
                  { value: 'attachment', label: t('lure.attachment') },
                ]}
                aria-label={t('editor.lureKind')}
              />
            </Stack>
            {f.lureKind === 'attachment' && (
              <TextInput
                label={t('editor.attachmentName')}
                description={t('editor.attachmentHelp')}
                required
                placeholder="資料.html"
                value={f.attachmentName ?? ''}
                onChange={(e) => set('attachmentName', e.currentTarget.value)}
                error={err('attachmentName')}
              />
            )}
          </Section>
          {f.variant === 'exchange' && (
            <Section id="exchange" title={t('editor.exchange')} help={t('editor.exchangeHelp')}>
              <TextInput
                label={t('editor.benignSubject')}
                value={f.benignSubject ?? ''}
                onChange={(e) => set('benignSubject', e.currentTarget.value)}
                error={err('benignSubject')}
              />
              <Textarea
                label={t('editor.benignBody')}
                required
                autosize
                minRows={4}
                value={f.benignBody ?? ''}
                onChange={(e) => set('benignBody', e.currentTarget.value)}
                error={err('benignBody')}
              />
              <NumberInput
                label={t('editor.lureDelay')}
                description={t('editor.lureDelayHelp')}
                min={0}
                max={720}
                w={220}
                value={f.lureDelayHours ?? 48}
                onChange={(v) => set('lureDelayHours', typeof v === 'number' ? v : 48)}
                error={err('lureDelayHours')}
              />
            </Section>
          )}
          <Section id="landing" title={t('editor.landing')} help={t('editor.landingHelp')}>
            <SegmentedControl
              size="xs"
              w="fit-content"
              value={previewTraining ? 'preview' : 'edit'}
              onChange={(v) => setPreviewTraining(v === 'preview')}
              data={[
                { value: 'edit', label: t('editor.edit') },
                { value: 'preview', label: t('editor.preview') },
              ]}
              aria-label={t('editor.trainingContent')}
            />
            {previewTraining ? (
              <Paper withBorder p="sm" bg="gray.0">
                <Markdown>{f.trainingContent}</Markdown>
              </Paper>
            ) : (
              <Textarea
                label={t('editor.trainingContent')}
                description={t('editor.trainingHelp')}
                required
                autosize
                minRows={8}
                value={f.trainingContent}
                onChange={(e) => set('trainingContent', e.currentTarget.value)}
                error={err('trainingContent')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
            <Text size="sm" fw={500} mt="xs">
              {t('editor.survey')}
            </Text>
            {f.survey.map((q, i) => (
              <Group key={q.id} align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={4} style={{ flex: 1 }}>
                  <TextInput
                    label={t('editor.surveyQuestion', { n: i + 1 })}
                    value={q.text}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      set(
                        'survey',
                        f.survey.map((x) => (x.id === q.id ? { ...x, text } : x)),
                      );
                    }}
                  />
                  <TagsInput
                    label={t('editor.surveyOptions')}
                    description={t('editor.surveyOptionsHelp')}
                    value={q.options}
                    onChange={(options) =>
                      set(
                        'survey',
                        f.survey.map((x) => (x.id === q.id ? { ...x, options } : x)),
                      )
                    }
                    maxTags={10}
                  />
                </Stack>
                <ActionIcon
                  mt={26}
                  variant="light"
                  color="red"
                  size="lg"
                  onClick={() =>
                    set(
                      'survey',
                      f.survey.filter((x) => x.id !== q.id),
                    )
                  }
                  aria-label={t('editor.removeSurvey', { n: i + 1 })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  set('survey', [...f.survey, { id: nextSurveyId(f.survey), text: '', options: [] }])
                }
                disabled={f.survey.length >= 20}
              >
                {t('editor.addSurvey')}
              </Button>
            </Group>
          </Section>
          <Section id="targets" title={t('editor.targets')} help={t('editor.targetsHelp')}>
            <UnitMultiSelect
              label={t('editor.units')}
              description={t('editor.unitsHelp')}
              value={f.targetUnitIds ?? []}
              onChange={(v) => set('targetUnitIds', v)}
            />
            <RoleMultiSelect
              label={t('editor.roles')}
              description={t('editor.rolesHelp')}
              value={f.targetRoleKeys ?? []}
              onChange={(v) => set('targetRoleKeys', v)}
            />
            <NumberInput
              label={t('editor.sample')}
              description={t('editor.sampleHelp')}
              min={1}
              max={100}
              suffix="%"
              w={220}
              value={f.samplePercent ?? 100}
              onChange={(v) => set('samplePercent', typeof v === 'number' ? v : 100)}
              error={err('samplePercent')}
            />
          </Section>
          <Section id="send" title={t('editor.sending')} help={t('editor.sendingHelp')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="datetime-local"
                label={t('editor.startAt')}
                description={t('editor.startAtHelp')}
                value={f.startAt}
                onChange={(e) => set('startAt', e.currentTarget.value)}
                error={err('startAt')}
              />
              <NumberInput
                label={t('editor.rate')}
                description={t('editor.rateHelp')}
                min={1}
                max={10000}
                value={f.ratePerSecond ?? 20}
                onChange={(v) => set('ratePerSecond', typeof v === 'number' ? v : 20)}
                error={err('ratePerSecond')}
              />
              <TextInput
                type="time"
                label={t('editor.windowStart')}
                value={f.windowStart ?? '09:00'}
                onChange={(e) => set('windowStart', e.currentTarget.value)}
                error={err('windowStart')}
              />
              <TextInput
                type="time"
                label={t('editor.windowEnd')}
                description={t('editor.windowHelp')}
                value={f.windowEnd ?? '18:00'}
                onChange={(e) => set('windowEnd', e.currentTarget.value)}
                error={err('windowEnd')}
              />
              <NumberInput
                label={t('editor.scannerWindow')}
                description={t('editor.scannerWindowHelp')}
                min={0}
                max={3600}
                value={f.scannerWindowSeconds ?? 10}
                onChange={(v) => set('scannerWindowSeconds', typeof v === 'number' ? v : 10)}
              />
              <Select
                label={t('editor.followUp')}
                description={t('editor.followUpHelp')}
                data={followUpData}
                value={followUpValue}
                onChange={(v) =>
                  set('followUpCourseId', v === '' || v === null ? undefined : v === 'none' ? null : v)
                }
                allowDeselect={false}
              />
            </SimpleGrid>
          </Section>
          <Group>
            <Button type="submit" loading={busy}>
              {drill ? t('common:actions.save') : t('editor.create')}
            </Button>
            <Button variant="default" component={Link} to={drill ? `/drills/${drill.id}` : '/drills'}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
