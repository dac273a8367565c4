import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TemporaryPassword } from '../../app/types.js';
import { OneTimeSecret } from '../../app/ui/OneTimeSecret.js';

/** The one-time temporary password after creating an account or resetting its password. */
export function TemporaryPasswordModal({
  result,
  onClose,
}: {
  result: TemporaryPassword | null;
  onClose(): void;
}) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      opened={!!result}
      onClose={onClose}
      title={t('temporary.title')}
      centered
      closeOnClickOutside={false}
    >
      {result && (
        <Stack>
          <Text size="sm">
            {t('temporary.body', { login: result.account.login, name: result.account.personName })}
          </Text>
          <OneTimeSecret label={t('temporary.label')} value={result.temporaryPassword} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('temporary.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
