import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.js';
import { useAuth } from './auth.js';
import { holds } from './policy.js';
import type { Unit } from './types.js';

export const UNITS_KEY = ['org', 'units'] as const;

/** Every org unit in the user's org.read scope (flat; the tree is built where it is shown). */
export function useUnits() {
  const { me } = useAuth();
  return useQuery({
    queryKey: UNITS_KEY,
    queryFn: async () => (await api<{ items: Unit[] }>('/org/units')).items,
    enabled: holds(me, 'org.read'),
    staleTime: 60_000,
  });
}

export function useUnitIndex(): Map<string, Unit> {
  const { data } = useUnits();
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u])), [data]);
}

/** A name from data in the UI language: the English name when there is one, else the Japanese. */
export function localName(x: { nameJa: string; nameEn: string | null | undefined }, lang: string): string {
  return lang === 'en' && x.nameEn ? x.nameEn : x.nameJa;
}

export function useLocalName() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return (x: { nameJa: string; nameEn: string | null | undefined }) => localName(x, lang);
}

/** The name of a unit by id in the UI language, falling back to the name the server sent. */
export function useUnitLabel() {
  const index = useUnitIndex();
  const name = useLocalName();
  return (unitId: string, fallback: string) => {
    const unit = index.get(unitId);
    return unit ? name(unit) : fallback;
  };
}
