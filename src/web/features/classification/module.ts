import {
  IconChartBar,
  IconClipboardList,
  IconFileCertificate,
  IconInbox,
  IconSend,
} from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { DeskCard } from './cards/DeskCard.js';
import { MyEntriesCard } from './cards/MyEntriesCard.js';

const page = lazy;
const register = page(() => import('./register/RegisterPage.js'));

export const classificationModule: WebModule = {
  id: 'classification',
  navSection: 'classification',
  routes: [
    // Each section has its own path prefix, so exactly one navigation item is highlighted.
    { path: 'classification', component: register },
    { path: 'classification/register', component: register },
    { path: 'classification/register/new', component: page(() => import('./entry/EntryNewPage.js')) },
    { path: 'classification/register/:id', component: page(() => import('./entry/EntryPage.js')) },
    { path: 'classification/register/:id/edit', component: page(() => import('./entry/EntryEditPage.js')) },
    { path: 'classification/requests', component: page(() => import('./requests/RequestsPage.js')) },
    { path: 'classification/requests/new', component: page(() => import('./requests/RequestNewPage.js')) },
    { path: 'classification/requests/:id', component: page(() => import('./requests/RequestPage.js')) },
    {
      path: 'classification/desk',
      component: page(() => import('./desk/DeskPage.js')),
      permission: 'classification.confirm',
    },
    {
      path: 'classification/overview',
      component: page(() => import('./overview/OverviewPage.js')),
      permission: 'classification.overview',
    },
    { path: 'classification/policies', component: page(() => import('./policies/PoliciesPage.js')) },
    { path: 'classification/policies/:id', component: page(() => import('./policies/PolicyPage.js')) },
  ],
  // After the self-check (20-35), before the central body and administration (80).
  nav: [
    {
      id: 'classification-register',
      label: 'classification:nav.register',
      path: '/classification/register',
      icon: IconClipboardList,
      tenantKind: 'agency',
      order: 40,
    },
    {
      id: 'classification-requests',
      label: 'classification:nav.requests',
      path: '/classification/requests',
      icon: IconSend,
      tenantKind: 'agency',
      order: 41,
    },
    {
      id: 'classification-desk',
      label: 'classification:nav.desk',
      path: '/classification/desk',
      icon: IconInbox,
      permission: 'classification.confirm',
      order: 42,
    },
    {
      id: 'classification-overview',
      label: 'classification:nav.overview',
      path: '/classification/overview',
      icon: IconChartBar,
      permission: 'classification.overview',
      order: 43,
    },
    {
      id: 'classification-policies',
      label: 'classification:nav.policies',
      path: '/classification/policies',
      icon: IconFileCertificate,
      permission: 'classification.manage',
      order: 44,
    },
  ],
  cards: [
    { id: 'classification-mine', component: MyEntriesCard, tenantKind: 'agency', order: 6 },
    { id: 'classification-desk', component: DeskCard, permission: 'classification.confirm', order: 7 },
  ],
};
