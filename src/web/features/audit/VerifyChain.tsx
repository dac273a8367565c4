import { Alert, Button, Stack } from '@mantine/core';
import { IconCircleCheck, IconLinkOff, IconShieldSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import type { AuditVerify } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';

/** Re-hashes the agency's whole chain on the server and shows the first broken link, if any. */
export function VerifyChain() {
  const { t } = useTranslation('audit');
  const verify = useMutation({ mutationFn: () => api<AuditVerify>('/audit-events/verify') });
  const result = verify.data;
  return (
    <Stack gap="xs">
      <Button
        variant="light"
        leftSection={<IconShieldSearch size={18} aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('verify.button')}
      </Button>
      <div aria-live="polite">
        <ProblemAlert error={verify.error} />
        {result?.ok && (
          <Alert
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={t('verify.okTitle')}
            data-testid="verify-result"
          >
            {t('verify.ok', { count: result.rows })}
          </Alert>
        )}
        {result && !result.ok && (
          <Alert
            color="red"
            icon={<IconLinkOff aria-hidden />}
            title={t('verify.brokenTitle')}
            data-testid="verify-result"
          >
            {t('verify.broken', {
              count: result.rows,
              seq: result.firstBreak?.seq ?? '?',
              reason: result.firstBreak ? t(`verify.reasons.${result.firstBreak.reason}`) : '',
            })}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
