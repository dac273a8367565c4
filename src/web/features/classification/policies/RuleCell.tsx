import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HandlingRule } from '../types.js';
import { useRoleName } from '../ui/useRoleName.js';

/** One cell of the rule table: prohibited, nothing needed, or who must permit / be notified. */
export function RuleCell({ rule }: { rule: HandlingRule | undefined }) {
  const { t } = useTranslation('classification');
  const roleName = useRoleName();
  if (!rule) return <Text size="sm">—</Text>;
  if (!rule.allowed)
    return (
      <Text size="sm" c="red" fw={600}>
        {t('policy.prohibited')}
      </Text>
    );
  if (rule.requirements.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('policy.nothingNeeded')}
      </Text>
    );
  return (
    <Stack gap={2}>
      {rule.requirements.map((q) => (
        <Text key={`${q.kind}-${q.roleKey}`} size="sm">
          {t(q.kind === 'permission' ? 'policy.permission' : 'policy.notification', {
            role: roleName(q.roleKey, q.roleName),
          })}
        </Text>
      ))}
    </Stack>
  );
}
