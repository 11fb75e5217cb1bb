import path from 'node:path';
import { Messages, pickLanguage } from './i18n';

describe("the server's wording of messages", () => {
  const messages = new Messages(path.resolve(import.meta.dirname, '../../../client/public/i18n'));

  it('fills placeholders from the params, leaving one without a value empty rather than "undefined"', () => {
    expect(messages.t('en', 'errors.UPLOAD_TOO_MANY_ROWS', { max: 20000, rows: 20001 })).toBe(
      'A file may hold at most 20000 data rows; this one has 20001. Please split it.',
    );
    expect(messages.t('en', 'errors.LOGIN_THROTTLED')).toBe('Too many sign-in attempts. Try again in  seconds.');
  });

  it('answers the key itself when it names no text, or a whole section', () => {
    expect(messages.t('en', 'errors.NO_SUCH_CODE')).toBe('errors.NO_SUCH_CODE');
    expect(messages.t('en', 'errors')).toBe('errors');
  });

  it("picks the first supported language of the caller's Accept-Language, Chinese otherwise", () => {
    expect(pickLanguage('fr-FR, es;q=0.8, en;q=0.5')).toBe('es');
    expect(pickLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(pickLanguage('zh-TW')).toBe('zh-CN');
    expect(pickLanguage('fr')).toBe('zh-CN');
    expect(pickLanguage(undefined)).toBe('zh-CN');
  });
});
