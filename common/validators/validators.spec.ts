import { checkCreditCode } from './credit-code';
import { compactAccountNumber, isBankAccountNumber, isEmail, normaliseMobile, normalisePhone, passesLuhn } from './contact';
import { checkIdNumber, checkIdNumberOfType, maskIdNumber } from './id-number';
import { passwordProblem } from './password';
import { checkPersonName } from './person-name';

const today = new Date('2026-11-24T00:00:00Z');

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the reference numbers and derives sex and birth date', () => {
    const result = checkIdNumber('11010519491231002x', today);
    expect(result).toEqual({ ok: true, facts: { idNumber: '11010519491231002X', sex: 'female', birthDate: '1949-12-31' } });
    expect(checkIdNumber('810000199408230021', today).ok).toBeTrue();
  });

  it('names what is wrong with a bad number', () => {
    const problem = (raw: string) => {
      const r = checkIdNumber(raw, today);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('340524198001010013')).toBe('ID_NUMBER_CHECKSUM');
    expect(problem('110105491231002')).toBe('ID_NUMBER_LEGACY_15');
    expect(problem('1101051949123100')).toBe('ID_NUMBER_FORMAT');
    expect(problem('990105194912310021')).toBe('ID_NUMBER_PROVINCE');
    expect(problem('110105194902300021')).toBe('ID_NUMBER_BIRTH_DATE');
    expect(problem('110105202712310021')).toBe('ID_NUMBER_BIRTH_DATE');
    expect(problem('  ')).toBe('ID_NUMBER_REQUIRED');
  });

  it('checks residence permits and foreigner permanent residence IDs by their own rules', () => {
    const problem = (type: '01' | '06' | '07', raw: string) => {
      const r = checkIdNumberOfType(type, raw, today);
      return r.ok ? r.facts : r.problem;
    };
    expect(problem('06', '810000199408230021')).toEqual({ idNumber: '810000199408230021', sex: 'female', birthDate: '1994-08-23' });
    expect(problem('06', '11010519491231002X')).toBe('ID_NUMBER_PROVINCE');
    expect(problem('07', '935840199001010015')).toEqual({ idNumber: '935840199001010015', sex: 'male', birthDate: '1990-01-01' });
    expect(problem('07', '935840199001010016')).toBe('ID_NUMBER_CHECKSUM');
    expect(problem('07', 'usa350501010022')).toEqual({ idNumber: 'USA350501010022', sex: 'female', birthDate: '2005-01-01' });
    expect(problem('07', 'USA352701010012')).toEqual(jasmine.objectContaining({ birthDate: '1927-01-01' }));
    expect(problem('07', 'USA358513010012')).toBe('ID_NUMBER_BIRTH_DATE');
    expect(problem('07', '11010519491231002X')).toBe('ID_NUMBER_FORMAT');
  });

  it('names an invisible character pasted into the number instead of calling it too long', () => {
    const cases: [string, string][] = [
      ['zero-width space inside', '110105194912\u200b31002X'],
      ['byte order mark in front', '\ufeff11010519491231002X'],
      ['left-to-right mark at the end', '11010519491231002X\u200e'],
      ['right-to-left override', '\u202e11010519491231002X'],
      ['first strong isolate', '\u206811010519491231002X'],
      ['word joiner', '1101051949\u206031002X'],
    ];
    for (const [what, raw] of cases) {
      const result = checkIdNumberOfType('01', raw, today);
      expect(result.ok ? 'ok' : result.problem)
        .withContext(what)
        .toBe('ID_NUMBER_INVISIBLE_CHARACTER');
    }
  });

  it('masks the middle for lists', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts the reference code and refuses a changed check character', () => {
    expect(checkCreditCode('91350100m000100y43')).toEqual({ ok: true, creditCode: '91350100M000100Y43' });
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'CREDIT_CODE_CHECKSUM' });
    expect(checkCreditCode('91350100I000100Y43')).toEqual({ ok: false, problem: 'CREDIT_CODE_FORMAT' });
  });
});

describe('contact numbers', () => {
  it('normalises mainland mobiles and refuses others', () => {
    expect(normaliseMobile('+86 138-0000-0001')).toBe('13800000001');
    expect(normaliseMobile('12800000001')).toBeNull();
    expect(normaliseMobile('1380000000')).toBeNull();
  });

  it('checks bank account length and offers Luhn only as advice', () => {
    expect(isBankAccountNumber('6222021001115678901')).toBeTrue();
    expect(isBankAccountNumber('622202100')).toBeFalse();
    expect(isBankAccountNumber('62220210011156789O1')).toBeFalse();
    expect(passesLuhn('4111111111111111')).toBeTrue();
    expect(passesLuhn('4111111111111112')).toBeFalse();
    expect(compactAccountNumber('6222 0210 0111 5678 901')).toBe('6222021001115678901');
  });

  it('takes a mobile or a landline with area code and extension as a phone', () => {
    expect(normalisePhone('+86 13900000001')).toBe('13900000001');
    expect(normalisePhone('0591-87654321')).toBe('0591-87654321');
    expect(normalisePhone('87654321-205')).toBe('87654321-205');
    expect(normalisePhone('0591-123')).toBeNull();
    expect(normalisePhone('hr@example.cn')).toBeNull();
  });

  it('checks the shape of an email address', () => {
    expect(isEmail('hr1@example.cn')).toBeTrue();
    expect(isEmail('hr1@example')).toBeFalse();
    expect(isEmail('hr 1@example.cn')).toBeFalse();
  });
});

