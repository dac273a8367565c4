import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import {
  IconArchive,
  IconArrowLeft,
  IconDeviceFloppy,
  IconPrinter,
  IconWorldUpload,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { downloadHref, keys, TR, useCourse } from '../api.js';
import type { CourseDetail } from '../types.js';
import { CourseStatusBadge } from '../ui/CourseStatusBadge.js';
import { AssignPanel } from './AssignPanel.js';
import {
  contentBody,
  draftsOf,
  type PageDraft,
  type QuestionDraft,
  questionProblems,
} from './editor-model.js';
import { OfflinePanel } from './OfflinePanel.js';
import { PagesEditor } from './PagesEditor.js';
import { QuestionsEditor } from './QuestionsEditor.js';
import { SessionsPanel } from './SessionsPanel.js';
import { SettingsForm } from './SettingsForm.js';
import { SurveyPanel } from './SurveyPanel.js';

export default function CourseEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('training');
  const course = useCourse(id);
  if (course.isPending) return <LoadingState />;
  if (course.error || !course.data)
    return (
      <>
        <PageHeader title={t('editor.title')} />
        <ProblemAlert error={course.error} />
      </>
    );
  return <Editor key={course.data.id} initial={course.data} />;
}

type Tab = 'settings' | 'pages' | 'questions' | 'assign' | 'sessions';

function Editor({ initial }: { initial: CourseDetail }) {
  const { t } = useTranslation('training');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'settings';
  const [course, setCourse] = useState(initial);
  const [pages, setPages] = useState<PageDraft[]>(() => draftsOf(initial).pages);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => draftsOf(initial).questions);
  const [dirty, setDirty] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [savedContent, setSavedContent] = useState(false);
  const [transition, setTransition] = useState<'published' | 'archived' | 'draft' | null>(null);

  const refresh = async () => {
    const fresh = await api<CourseDetail>(`/training/courses/${course.id}`);
    queryClient.setQueryData(keys.course(course.id), fresh);
    void queryClient.invalidateQueries({ queryKey: [TR] });
    setCourse(fresh);
    return fresh;
  };

  const saveContent = async () => {
    setShowProblems(true);
    if (questions.some((q) => questionProblems(q).length > 0)) {
      setParams({ tab: 'questions' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/training/courses/${course.id}/content`, {
        method: 'PUT',
        body: contentBody(pages, questions),
      });
      const fresh = await refresh();
      const d = draftsOf(fresh);
      setPages(d.pages);
      setQuestions(d.questions);
      setDirty(false);
      setSavedContent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const edit =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      setDirty(true);
      setSavedContent(false);
    };

  const tooFew = course.questionsPerAttempt !== null && course.questionsPerAttempt > questions.length;
  return (
    <>
      <Anchor component={Link} to="/training/courses" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('editor.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={course.title}
        actions={
          <Group gap="xs">
            <CourseStatusBadge status={course.status} />
            <Button
              component="a"
              href={downloadHref(`/courses/${course.id}/print`)}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconPrinter size={16} aria-hidden />}
            >
              {t('editor.print')}
            </Button>
            {course.status === 'draft' && (
              <Button
                leftSection={<IconWorldUpload size={16} aria-hidden />}
                onClick={() => setTransition('published')}
                disabled={dirty}
              >
                {t('editor.publish')}
              </Button>
            )}
            {course.status === 'archived' && (
              <Button
                variant="light"
                leftSection={<IconWorldUpload size={16} aria-hidden />}
                onClick={() => setTransition('published')}
              >
                {t('editor.reopen')}
              </Button>
            )}
            {course.status === 'published' && (
              <Button variant="default" onClick={() => setTransition('draft')}>
                {t('editor.withdraw')}
              </Button>
            )}
            {course.status === 'published' && (
              <Button
                color="gray"
                variant="light"
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => setTransition('archived')}
              >
                {t('editor.archive')}
              </Button>
            )}
          </Group>
        }
      />
      <Text size="sm" c="dimmed" mb="sm">
        {t('editor.versionLine', {
          version: course.version,
          pages: course.pageCount,
          questions: course.questionCount,
        })}
      </Text>
      {course.status === 'published' && (
        <Alert color="blue" mb="md">
          {t('editor.publishedNote')}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'settings' ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="settings">{t('editor.tab.settings')}</Tabs.Tab>
          <Tabs.Tab value="pages">
            {t('editor.tab.pages')}{' '}
            <Badge size="xs" variant="light">
              {pages.length}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="questions">
            {t('editor.tab.questions')}{' '}
            <Badge size="xs" variant="light">
              {questions.length}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="assign">{t('editor.tab.assign')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('editor.tab.sessions')}</Tabs.Tab>
          <Tabs.Tab value="offline">{t('editor.tab.offline')}</Tabs.Tab>
          <Tabs.Tab value="survey">{t('editor.tab.survey')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings">
          <SettingsForm course={course} onSaved={setCourse} />
        </Tabs.Panel>
        <Tabs.Panel value="pages">
          <PagesEditor pages={pages} onChange={edit(setPages)} />
        </Tabs.Panel>
        <Tabs.Panel value="questions">
          <Stack>
            {tooFew && (
              <Alert color="orange">
                {t('editor.tooFew', { count: course.questionsPerAttempt ?? 0, have: questions.length })}
              </Alert>
            )}
            <QuestionsEditor
              questions={questions}
              onChange={edit(setQuestions)}
              showProblems={showProblems}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="assign">
          <AssignPanel course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsPanel course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="offline">
          <OfflinePanel course={course} />
        </Tabs.Panel>
        <Tabs.Panel value="survey">
          <SurveyPanel course={course} />
        </Tabs.Panel>
      </Tabs>
      {(tab === 'pages' || tab === 'questions') && (
        <Stack
          mt="md"
          pos="sticky"
          bottom={0}
          py="sm"
          bg="var(--mantine-color-body)"
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 2 }}
        >
          <ProblemAlert error={error} />
          <Group>
            <Button
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              onClick={saveContent}
              loading={busy}
              disabled={!dirty}
            >
              {t('editor.saveContent')}
            </Button>
            <Text size="sm" c={dirty ? 'orange' : 'dimmed'} role="status">
              {dirty ? t('editor.unsaved') : savedContent ? t('editor.savedContent') : ''}
            </Text>
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={transition !== null}
        onClose={() => setTransition(null)}
        title={transition ? t(`editor.confirm.${transition}.title`) : ''}
        message={transition ? t(`editor.confirm.${transition}.body`) : ''}
        confirmLabel={transition ? t(`editor.confirm.${transition}.button`) : ''}
        color={transition === 'archived' ? 'red' : 'blue'}
        onConfirm={async () => {
          await api(`/training/courses/${course.id}/transition`, {
            method: 'POST',
            body: { to: transition },
          });
          await refresh();
        }}
      />
    </>
  );
}
