import { IconBuildingStore, IconCloud, IconSocial } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { VendorCard } from './VendorCard.js';

const view = ['vendor.view', 'vendor.manage'] as const;

// The cloud and SNS pages have no route permission: a service's responsible person or an account's
// 管理担当者 may hold no vendor permission and still sees (and confirms) their own.
export const vendorsModule: WebModule = {
  id: 'vendors',
  navSection: 'check',
  routes: [
    { path: 'vendors/cloud', component: lazy(() => import('./CloudPage.js')) },
    { path: 'vendors/sns', component: lazy(() => import('./SnsPage.js')) },
    { path: 'vendors/sns/:id', component: lazy(() => import('./SnsAccountPage.js')) },
    { path: 'vendors/contracts', component: lazy(() => import('./ContractsPage.js')), permission: view },
    { path: 'vendors/contracts/:id', component: lazy(() => import('./ContractPage.js')), permission: view },
    { path: 'vendors/spec', component: lazy(() => import('./SpecPage.js')), permission: view },
  ],
  nav: [
    {
      id: 'vendors-cloud',
      label: 'vendors:nav.cloud',
      path: '/vendors/cloud',
      icon: IconCloud,
      permission: view,
      order: 40,
    },
    {
      id: 'vendors-sns',
      label: 'vendors:nav.sns',
      path: '/vendors/sns',
      icon: IconSocial,
      permission: view,
      order: 41,
    },
    {
      id: 'vendors-contracts',
      label: 'vendors:nav.contracts',
      path: '/vendors/contracts',
      icon: IconBuildingStore,
      permission: view,
      order: 42,
    },
  ],
  cards: [{ id: 'vendors', component: VendorCard, permission: view, order: 60 }],
};
