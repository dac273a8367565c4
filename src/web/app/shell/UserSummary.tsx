import { Badge, Group, HoverCard, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.js';
import { useLocalName } from '../units.js';

/** The user's unit and roles, compact in the top bar; the full list on hover or focus. */
export function UserSummary() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const name = useLocalName();
  const roleName = (r: (typeof me.roles)[number]) => (i18n.language === 'en' ? r.roleNameEn : r.roleNameJa);
  const unitOf = (r: (typeof me.roles)[number]) => name({ nameJa: r.unitNameJa, nameEn: r.unitNameEn });
  const personUnit = name({ nameJa: me.person.unitNameJa, nameEn: me.person.unitNameEn });
  const shown = me.roles.slice(0, 2);
  const more = me.roles.length - shown.length;
  return (
    <HoverCard width={360} shadow="md" openDelay={150} withinPortal>
      <HoverCard.Target>
        <UnstyledButton data-testid="user-summary" maw="36vw">
          <Stack gap={0}>
            <Text size="sm" fw={600} lh={1.3} truncate="end">
              {me.person.name}
              <Text span size="xs" c="dimmed" ml={6}>
                {personUnit}
              </Text>
            </Text>
            <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
              {shown.map((r) => (
                <Badge key={`${r.roleId}:${r.unitId}`} size="xs" radius="sm" tt="none">
                  {roleName(r)}
                </Badge>
              ))}
              {more > 0 && (
                <Text size="xs" c="dimmed">
                  {t('topbar.moreRoles', { count: more })}
                </Text>
              )}
              {me.roles.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('topbar.noRoles')}
                </Text>
              )}
            </Group>
          </Stack>
        </UnstyledButton>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Text size="sm" fw={600}>
          {t('topbar.yourUnit')}
        </Text>
        <Text size="sm" mb="xs">
          {personUnit}
        </Text>
        <Text size="sm" fw={600}>
          {t('topbar.yourRoles')}
        </Text>
        <List size="sm" spacing={2}>
          {me.roles.map((r) => (
            <List.Item key={`${r.roleId}:${r.unitId}`}>
              {roleName(r)}
              <Text span c="dimmed" size="xs" ml={6}>
                {unitOf(r)}
              </Text>
            </List.Item>
          ))}
        </List>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}
