/** Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86. */
export function normaliseMobile(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  return match ? match[1] : null;
}

/** A mobile, or a landline with optional area code and extension: 0591-87654321, 87654321-205. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim();
  const mobile = normaliseMobile(compact);
  if (mobile !== null) return mobile;
  return /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/.test(compact) ? compact : null;
}

export function isEmail(raw: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(raw);
}

/** Bank account numbers are 10–30 digits; Luhn is only advisory because many real accounts fail it. */
export function isBankAccountNumber(raw: string): boolean {
  return /^\d{10,30}$/.test(raw);
}

/** Account numbers are often written in groups of four; the digits are what count. */
export function compactAccountNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
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
