import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPackageImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { keys, TR, useCourses } from '../api.js';
import type { Course, StarterInstall } from '../types.js';
import { CourseStatusBadge } from '../ui/CourseStatusBadge.js';

type Filter = 'active' | Course['status'];

/** The agency's courses: drafts, published and archived; create one or install the shipped starters. */
export default function CoursesPage() {
  const { t, i18n } = useTranslation('training');
  const courses = useCourses();
  const canManage = useCan('training.manage');
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>('active');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [installing, setInstalling] = useState(false);
  const [installed, setInstalled] = useState<StarterInstall | null>(null);
  const needle = q.trim().toLowerCase();
  const shown = (courses.data ?? []).filter(
    (c) =>
      (filter === 'active' ? c.status !== 'archived' : c.status === filter) &&
      (!needle || c.title.toLowerCase().includes(needle) || c.description.toLowerCase().includes(needle)),
  );
  return (
    <>
      <PageHeader
        title={t('courses.title')}
        description={t('courses.description')}
        actions={
          canManage && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconPackageImport size={16} aria-hidden />}
                onClick={() => setInstalling(true)}
              >
                {t('courses.installStarters')}
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('courses.new')}
              </Button>
            </Group>
          )
        }
      />
      {installed && (
        <Alert color="green" role="status" mb="md" withCloseButton onClose={() => setInstalled(null)}>
          {t('courses.installed', {
            installed: installed.installed.length,
            existing: installed.existing.length,
          })}
        </Alert>
      )}
      <Group mb="md" wrap="wrap" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} aria-hidden />}
          placeholder={t('courses.search')}
          aria-label={t('courses.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
        />
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          aria-label={t('courses.filter')}
          data={[
            { value: 'active', label: t('courses.filterActive') },
            { value: 'draft', label: t('courseStatus.draft') },
            { value: 'published', label: t('courseStatus.published') },
            { value: 'archived', label: t('courseStatus.archived') },
          ]}
        />
      </Group>
      <ProblemAlert error={courses.error} />
      {courses.isPending ? (
        <LoadingState />
      ) : shown.length === 0 ? (
        <EmptyMessage
          title={t('courses.empty')}
          description={canManage ? t('courses.emptyHint') : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" aria-label={t('courses.title')} data-testid="courses-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.col.title')}</Table.Th>
                <Table.Th>{t('courses.col.status')}</Table.Th>
                <Table.Th>{t('courses.col.content')}</Table.Th>
                <Table.Th>{t('courses.col.rule')}</Table.Th>
                <Table.Th>{t('courses.col.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/training/courses/${c.id}`} fw={600}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <CourseStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('courses.counts', { pages: c.pageCount, questions: c.questionCount })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.perfectScoreRequired
                        ? t('courses.perfect')
                        : t('courses.passMark', { mark: c.passMark })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(c.updatedAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateCourseModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={installing}
        onClose={() => setInstalling(false)}
        title={t('courses.installTitle')}
        message={t('courses.installBody')}
        confirmLabel={t('courses.installConfirm')}
        color="blue"
        onConfirm={async () => {
          setInstalled(await api<StarterInstall>('/training/starter-courses/install', { method: 'POST' }));
          await queryClient.invalidateQueries({ queryKey: keys.courses });
        }}
      />
    </>
  );
}

function CreateCourseModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation(['training', 'common']);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setTitle('');
    setError(null);
    onClose();
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await api<Course>('/training/courses', { method: 'POST', body: { title } });
      await queryClient.invalidateQueries({ queryKey: [TR] });
      close();
      navigate(`/training/courses/${c.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('courses.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack>
          <TextInput
            label={t('editor.courseTitle')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(error, 'title')}
            data-autofocus
          />
          <ProblemAlert error={error} withFields={false} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!title.trim()}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
