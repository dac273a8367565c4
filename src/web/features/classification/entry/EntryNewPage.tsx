import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { createEntry, useActivePolicy, useRefresh } from '../api.js';
import { EntryForm } from './EntryForm.js';

/** A staff member registers information they created or obtained, under the agency's active policy. */
export default function EntryNewPage() {
  const { t, i18n } = useTranslation('classification');
  const navigate = useNavigate();
  const policy = useActivePolicy();
  const refresh = useRefresh();
  return (
    <>
      <PageHeader title={t('entry.newTitle')} description={t('entry.newDescription')} />
      <ProblemAlert error={policy.error} />
      {policy.isPending ? (
        <LoadingState />
      ) : (
        policy.data && (
          <>
            <Text size="sm" c="dimmed" mb="md">
              {t('entry.policyInForce', {
                name: i18n.language === 'en' && policy.data.nameEn ? policy.data.nameEn : policy.data.name,
              })}
            </Text>
            <EntryForm
              policy={policy.data}
              submitLabel={t('entry.propose')}
              onCancel={() => navigate('/classification/register')}
              onSubmit={async (values) => {
                const created = await createEntry(values);
                await refresh();
                navigate(`/classification/register/${created.id}`);
              }}
            />
          </>
        )
      )}
    </>
  );
}
