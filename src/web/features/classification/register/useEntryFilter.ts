import { useSearchParams } from 'react-router';
import { type EntryFilter, emptyEntryFilter } from '../api.js';

/** The register's filters live in the URL, so a filtered list can be linked to (e.g. "reviews due"). */
export function useEntryFilter(): [EntryFilter, (patch: Partial<EntryFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter: EntryFilter = {
    unitId: params.get('unitId'),
    confidentiality: params.get('confidentiality') ?? '',
    restriction: params.get('restriction') ?? '',
    status: params.get('status') ?? '',
    reviewDue: params.get('reviewDue') === 'true',
    q: params.get('q') ?? '',
    page: Number(params.get('page') ?? 1) || 1,
  };
  const update = (patch: Partial<EntryFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v === emptyEntryFilter[k as keyof EntryFilter] || v === null || v === '') continue;
      out.set(k, String(v));
    }
    setParams(out, { replace: true });
  };
  return [filter, update];
}
