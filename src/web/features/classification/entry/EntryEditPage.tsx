import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { updateEntry, useEntry, usePolicy, useRefresh } from '../api.js';
import { EntryForm } from './EntryForm.js';

/** Correcting a proposed or returned entry; saving proposes it to the division head again. */
export default function EntryEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('classification');
  const navigate = useNavigate();
  const entry = useEntry(id);
  const policy = usePolicy(entry.data?.policyId);
  const refresh = useRefresh();
  const back = () => navigate(`/classification/register/${id}`);
  return (
    <>
      <PageHeader title={t('entry.editTitle')} description={entry.data?.title} />
      <ProblemAlert error={entry.error ?? policy.error} />
      {entry.isPending || (entry.data && policy.isPending) ? (
        <LoadingState />
      ) : entry.data && !entry.data.can.edit ? (
        <EmptyMessage title={t('entry.notEditable')} />
      ) : (
        entry.data &&
        policy.data && (
          <EntryForm
            policy={policy.data}
            entry={entry.data}
            submitLabel={t('entry.repropose')}
            onCancel={back}
            onSubmit={async (values) => {
              await updateEntry(id, values);
              await refresh();
              back();
            }}
          />
        )
      )}
    </>
  );
}
