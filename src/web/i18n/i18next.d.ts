import 'i18next';
import type { resources } from './resources.js';

// Translation keys are checked at compile time against the Japanese files (the reference language);
// i18n.test.ts checks that the English files have exactly the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['ja'];
  }
}
