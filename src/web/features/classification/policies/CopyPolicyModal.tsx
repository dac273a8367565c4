import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { copyPolicy, useRefresh } from '../api.js';

/** Copies a policy (shipped or the agency's own) into a new agency policy that can be edited. */
export function CopyPolicyModal({
  from,
  onClose,
}: {
  from: { id: string; name: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation(['classification', 'common']);
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setName('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!from || !name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const copy = await copyPolicy(from.id, name.trim());
      await refresh();
      close();
      navigate(`/classification/policies/${copy.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={!!from} onClose={close} title={t('policy.copyTitle')} centered>
      <Stack>
        <TextInput
          label={t('policy.copyName')}
          description={t('policy.copyFrom', { name: from?.name ?? '' })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(error, 'name')}
          maxLength={200}
          required
          data-autofocus
        />
        <ProblemAlert error={error} withFields={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={submit} loading={busy} disabled={!name.trim()}>
            {t('policy.copy')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
