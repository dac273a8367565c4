import type { Locale } from '../modules/accounts/schema.js';

/** The caller's language: their saved setting, else the first ja/en in Accept-Language, else Japanese. */
export function negotiateLocale(
  saved: Locale | null | undefined,
  acceptLanguage: string | undefined,
): Locale {
  if (saved) return saved;
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.q > 0 && (r.lang === 'ja' || r.lang === 'en')) return r.lang;
  return 'ja';
}
