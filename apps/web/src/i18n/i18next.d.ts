import type consoleEn from './locales/en/console.json';
import type portalEn from './locales/en/portal.json';
import type sharedEn from './locales/en/shared.json';

// Types every `t('…')` key against the English resources, so a typo or a removed key fails
// `tsc`; i18n.test.ts then checks the other languages against English.
declare module 'i18next' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation only merges into an interface
  interface CustomTypeOptions {
    defaultNS: 'shared';
    resources: {
      shared: typeof sharedEn;
      portal: typeof portalEn;
      console: typeof consoleEn;
    };
  }
}
