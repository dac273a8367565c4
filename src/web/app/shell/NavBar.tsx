import { NavLink, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { namespaces } from '../../i18n/resources.js';
import { useAuth } from '../auth.js';
import { navItems } from '../modules.js';
import { shownTo } from '../policy.js';
import { NAV_SECTIONS, type NavItem, type NavSectionId } from '../registry.js';
import { navEntries } from './nav-model.js';

/**
 * The navigation every module contributes to (registry.ts), filtered by the user's permissions and
 * grouped by capability in collapsible sections (all open at first).
 */
export function NavBar({ onNavigate }: { onNavigate(): void }) {
  const { t } = useTranslation(namespaces);
  const { me } = useAuth();
  const { pathname } = useLocation();
  const [closed, setClosed] = useState<ReadonlySet<NavSectionId>>(new Set());
  const entries = navEntries(
    navItems.filter((item) => shownTo(me, item)),
    NAV_SECTIONS,
  );
  const isActive = (path: string) => (path === '/' ? pathname === '/' : pathname.startsWith(path));
  const toggle = (id: NavSectionId) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const link = (item: NavItem) => (
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
  );
  return (
    <Stack gap={2} data-testid="nav">
      {entries.map((entry) => {
        if (entry.kind === 'item') return link(entry.item);
        const { section, items } = entry;
        const opened = !closed.has(section.id);
        return (
          <NavLink
            key={section.id}
            component="button"
            type="button"
            label={t(section.label) as string}
            opened={opened}
            onChange={() => toggle(section.id)}
            aria-expanded={opened}
            data-testid={`nav-section-${section.id}`}
            childrenOffset={8}
            fz="xs"
            fw={700}
            c="dimmed"
            tt="uppercase"
          >
            {items.map(link)}
          </NavLink>
        );
      })}
    </Stack>
  );
}
