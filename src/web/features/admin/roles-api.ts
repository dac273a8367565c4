import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Page, Role, RoleHolder } from '../../app/types.js';

export const ROLES_KEY = ['roles'] as const;

/** The agency's role catalog (roles are data: renamed and extended per agency). */
export function useRoles() {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: async () => (await api<{ items: Role[] }>('/roles')).items,
    staleTime: 60_000,
  });
}

export function useRoleHolders(roleId: string | null, page: number) {
  return useQuery({
    queryKey: ['roles', roleId, 'holders', page],
    queryFn: () => api<Page<RoleHolder>>(`/roles/${roleId}/holders`, { query: { page, pageSize: 20 } }),
    enabled: !!roleId,
    placeholderData: keepPreviousData,
  });
}

/** A role's name in the UI language (both names are required data). */
export function roleName(role: { nameJa: string; nameEn: string }, lang: string): string {
  return lang === 'en' ? role.nameEn : role.nameJa;
}
