import { ActionIcon, Badge, Box, Burger, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconShieldLock, IconUserCircle, IconUserCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth.js';
import { useLocalName } from '../units.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserSummary } from './UserSummary.js';

/**
 * The header. From the `sm` breakpoint it shows the user's name, unit and roles and the language switch;
 * on a phone (375 px) these move into the user menu, so nothing overflows, and the burger opens the
 * navigation.
 */
export function TopBar({ navOpened, toggleNav }: { navOpened: boolean; toggleNav(): void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const name = useLocalName();
  const signOut = async () => {
    await logout().catch(() => undefined);
    navigate('/login', { replace: true });
  };
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs" data-testid="top-bar">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.open')} />
        <UnstyledButton component={Link} to="/" aria-label={t('appName')}>
          <Group gap={6} wrap="nowrap">
            <IconShieldLock aria-hidden size={26} color="var(--mantine-primary-color-filled)" />
            <Text fw={700} size="lg" visibleFrom="xs">
              {t('appName')}
            </Text>
          </Group>
        </UnstyledButton>
        <Text
          fw={600}
          size="sm"
          c="dimmed"
          visibleFrom="md"
          truncate="end"
          data-testid="agency-name"
          aria-label={t('topbar.agency')}
        >
          {name(me.tenant)}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap" miw={0}>
        <Box visibleFrom="sm" miw={0}>
          <UserSummary />
        </Box>
        <Box visibleFrom="sm">
          <LanguageSwitch />
        </Box>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" size="lg" aria-label={t('topbar.userMenu')}>
              <IconUserCircle aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Box hiddenFrom="sm" px="sm" py={6} maw={280} data-testid="user-menu-summary">
              <Text size="sm" fw={600}>
                {me.person.name}
              </Text>
              <Text size="xs" c="dimmed">
                {name({ nameJa: me.person.unitNameJa, nameEn: me.person.unitNameEn })}
              </Text>
              <Group gap={4} mt={4}>
                {me.roles.map((r) => (
                  <Badge key={`${r.roleId}:${r.unitId}`} size="xs" radius="sm" tt="none">
                    {i18n.language === 'en' ? r.roleNameEn : r.roleNameJa}
                  </Badge>
                ))}
              </Group>
              <Box mt="xs">
                <LanguageSwitch />
              </Box>
            </Box>
            <Menu.Divider hiddenFrom="sm" />
            <Menu.Label>{me.account.login}</Menu.Label>
            <Menu.Item component={Link} to="/profile" leftSection={<IconUserCog size={16} aria-hidden />}>
              {t('topbar.profile')}
            </Menu.Item>
            <Menu.Item onClick={signOut} leftSection={<IconLogout size={16} aria-hidden />}>
              {t('topbar.logout')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
