import type { WebModule } from '../../app/registry.js';

export const classificationModule: WebModule = {
  id: 'classification',
};
