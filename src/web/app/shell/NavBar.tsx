import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { namespaces } from '../../i18n/resources.js';
import { useAuth } from '../auth.js';
import { navItems } from '../modules.js';
import { shownTo } from '../policy.js';

/** The navigation every module contributes to (registry.ts), filtered by the user's permissions. */
export function NavBar({ onNavigate }: { onNavigate(): void }) {
  const { t } = useTranslation(namespaces);
  const { me } = useAuth();
  const { pathname } = useLocation();
  const visible = navItems.filter((item) => shownTo(me, item));
  const isActive = (path: string) => (path === '/' ? pathname === '/' : pathname.startsWith(path));
  return (
    <Stack gap={2} data-testid="nav">
      {visible.map((item) => (
        <NavLink
          key={item.id}
          component={Link}
          to={item.path}
          label={t(item.label) as string}
          leftSection={<item.icon size={18} stroke={1.7} aria-hidden />}
          active={isActive(item.path)}
          aria-current={isActive(item.path) ? 'page' : undefined}
          onClick={onNavigate}
          variant="light"
          fw={500}
        />
      ))}
    </Stack>
  );
}