describe('passwords being set', () => {
  it('needs 8 characters with a letter and a digit', () => {
    expect(passwordProblem('Harbour7')).toBeNull();
    expect(passwordProblem('Harbou7')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('Harbourxx')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('12345678')).toBe('PASSWORD_WEAK');
  });

  it('refuses common passwords and the published demo ones, whatever the case', () => {
    for (const common of ['password1', 'Passw0rd', 'QWERTY123', '1qaz2wsx', 'woaini1314', 'Admin2026', 'Agent2026', 'Review2026']) {
      expect(passwordProblem(common)).withContext(common).toBe('PASSWORD_COMMON');
    }
  });

  it("refuses one containing the account's login or mobile", () => {
    expect(passwordProblem('my13800000001', ['13800000001'])).toBe('PASSWORD_CONTAINS_LOGIN');
    expect(passwordProblem('x91350100m000100y43', ['91350100M000100Y43'])).toBe('PASSWORD_CONTAINS_LOGIN');
    expect(passwordProblem('Harbour7', ['13800000001'])).toBeNull();
  });
});

describe("a person's name", () => {
  const checked = (raw: string) => {
    const result = checkPersonName(raw);
    return result.ok ? result.name : result.problem;
  };

  it('takes letters of any script with middle dots, inner spaces, apostrophes and hyphens', () => {
    const names: [string, string][] = [
      ['Han name', '王小明'],
      ['minority name with the middle dot', '买买提·艾力'],
      ['Latin name with a space', 'Anna Smith'],
      ['apostrophe', "Seán O'Brien"],
      ['hyphen', 'Anne-Marie Dupont'],
      ['accents', 'José Núñez'],
      ['initials and a final full stop', 'J. R. Smith Jr.'],
      ['Cyrillic', 'Пётр Иванов'],
      ['Arabic', 'محمد علي'],
      ['Devanagari with its combining marks', 'अनिल कुमार'],
      ['Korean', '김민준'],
      ['Thai with its combining marks', 'สมชาย ใจดี'],
    ];
    for (const [what, name] of names) expect(checked(name)).withContext(what).toBe(name);
  });

  it('stores one form of a name: no-break and ideographic spaces, runs of spaces, decomposed accents, dot look-alikes', () => {
    const cases: [string, string, string][] = [
      ['no-break space', 'José\u00a0Núñez', 'José Núñez'],
      ['ideographic space and a run of spaces', 'Anna\u3000  Smith', 'Anna Smith'],
      ['spaces around', '  王小明 ', '王小明'],
      ['decomposed accent (NFD)', 'Jose\u0301', 'José'],
      ['bullet for the middle dot', '买买提•艾力', '买买提·艾力'],
      ['fullwidth full stop for the middle dot', '买买提．艾力', '买买提·艾力'],
      ['katakana middle dot', '买买提・艾力', '买买提·艾力'],
      ['spaces around the middle dot', '买买提 · 艾力', '买买提·艾力'],
      ['typographic apostrophe', 'O’Brien', "O'Brien"],
    ];
    for (const [what, raw, stored] of cases) expect(checked(raw)).withContext(what).toBe(stored);
  });

  it('refuses digits, formulas and symbols', () => {
    const cases: [string, string][] = [
      ['digits', '王小明2'],
      ['only digits', '12345'],
      ['formula with =', '=HYPERLINK("http://x","y")'],
      ['formula with +', '+王小明'],
      ['formula with -', '-王小明'],
      ['formula with @', '@SUM(A1)'],
      ['fullwidth digit', '王小明１'],
      ['only a middle dot', '·'],
      ['a dot at the start', '·艾力'],
      ['two separators in a row', 'Anne--Marie'],
      ['angle brackets', '<b>王</b>'],
    ];
    for (const [what, raw] of cases) expect(checked(raw)).withContext(what).toBe('NAME_FORMAT');
  });

  it('refuses NUL, control characters, bidi controls and zero-width characters anywhere', () => {
    const cases: [string, string][] = [
      ['NUL', '王\u0000小明'],
      ['tab', 'Anna\tSmith'],
      ['line feed', '王小明\n'],
      ['DEL', '王小明\u007f'],
      ['C1 control', '王\u0085小明'],
      ['right-to-left override', 'Anna\u202eSmith'],
      ['left-to-right isolate', '\u2066王小明\u2069'],
      ['right-to-left mark', '王小明\u200f'],
      ['zero-width space inside', '王\u200b小明'],
      ['zero-width joiner', 'Anna\u200dSmith'],
      ['word joiner', '王\u2060小明'],
      ['byte order mark', '\ufeff王小明'],
      ['only zero-width characters', '\u200b\u200c\ufeff'],
    ];
    for (const [what, raw] of cases) expect(checked(raw)).withContext(what).toBe('NAME_INVISIBLE_CHARACTER');
  });

  it('requires a name and keeps to 50 characters after normalising', () => {
    expect(checked('')).toBe('REQUIRED');
    expect(checked(' \u00a0\u3000 ')).toBe('REQUIRED');
    expect(checked('A'.repeat(50))).toBe('A'.repeat(50));
    expect(checked('A'.repeat(51))).toBe('TOO_LONG');
    expect(checked(`${'A'.repeat(25)}   ${'B'.repeat(24)}`)).toBe(`${'A'.repeat(25)} ${'B'.repeat(24)}`);
  });
});
