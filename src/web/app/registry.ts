import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import type { resources } from '../i18n/resources.js';
import type { Permission } from './types.js';

export type Namespace = keyof (typeof resources)['ja'];
/** A translation key, prefixed by its namespace unless it is in `common`: 'org:title', 'nav.home'. */
export type I18nKey = ParseKeys<readonly Namespace[]>;

/** The navigation's sections, one per capability (shell/NavBar.tsx); a module names its own. */
export type NavSectionId =
  | 'central'
  | 'selfcheck'
  | 'classification'
  | 'training'
  | 'drills'
  | 'systems'
  | 'check'
  | 'report'
  | 'admin';

export interface NavSection {
  id: NavSectionId;
  label: I18nKey;
  /** Sorted with the items outside any section (home 0, profile 100). */
  order: number;
}

export const NAV_SECTIONS: readonly NavSection[] = [
  { id: 'central', label: 'nav.section.central', order: 5 },
  { id: 'selfcheck', label: 'nav.section.selfcheck', order: 20 },
  { id: 'classification', label: 'nav.section.classification', order: 40 },
  { id: 'training', label: 'nav.section.training', order: 50 },
  { id: 'drills', label: 'nav.section.drills', order: 60 },
  { id: 'systems', label: 'nav.section.systems', order: 65 },
  { id: 'check', label: 'nav.section.check', order: 70 },
  { id: 'report', label: 'nav.section.report', order: 75 },
  { id: 'admin', label: 'nav.section.admin', order: 80 },
];

export interface NavItem {
  id: string;
  label: I18nKey;
  path: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Shown only to users who hold this permission (or one of these) somewhere. */
  permission?: Permission | readonly Permission[];
  /** Shown only to users of this kind of tenant (e.g. the self-check is for agencies, not the central body). */
  tenantKind?: 'agency' | 'central';
  /** Position in the navigation (within its section); gaps of 10 leave room for later modules. */
  order: number;
  /** The section it is listed under; the module's `navSection` unless set here; none = top level. */
  section?: NavSectionId;
}

export interface DashboardCardDef {
  id: string;
  /** The card itself; wrap its content in app/ui/DashboardCard for a consistent look. */
  component: ComponentType;
  permission?: Permission | readonly Permission[];
  tenantKind?: 'agency' | 'central';
  order: number;
  /** Columns out of 12 on wide screens (default 6). */
  span?: number;
}

export interface RouteDef {
  /** Path below the signed-in shell, without the leading slash ('' for the home page). */
  path: string;
  component: ComponentType;
  permission?: Permission | readonly Permission[];
}

/**
 * What a feature contributes to the app. A later module adds its pages, navigation and home-page cards by
 * exporting one of these from `features/<name>/module.ts` and listing it in `app/modules.ts`.
 */
export interface WebModule {
  id: string;
  routes?: RouteDef[];
  nav?: NavItem[];
  /** The navigation section of this module's items (NAV_SECTIONS); none for home and profile. */
  navSection?: NavSectionId;
  cards?: DashboardCardDef[];
}
