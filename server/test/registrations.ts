/** Test data for unit registration: a valid registration of a new unit, and the CAPTCHA answered through the test hook. */
import type { UnitRegistrationInput } from '@common/api/registration';
import { wuyiBranch } from './declarations';
import type { HallClient } from './harness';

/** A unit the agency has no record of (its credit code's checksum is right). */
export const NEW_UNIT = { creditCode: '91350100MA8RJ4N615', name: '福州榕树数据服务有限公司' } as const;
export const REGISTRATION_PASSWORD = 'Banyan2026x';

/** A registration as the form sends it, less the CAPTCHA. */
export const registration = (overrides: Partial<UnitRegistrationInput> = {}): Omit<UnitRegistrationInput, 'captchaToken' | 'captchaAnswer'> => ({
  creditCode: NEW_UNIT.creditCode,
  unitName: NEW_UNIT.name,
  unitType: 'enterprise',
  address: '福建省福州市仓山区建新南路8号',
  legalRepName: '陈榕生',
  legalRepIdNumber: '350102198001010038',
  legalRepPhone: '13906000001',
  contactName: '林小榕',
  contactPhone: '13906000002',
  contactEmail: 'hr@banyan.example.cn',
  bankCategory: 'ICBC',
  branchCode: wuyiBranch.code,
  accountName: NEW_UNIT.name,
  accountNumber: '1402 0233 0920 0765 432',
  password: REGISTRATION_PASSWORD,
  ...overrides,
});

/** A CAPTCHA with its answer, from a hall started with the test hook. */
export async function answeredCaptcha(client: HallClient): Promise<{ captchaToken: string; captchaAnswer: string }> {
  const res = await client.get('/api/registrations/captcha');
  if (res.status !== 200 || !res.body.testAnswer) throw new Error(`no CAPTCHA answer: ${res.status} ${JSON.stringify(res.body)}`);
  return { captchaToken: res.body.token, captchaAnswer: res.body.testAnswer };
}

/** Registers through a fresh CAPTCHA. */
export async function register(client: HallClient, overrides: Partial<UnitRegistrationInput> = {}) {
  return client.post('/api/registrations', { ...registration(overrides), ...(await answeredCaptcha(client)) });
}
