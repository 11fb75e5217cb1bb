import { YUAN_INPUTS } from '@common/validators/yuan-inputs';
import { additionForm, additionInput } from './addition-form';

describe('additionForm', () => {
  const options = { months: ['202611', '202612'], insuranceTypes: ['310', '330', '510'] as const, cutoffDay: 25 };

  it('starts with the first allowed month, a resident ID and every insurance type ticked', () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    expect(form.controls.effectiveMonth.value).toBe('202611');
    expect(form.controls.idType.value).toBe('01');
    expect(form.controls.insuranceTypes.value).toEqual({ '310': true, '330': true, '510': true });
  });

  it('checks the ID number again when the ID type changes', () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    form.controls.idNumber.setValue('935840199003071233');
    expect(form.controls.idNumber.errors).toEqual({ ID_NUMBER_PROVINCE: true });
    form.controls.idType.setValue('07');
    expect(form.controls.idNumber.errors).toBeNull();
  });

  it("checks the person's name by the rule the server applies", () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    const cases: [string, object | null][] = [
      ['买买提·艾力', null],
      ["Anne-Marie O'Brien", null],
      ['José\u00a0Núñez', null],
      ['=1+1', { NAME_FORMAT: true }],
      ['王小明2', { NAME_FORMAT: true }],
      ['王\u200b小明', { NAME_INVISIBLE_CHARACTER: true }],
      ['\u202e王小明', { NAME_INVISIBLE_CHARACTER: true }],
      ['', { REQUIRED: true }],
      ['A'.repeat(51), { TOO_LONG: { max: 50 } }],
    ];
    for (const [name, errors] of cases) {
      form.controls.name.setValue(name);
      expect(form.controls.name.errors).withContext(JSON.stringify(name)).toEqual(errors);
    }
  });

  it('names a zero-width space in the ID number instead of calling the number wrong', () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    form.controls.idNumber.setValue('110105194912\u200b31002X');
    expect(form.controls.idNumber.errors).toEqual({ ID_NUMBER_INVISIBLE_CHARACTER: true });
  });

  it('reads the wage by the same table of inputs as the importer (common/validators/yuan-inputs.ts)', () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    for (const { text, fen } of YUAN_INPUTS) {
      form.controls.wage.setValue(text);
      if (fen === null) {
        expect(form.controls.wage.errors).withContext(text).toEqual({ AMOUNT_FORMAT: true });
      } else {
        expect(form.controls.wage.errors).withContext(text).toBeNull();
        expect(additionInput(form).wageFen).withContext(text).toBe(fen);
      }
    }
  });

  it('makes the request with the wage in fen and optional fields left out', () => {
    const form = additionForm({ ...options, insuranceTypes: [...options.insuranceTypes] });
    form.patchValue({
      name: ' 王小明 ',
      idNumber: '11010519491231002x',
      hukouType: 'rural',
      mobile: '13800138000',
      wage: '8000.5',
      ethnicity: ' ',
      insuranceTypes: { '330': false },
    });
    expect(JSON.parse(JSON.stringify(additionInput(form)))).toEqual({
      name: '王小明',
      idType: '01',
      idNumber: '11010519491231002X',
      hukouType: 'rural',
      mobile: '13800138000',
      effectiveMonth: '202611',
      wageFen: 800050,
      personnelCategory: 'in_service',
      insuranceTypes: ['310', '510'],
    });
  });
});
