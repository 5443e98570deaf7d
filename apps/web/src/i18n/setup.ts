import type { Language } from '@atrium/shared';
import { type BackendModule, createInstance, type i18n, type ResourceKey } from 'i18next';

export type Namespace = 'shared' | 'portal' | 'console';
type Loader = () => Promise<ResourceKey>;

type I18nOptions = {
  language: Language;
  supportedLanguages: readonly Language[];
  namespaces: readonly Namespace[];
  /** English is bundled: it is the fallback and must be there before the first render. */
  english: Partial<Record<Namespace, ResourceKey>>;
  /** Other languages, loaded on demand and keyed by their path (`./locales/fr/portal.json`). */
  loaders?: Record<string, Loader>;
};

/**
 * Builds one app's i18next instance. Resolves once the starting language is loaded, so the first
 * render is already in the right language. `<html lang>` follows every language change.
 */
export async function createI18n(options: I18nOptions): Promise<i18n> {
  const instance = createInstance();
  if (options.loaders) instance.use(lazyBackend(options.loaders));
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await instance.init({
    lng: options.language,
    fallbackLng: 'en',
    supportedLngs: options.supportedLanguages,
    load: 'currentOnly',
    ns: options.namespaces,
    defaultNS: 'shared',
    resources: { en: options.english },
    partialBundledLanguages: true,
    returnEmptyString: false,
    // React escapes what it renders; escaping here too would show entities.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

function lazyBackend(loaders: Record<string, Loader>): BackendModule {
  return {
    type: 'backend',
    callbackApi: true,
    init() {},
    read(language, namespace, callback) {
      const load = loaders[`./locales/${language}/${namespace}.json`];
      if (!load) {
        callback(new Error(`No ${namespace} translations for ${language}`), false);
        return;
      }
      load().then(
        (resources) => callback(null, resources),
        (error: unknown) => callback(error instanceof Error ? error : String(error), false),
      );
    },
  };
}
