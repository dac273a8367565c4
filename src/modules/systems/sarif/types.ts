// The few SARIF 2.1.0 shapes Mamoru writes (OASIS SARIF 2.1.0 names). @types/sarif would give the full
// model; these are enough for what findingsToSarif emits, and sarif.schema.json checks the same subset.

export interface SarifMessage {
  text: string;
}

export interface SarifRule {
  id: string;
  shortDescription?: SarifMessage;
  help?: SarifMessage;
  properties?: { tags?: string[] };
}

export interface SarifLogicalLocation {
  name: string;
  fullyQualifiedName?: string;
  kind?: string;
}

export interface SarifLocation {
  physicalLocation?: { artifactLocation: { uri: string } };
  logicalLocations?: SarifLogicalLocation[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'none' | 'note' | 'warning' | 'error';
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: {
    kind: 'inSource' | 'external';
    status?: 'accepted' | 'underReview' | 'rejected';
    justification?: string;
  }[];
  properties?: Record<string, string | number>;
}

export interface SarifRun {
  tool: { driver: { name: string; informationUri?: string; rules: SarifRule[] } };
  results: SarifResult[];
}

export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: SarifRun[];
}
