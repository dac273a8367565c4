import { Alert, Button, Divider, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OIDC_REFUSALS, type OidcRefusalCode } from '../../../modules/accounts/oidc-refusals.js';
import { api } from '../../app/api.js';

type OidcInfo = { enabled: boolean; label: string | null };

type Refusal = OidcRefusalCode;
const isRefusal = (v: string | null): v is Refusal => OIDC_REFUSALS.includes(v as Refusal);

/**
 * Sign-in with the organisation's identity provider, shown when the server has it configured. A full
 * page navigation (not fetch): the provider's pages take over the browser, then return to "/".
 */
export function SsoButton() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const info = useQuery({
    queryKey: ['auth', 'oidc'],
    queryFn: () => api<OidcInfo>('/auth/oidc'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const refusal = params.get('sso_error');
  return (
    <Stack gap="md">
      {isRefusal(refusal) && (
        <Alert color="red" variant="light" role="alert">
          {t(`sso.errors.${refusal}`)}
        </Alert>
      )}
      {info.data?.enabled && (
        <>
          <Button component="a" href="/api/v1/auth/oidc/start" variant="filled" fullWidth>
            {info.data.label ?? t('sso.button')}
          </Button>
          <Divider label={t('sso.or')} labelPosition="center" />
        </>
      )}
    </Stack>
  );
}
