import { Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { useAuth } from './auth.js';
import { holdsAny } from './policy.js';
import type { Permission } from './types.js';
import { EmptyMessage, LoadingState } from './ui/States.js';

/** Pages behind login: the login page when signed out, the password page when a change is due. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <LoadingState />;
  if (status === 'anonymous' || status === 'totp_required') {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (status === 'password_change_required') return <Navigate to="/password-change" replace />;
  return children;
}

export function RequirePermission({
  permission,
  children,
}: {
  permission?: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (!holdsAny(me, permission)) {
    return <EmptyMessage title={t('forbidden.title')} description={t('forbidden.description')} />;
  }
  return children;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center">
      <EmptyMessage title={t('notFound.title')} />
      <Button component={Link} to="/" variant="light">
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
