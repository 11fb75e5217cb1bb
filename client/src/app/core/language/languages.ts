export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '@common/i18n';
