import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * One figure both ways: the chosen view large, the other small beneath, so no one reads a number without
 * knowing whether mail scanners' clicks are in it.
 */
export function BothWays({
  people,
  all,
  includeFlagged,
  testId,
}: {
  people: string;
  all: string;
  includeFlagged: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('drills');
  const [main, other] = includeFlagged ? [all, people] : [people, all];
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600} data-testid={testId}>
        {main}
      </Text>
      <Text size="xs" c="dimmed">
        {includeFlagged
          ? t('results.otherExcluded', { value: other })
          : t('results.otherIncluded', { value: other })}
      </Text>
    </Stack>
  );
}
