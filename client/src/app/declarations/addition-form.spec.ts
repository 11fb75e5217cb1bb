import { additionForm, additionInput, parseYuan } from './addition-form';

describe('parseYuan', () => {
  it('reads yuan as integer fen from the digits, never through a float', () => {
    expect(parseYuan('8000.5')).toBe(800050);
    expect(parseYuan('8000.05')).toBe(800005);
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan(' 12,345.67 ')).toBe(1234567);
    expect(parseYuan('4800')).toBe(480000);
  });

  it('refuses what is not an amount with at most two decimals', () => {
    for (const text of ['', '8000.555', '-1', '1e4', '8 000', 'abc', '.5']) expect(parseYuan(text)).withContext(text).toBeNull();
  });
});

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
