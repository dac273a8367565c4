import { MAMORU_NS } from './ids.js';

// The subset of the OSCAL 1.1.2 JSON models Mamoru writes (field names as in the JSON format). The
// schemas in ./schemas/ check the same subset; see docs/oscal.md for what each field carries.

export interface Prop {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  remarks?: string;
}

export interface Link {
  href: string;
  rel?: string;
  'media-type'?: string;
  text?: string;
}

export interface Part {
  id?: string;
  name: string;
  ns?: string;
  class?: string;
  title?: string;
  props?: Prop[];
  prose?: string;
  parts?: Part[];
}

export interface Metadata {
  title: string;
  published?: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: Prop[];
  links?: Link[];
  remarks?: string;
}

export interface Resource {
  uuid: string;
  title?: string;
  description?: string;
  props?: Prop[];
  rlinks?: { href: string; 'media-type'?: string }[];
  base64?: { filename?: string; 'media-type'?: string; value: string };
  remarks?: string;
}

export interface BackMatter {
  resources: Resource[];
}

export interface Control {
  id: string;
  class?: string;
  title: string;
  props?: Prop[];
  parts?: Part[];
}

export interface Group {
  id?: string;
  class?: string;
  title: string;
  props?: Prop[];
  groups?: Group[];
  controls?: Control[];
}

export interface OscalCatalog {
  catalog: {
    uuid: string;
    metadata: Metadata;
    groups?: Group[];
    controls?: Control[];
    'back-matter'?: BackMatter;
  };
}

export interface Alter {
  'control-id': string;
  removes?: { 'by-id'?: string; 'by-name'?: string }[];
  adds?: {
    position?: 'before' | 'after' | 'starting' | 'ending';
    'by-id'?: string;
    props?: Prop[];
    parts?: Part[];
  }[];
}

export interface ProfileImport {
  href: string;
  'include-all'?: Record<string, never>;
  'include-controls'?: { 'with-ids': string[] }[];
}

export interface OscalProfile {
  profile: {
    uuid: string;
    metadata: Metadata;
    imports: ProfileImport[];
    merge?: { 'as-is': boolean };
    modify?: { alters: Alter[] };
    'back-matter'?: BackMatter;
  };
}

export interface Observation {
  uuid: string;
  title?: string;
  description: string;
  props?: Prop[];
  methods: ('EXAMINE' | 'INTERVIEW' | 'TEST' | 'UNKNOWN')[];
  collected: string;
  remarks?: string;
}

export interface Finding {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  target: {
    type: 'statement-id' | 'objective-id';
    'target-id': string;
    props?: Prop[];
    status: { state: 'satisfied' | 'not-satisfied'; reason?: string };
  };
  'related-observations'?: { 'observation-uuid': string }[];
}

export interface AssessmentResult {
  uuid: string;
  title: string;
  description: string;
  start: string;
  end?: string;
  props?: Prop[];
  'reviewed-controls': {
    'control-selections': {
      description?: string;
      'include-all'?: Record<string, never>;
      'include-controls'?: { 'control-id': string }[];
    }[];
  };
  observations?: Observation[];
  findings?: Finding[];
  remarks?: string;
}

export interface OscalAssessmentResults {
  'assessment-results': {
    uuid: string;
    metadata: Metadata;
    'import-ap': { href: string; remarks?: string };
    results: AssessmentResult[];
    'back-matter'?: BackMatter;
  };
}

/** A prop of Mamoru's namespace; empty values are left out (OSCAL values are never blank). */
export function mprop(
  name: string,
  value: string | number | boolean | null | undefined,
  cls?: string,
): Prop[] {
  if (value === null || value === undefined) return [];
  const v = String(value).replace(/\s+/g, ' ').trim();
  if (!v) return [];
  return [{ name, ns: MAMORU_NS, value: v, ...(cls ? { class: cls } : {}) }];
}

/** `{ key: list }` when the list has entries: OSCAL arrays are never empty (minItems 1). */
export function nonEmpty<K extends string, T>(key: K, list: T[]): { [P in K]?: T[] } {
  return (list.length ? { [key]: list } : {}) as { [P in K]?: T[] };
}
