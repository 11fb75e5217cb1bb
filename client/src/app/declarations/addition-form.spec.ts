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
