/** A person's registration for the personal hall, as the tests send it. */
import type { PersonRegistrationInput } from '@common/api/personal';
import type { HallClient } from './harness';
import { newIdNumber } from './declarations';
import { answeredCaptcha } from './registrations';

export const PERSON_PASSWORD = 'Lotus2026x';

/** A person the hall does not know yet (ID numbers 95x are used by no other test). */
export const NEW_PERSON = { name: '林晓岚', idNumber: newIdNumber(951), mobile: '13600000951' } as const;

export function personRegistration(
  overrides: Partial<PersonRegistrationInput> = {},
): Omit<PersonRegistrationInput, 'captchaToken' | 'captchaAnswer'> {
  return { ...NEW_PERSON, password: PERSON_PASSWORD, ...overrides };
}

/** Registers through a fresh CAPTCHA. */
export async function registerPerson(client: HallClient, overrides: Partial<PersonRegistrationInput> = {}) {
  return client.post('/api/persons/registrations', { ...personRegistration(overrides), ...(await answeredCaptcha(client)) });
}
