import type { WebModule } from '../../app/registry.js';

export const trainingModule: WebModule = {
  id: 'training',
};
