import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.js';
import { LoadingState } from '../../app/ui/States.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

/** Shown instead of the app while the account must set a new password (first login, after a reset). */
export function PasswordChangePage() {
  const { t } = useTranslation('auth');
  const { status, refresh, logout } = useAuth();
  const navigate = useNavigate();
  if (status === 'loading') return <LoadingState />;
  if (status !== 'password_change_required')
    return <Navigate to={status === 'ok' ? '/' : '/login'} replace />;
  const done = async () => {
    notifications.show({ color: 'green', message: t('password.done') });
    await refresh();
    navigate('/', { replace: true });
  };
  return (
    <AuthLayout title={t('password.title')}>
      <Stack>
        <Text size="sm">{t('password.forced')}</Text>
        <PasswordChangeForm onDone={done} />
        <Anchor component="button" type="button" size="sm" onClick={() => void logout()}>
          {t('password.logout')}
        </Anchor>
      </Stack>
    </AuthLayout>
  );
}
