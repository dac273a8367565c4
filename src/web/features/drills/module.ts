import type { WebModule } from '../../app/registry.js';

export const drillsModule: WebModule = {
  id: 'drills',
};
