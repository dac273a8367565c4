import { IconChecklist, IconClipboardCheck, IconListDetails } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../../app/registry.js';
import { OwnerCard } from './OwnerCard.js';

const view = ['system.view', 'system.manage'] as const;

// Owners reach their answer pages from the mail (/inspections/targets/:id) or the home-page card (they
// usually hold no system.* permission, so no navigation entry); the server decides who answers.
export const inspectionsModule: WebModule = {
  id: 'inspections',
  navSection: 'systems',
  routes: [
    { path: 'inspections', component: lazy(() => import('./RoundsPage.js')), permission: view },
    { path: 'inspections/mine', component: lazy(() => import('./MyInspectionsPage.js')) },
    { path: 'inspections/item-sets', component: lazy(() => import('./ItemSetsPage.js')), permission: view },
    { path: 'inspections/targets/:id', component: lazy(() => import('./TargetPage.js')) },
    { path: 'inspections/:id', component: lazy(() => import('./RoundPage.js')), permission: view },
  ],
  nav: [
    {
      id: 'inspections',
      label: 'inspections:nav.rounds',
      path: '/inspections',
      icon: IconClipboardCheck,
      permission: view,
      order: 30,
    },
    {
      id: 'inspections-mine',
      label: 'inspections:nav.mine',
      path: '/inspections/mine',
      icon: IconChecklist,
      permission: view,
      order: 32,
    },
    {
      id: 'inspections-sets',
      label: 'inspections:nav.sets',
      path: '/inspections/item-sets',
      icon: IconListDetails,
      permission: view,
      order: 34,
    },
  ],
  // Last, so that the empty column it leaves for people with nothing to answer sits at the end.
  cards: [{ id: 'inspections-mine', component: OwnerCard, order: 999 }],
};
