import type { EntryValues } from '../api.js';
import type { EntryDetail } from '../types.js';

export type FormValues = Required<Omit<EntryValues, 'unitId' | 'ownerPersonId' | 'confidentiality'>> & {
  confidentiality: number | null;
  /** Who answers for the information; null: the person registering it. */
  ownerPersonId: string | null;
};

export function emptyValues(): FormValues {
  return {
    title: '',
    description: '',
    form: 'electronic',
    storageLocation: '',
    confidentiality: null,
    integrity: null,
    availability: null,
    restrictions: [],
    retentionUntil: null,
    retentionNote: '',
    accessScope: { personIds: [], unitIds: [] },
    ownerPersonId: null,
  };
}

export function valuesOf(e: EntryDetail): FormValues {
  return {
    title: e.title,
    description: e.description,
    form: e.form,
    storageLocation: e.storageLocation,
    confidentiality: e.confidentiality,
    integrity: e.integrity,
    availability: e.availability,
    restrictions: e.restrictions.map((r) => ({ key: r.key, param: r.param })),
    retentionUntil: e.retentionUntil,
    retentionNote: e.retentionNote,
    accessScope: {
      personIds: e.accessScope.people.map((p) => p.id),
      unitIds: e.accessScope.units.map((u) => u.id),
    },
    ownerPersonId: e.owner.id,
  };
}
