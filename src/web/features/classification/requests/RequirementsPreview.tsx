import { Alert, List, Loader, Stack, Text } from '@mantine/core';
import { IconBan, IconBell, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import type { Requirements } from '../types.js';
import { useRoleName } from '../ui/useRoleName.js';

/**
 * What the policy's rule table asks for the chosen action, BEFORE the request is sent: prohibited (with
 * the rule that says so), the permissions and notifications needed and where, or nothing at all.
 */
export function RequirementsPreview({
  data,
  error,
  loading,
}: {
  data: Requirements | undefined;
  error: unknown;
  loading: boolean;
}) {
  const { t } = useTranslation('classification');
  const roleName = useRoleName();
  if (error) return <ProblemAlert error={error} />;
  if (loading || !data)
    return loading ? (
      <Loader size="sm" aria-label={t('requestForm.checking')} />
    ) : (
      <Text size="sm" c="dimmed">
        {t('requestForm.chooseAction')}
      </Text>
    );
  if (!data.allowed)
    return (
      <Alert
        color="red"
        icon={<IconBan aria-hidden />}
        title={t('requestForm.prohibited')}
        data-testid="requirements"
        role="alert"
      >
        <Stack gap={4}>
          <Text size="sm">{t('requestForm.prohibitedBody')}</Text>
          <Text size="sm" fw={500}>
            {t('requestForm.rule', { rule: data.rule })}
          </Text>
        </Stack>
      </Alert>
    );
  const none = data.requirements.length === 0;
  return (
    <Alert
      color={none ? 'green' : 'blue'}
      icon={none ? <IconCircleCheck aria-hidden /> : <IconShieldCheck aria-hidden />}
      title={none ? t('requestForm.nothingNeeded') : t('requestForm.needed')}
      data-testid="requirements"
    >
      <Stack gap={6}>
        {!none && (
          <List size="sm" spacing={4}>
            {data.requirements.map((q) => (
              <List.Item
                key={`${q.kind}-${q.roleKey}-${q.unitId}`}
                icon={q.kind === 'notification' ? <IconBell size={14} aria-hidden /> : undefined}
              >
                {t(q.kind === 'permission' ? 'requestForm.permissionOf' : 'requestForm.notificationTo', {
                  role: roleName(q.roleKey, q.roleName),
                  unit: q.unitName,
                })}
                {q.approverCount === 0 && (
                  <Text span size="sm" c="red">
                    {' '}
                    {t('requestForm.noApprover')}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        <Text size="xs" c="dimmed">
          {t('requestForm.rule', { rule: data.rule })}
        </Text>
      </Stack>
    </Alert>
  );
}
