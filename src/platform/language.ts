import type { AcceptLanguage } from '../aws/serviceCatalogApi';

/** Service Catalog's language code for a VS Code display language: `ja` → `jp`, `zh-*` → `zh`, else `en`. */
export function acceptLanguageFor(displayLanguage: string): AcceptLanguage {
  const language = displayLanguage.toLowerCase();
  if (language === 'ja' || language.startsWith('ja-')) {
    return 'jp';
  }
  if (language === 'zh' || language.startsWith('zh-')) {
    return 'zh';
  }
  return 'en';
}
