/** Test data for the personal hall's residents: ID numbers of persons nobody knows, born on a given day. */
import { idNumberCheckChar } from '@common/validators/id-number';
import type { HallClient } from './harness';

/** A valid ID number of a Fuzhou person born on `birthDate` (`YYYY-MM-DD`); `sequence` 500–999 keeps it clear of the seed. */
export function idNumberBornOn(birthDate: string, sequence: number): string {
  const first17 = `350102${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A resident registration's form, for self or a member. */
export const registrationOf = (person: { kind: 'self' } | { kind: 'member'; memberId: number }) => ({
  person,
  hukouAddress: '福建省福州市鼓楼区五一北路 1 号',
  region: '350100',
  category: 'adult',
  mobile: '13900000021',
});

/** Adds a family member as the signed-in person and answers the member's id; any refusal fails the test. */
export async function addedMember(payer: HallClient, name: string, idNumber: string): Promise<number> {
  const res = await payer.post('/api/me/family', { name, idNumber });
  if (res.status !== 201) throw new Error(`adding a family member: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
