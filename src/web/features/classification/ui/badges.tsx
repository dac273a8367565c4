import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  confidentialityColor,
  ENTRY_STATUS_COLORS,
  levelName,
  REQUEST_STATUS_COLORS,
  restrictionText,
} from '../format.js';
import type { ClassificationPolicy, EntryStatus, RequestStatus } from '../types.js';

export function LevelBadge({
  policy,
  value,
}: {
  policy: ClassificationPolicy | null | undefined;
  value: number;
}) {
  const { i18n } = useTranslation();
  return (
    <Badge color={confidentialityColor(value)} variant="light" style={{ whiteSpace: 'nowrap' }}>
      {levelName(policy, 'confidentiality', value, i18n.language)}
    </Badge>
  );
}

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useTranslation('classification');
  return <Badge color={ENTRY_STATUS_COLORS[status]}>{t(`entryStatus.${status}`)}</Badge>;
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation('classification');
  return (
    <Badge color={REQUEST_STATUS_COLORS[status]} data-testid="request-status">
      {t(`requestStatus.${status}`)}
    </Badge>
  );
}

/** The entry's restrictions in the UI language; "—" when there are none. */
export function RestrictionList({
  policy,
  restrictions,
}: {
  policy: ClassificationPolicy | null | undefined;
  restrictions: { key: string; param: string | null }[];
}) {
  const { i18n } = useTranslation();
  if (restrictions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {restrictions.map((r) => (
        <Badge key={r.key} variant="outline" color="grape" tt="none">
          {restrictionText(
            policy?.restrictions.find((d) => d.key === r.key),
            r.key,
            r.param,
            i18n.language,
          )}
        </Badge>
      ))}
    </Group>
  );
}
