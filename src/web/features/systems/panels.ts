import { type ComponentType, lazy } from 'react';

/**
 * Panels other features show on a system's page (advisories, inspections, findings), below the
 * ledger's own sections, sorted by `order`. A feature adds its entry to this array in its own change.
 */
export interface SystemPanel {
  id: string;
  order: number;
  component: ComponentType<{ systemId: string }>;
}

export const systemPanels: SystemPanel[] = [
  {
    id: 'advisories',
    order: 10,
    component: lazy(() =>
      import('./advisories/SystemAdvisoriesPanel.js').then((m) => ({ default: m.SystemAdvisoriesPanel })),
    ),
  },
  {
    id: 'findings',
    order: 20,
    component: lazy(() =>
      import('./findings/SystemFindingsPanel.js').then((m) => ({ default: m.SystemFindingsPanel })),
    ),
  },
  {
    id: 'inspections',
    order: 30,
    component: lazy(() =>
      import('./inspections/SystemInspectionPanel.js').then((m) => ({ default: m.SystemInspectionPanel })),
    ),
  },
];
