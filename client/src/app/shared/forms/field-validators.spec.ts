import { FormControl } from '@angular/forms';
import { maxLength } from './field-validators';
import { newPassword } from './password-validators';

describe('field validators', () => {
  it('limit a field to its schema’s length (common/api/fields.ts)', () => {
    const remark = new FormControl('x'.repeat(200), { nonNullable: true, validators: [maxLength('remark')] });
    expect(remark.errors).toBeNull();
    remark.setValue('x'.repeat(201));
    expect(remark.errors).toEqual({ TOO_LONG: { max: 200 } });
  });

  it('refuse a new password longer than the server takes', () => {
    const password = new FormControl('Abcdef12'.repeat(25), { nonNullable: true, validators: [newPassword] });
    expect(password.errors).toBeNull();
    password.setValue('Abcdef12'.repeat(25) + 'x');
    expect(password.errors).toEqual({ TOO_LONG: { max: 200 } });
  });
});
