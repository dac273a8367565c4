import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../../app/auth.js';
import { LoadingState } from '../../app/ui/States.js';
import { AuthLayout } from './AuthLayout.js';
import { PasswordStep } from './PasswordStep.js';
import { SsoButton } from './SsoButton.js';
import { TotpStep } from './TotpStep.js';

/**
 * Login in two steps when the account has TOTP: password, then the 6-digit code. When the server
 * offers single sign-on, its button comes first (local accounts keep password and TOTP).
 */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const { status, signedOutReason } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (status === 'loading') return <LoadingState />;
  if (status === 'ok') return <Navigate to={from.startsWith('/login') ? '/' : from} replace />;
  if (status === 'password_change_required') return <Navigate to="/password-change" replace />;
  const totp = status === 'totp_required';
  return (
    <AuthLayout title={totp ? t('totp.title') : t('login.title')}>
      {signedOutReason && !totp && (
        <Alert color="yellow" variant="light" mb="md" role="status">
          {signedOutReason === 'session_expired' ? t('signedOut.expired') : t('signedOut.other')}
        </Alert>
      )}
      {!totp && <SsoButton />}
      {totp ? <TotpStep /> : <PasswordStep />}
    </AuthLayout>
  );
}
