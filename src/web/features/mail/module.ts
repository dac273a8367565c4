import { IconMailExclamation } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import type { Permission } from '../../app/types.js';

// Whoever manages a module that sends reminders or notices (the server scopes the list per module).
const MANAGERS: readonly Permission[] = ['selfcheck.manage', 'training.manage', 'classification.manage'];

export const mailModule: WebModule = {
  id: 'mail',
  routes: [
    { path: 'mail/failures', component: lazy(() => import('./MailFailuresPage.js')), permission: MANAGERS },
  ],
  nav: [
    {
      id: 'mail-failures',
      label: 'mail:nav',
      path: '/mail/failures',
      icon: IconMailExclamation,
      permission: MANAGERS,
      tenantKind: 'agency',
      order: 85,
    },
  ],
};
