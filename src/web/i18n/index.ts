import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { namespaces, resources } from './resources.js';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'mamoru.lang';

/** The language chosen on this device before login; Japanese unless the user picked English. */
function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'ja',
  supportedLngs: LANGS,
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

function reflect(lng: string) {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}
reflect(i18n.language);
i18n.on('languageChanged', reflect);

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'ja';
}

export default i18n;
