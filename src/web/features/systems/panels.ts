import type { ComponentType } from 'react';

/**
 * Panels other features show on a system's page (advisories, inspections, findings), below the
 * ledger's own sections, sorted by `order`. A feature adds its entry to this array in its own change.
 */
export interface SystemPanel {
  id: string;
  order: number;
  component: ComponentType<{ systemId: string }>;
}

export const systemPanels: SystemPanel[] = [];
