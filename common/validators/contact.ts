/** Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86. */
export function normaliseMobile(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  return match ? match[1] : null;
}

/** Bank account numbers are 10–30 digits; Luhn is only advisory because many real accounts fail it. */
export function isBankAccountNumber(raw: string): boolean {
  return /^\d{10,30}$/.test(raw);
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
