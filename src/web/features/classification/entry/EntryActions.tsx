import { Button, Group, TextInput } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconCheck, IconEdit, IconEye, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type EntryMove, moveEntry, useRefresh } from '../api.js';
import type { EntryDetail } from '../types.js';
import { CommentModal } from '../ui/CommentModal.js';
import { AccessScopePicker, type Scope } from './AccessScopePicker.js';

const sorted = (xs: string[]) => [...xs].sort().join(',');
const sameScope = (a: Scope, b: Scope) =>
  sorted(a.personIds) === sorted(b.personIds) && sorted(a.unitIds) === sorted(b.unitIds);

/** What the user may do with the entry now (the server's `can`): edit, confirm or return, review, archive, request. */
export function EntryActions({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation('classification');
  const refresh = useRefresh();
  const [open, setOpen] = useState<EntryMove | null>(null);
  const [storage, setStorage] = useState(entry.storageLocation);
  const [nextReviewOn, setNextReviewOn] = useState('');
  const initialScope = {
    personIds: entry.accessScope.people.map((p) => p.id),
    unitIds: entry.accessScope.units.map((u) => u.id),
  };
  const [scope, setScope] = useState<Scope>(initialScope);
  const run = async (move: EntryMove, comment: string) => {
    const body: Record<string, unknown> = comment ? { comment } : {};
    if (move === 'confirm' && storage.trim() && storage !== entry.storageLocation)
      body.storageLocation = storage.trim();
    // The head designates who may access it when confirming (000 L761-764); sent only when changed.
    if (move === 'confirm' && entry.scopeRestricted && !sameScope(scope, initialScope))
      body.accessScope = scope;
    if (move === 'review' && nextReviewOn) body.nextReviewOn = nextReviewOn;
    await moveEntry(entry.id, move, body);
    await refresh();
  };
  const can = entry.can;
  const modal = (move: EntryMove) => ({ opened: open === move, onClose: () => setOpen(null) });
  return (
    <>
      <Group gap="xs">
        {can.confirm && (
          <>
            <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setOpen('confirm')}>
              {t('actions.confirm')}
            </Button>
            <Button
              variant="light"
              color="orange"
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              onClick={() => setOpen('return')}
            >
              {t('actions.return')}
            </Button>
          </>
        )}
        {can.edit && (
          <Button
            component={Link}
            to={`/classification/register/${entry.id}/edit`}
            variant="light"
            leftSection={<IconEdit size={16} aria-hidden />}
          >
            {t('actions.edit')}
          </Button>
        )}
        {can.request && (
          <Button
            component={Link}
            to={`/classification/requests/new?entryId=${entry.id}`}
            variant="light"
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {t('actions.request')}
          </Button>
        )}
        {can.review && (
          <Button
            variant="default"
            leftSection={<IconEye size={16} aria-hidden />}
            onClick={() => setOpen('review')}
          >
            {t('actions.review')}
          </Button>
        )}
        {can.archive && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconArchive size={16} aria-hidden />}
            onClick={() => setOpen('archive')}
          >
            {t('actions.archive')}
          </Button>
        )}
      </Group>

      <CommentModal
        {...modal('confirm')}
        title={t('decide.confirmTitle')}
        message={t('decide.confirmBody')}
        commentLabel={t('decide.commentOptional')}
        confirmLabel={t('actions.confirm')}
        onConfirm={(c) => run('confirm', c)}
      >
        <TextInput
          label={t('form.storage')}
          description={t('decide.storageHelp')}
          value={storage}
          onChange={(e) => setStorage(e.currentTarget.value)}
          maxLength={500}
        />
        {entry.scopeRestricted && (
          <AccessScopePicker value={scope} onChange={setScope} known={entry.accessScope} />
        )}
      </CommentModal>
      <CommentModal
        {...modal('return')}
        title={t('decide.returnTitle')}
        message={t('decide.returnBody')}
        commentLabel={t('decide.returnComment')}
        commentRequired
        confirmLabel={t('actions.return')}
        color="orange"
        onConfirm={(c) => run('return', c)}
      />
      <CommentModal
        {...modal('review')}
        title={t('decide.reviewTitle')}
        message={t('decide.reviewBody')}
        commentLabel={t('decide.commentOptional')}
        confirmLabel={t('actions.review')}
        onConfirm={(c) => run('review', c)}
      >
        <TextInput
          type="date"
          label={t('decide.nextReviewOn')}
          description={t('decide.nextReviewHelp')}
          value={nextReviewOn}
          onChange={(e) => setNextReviewOn(e.currentTarget.value)}
        />
      </CommentModal>
      <CommentModal
        {...modal('archive')}
        title={t('decide.archiveTitle')}
        message={t('decide.archiveBody')}
        commentLabel={t('decide.commentOptional')}
        confirmLabel={t('actions.archive')}
        color="red"
        onConfirm={(c) => run('archive', c)}
      />
    </>
  );
}
