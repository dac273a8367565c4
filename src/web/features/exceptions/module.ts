import { IconFileAlert } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { ExceptionsCard } from './ExceptionsCard.js';

// Anyone signed in may request an exception; the register of a subtree is for approvers and auditors.
export const exceptionsModule: WebModule = {
  id: 'exceptions',
  navSection: 'check',
  routes: [
    { path: 'exceptions', component: lazy(() => import('./ExceptionsPage.js')) },
    { path: 'exceptions/new', component: lazy(() => import('./ExceptionFormPage.js')) },
    { path: 'exceptions/:id', component: lazy(() => import('./ExceptionPage.js')) },
    { path: 'exceptions/:id/edit', component: lazy(() => import('./ExceptionFormPage.js')) },
  ],
  nav: [
    {
      id: 'exceptions',
      label: 'exceptions:nav',
      path: '/exceptions',
      icon: IconFileAlert,
      order: 30,
      tenantKind: 'agency',
    },
  ],
  cards: [
    {
      id: 'exceptions',
      component: ExceptionsCard,
      permission: ['exception.view', 'exception.approve'],
      tenantKind: 'agency',
      order: 36,
    },
  ],
};
