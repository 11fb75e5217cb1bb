import { HttpErrorResponse } from '@angular/common/http';
import { FormArray, FormControl, FormGroup } from '@angular/forms';
import type { ApiErrorBody } from '@common/errors';
import { validationFailed } from '../../../testing/answers';
import { applyServerErrors } from './server-errors';

function answer(body: ApiErrorBody, status = 400): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body });
}

describe('applyServerErrors', () => {
  function form() {
    return new FormGroup({
      mobile: new FormControl('', { nonNullable: true }),
      rows: new FormArray([new FormGroup({ idNumber: new FormControl('', { nonNullable: true }) })]),
    });
  }

  it('puts each field error on its control, by dotted path, as its code', () => {
    const target = form();
    const placed = applyServerErrors(
      target,
      answer({
        code: 'VALIDATION_FAILED',
        message: '',
        details: {
          fields: [
            { field: 'mobile', code: 'MOBILE_FORMAT', message: 'm' },
            { field: 'rows.0.idNumber', code: 'ID_NUMBER_CHECKSUM', message: 'c' },
          ],
        },
      }),
    );

    expect(placed).toBeTrue();
    expect(target.controls.mobile.errors).toEqual({ MOBILE_FORMAT: { server: 'm' } });
    expect(target.controls.mobile.touched).toBeTrue();
    expect(target.get('rows.0.idNumber')?.hasError('ID_NUMBER_CHECKSUM')).toBeTrue();
  });

  it('places a request field on the control that holds it in another shape', () => {
    const target = form();
    const body = validationFailed(['mobileNumber', 'MOBILE_FORMAT']) as ApiErrorBody;
    expect(applyServerErrors(target, answer(body), { mobileNumber: 'mobile' })).toBeTrue();
    expect(target.controls.mobile.hasError('MOBILE_FORMAT')).toBeTrue();
  });

  it('reports a field it cannot place, so the caller shows the error as a whole', () => {
    const target = form();
    const placed = applyServerErrors(
      target,
      answer({
        code: 'VALIDATION_FAILED',
        message: '',
        details: { fields: [{ field: 'unknown', code: 'REQUIRED', message: '' }] },
      }),
    );
    expect(placed).toBeFalse();
  });

  it('leaves other errors to the caller', () => {
    expect(applyServerErrors(form(), answer({ code: 'LOGIN_FAILED', message: '' }, 401))).toBeFalse();
    expect(applyServerErrors(form(), new Error('boom'))).toBeFalse();
  });

  it('lets the user clear a server error by editing the field', () => {
    const target = form();
    applyServerErrors(
      target,
      answer({
        code: 'VALIDATION_FAILED',
        message: '',
        details: { fields: [{ field: 'mobile', code: 'MOBILE_FORMAT', message: '' }] },
      }),
    );
    target.controls.mobile.setValue('13800138000');
    expect(target.controls.mobile.errors).toBeNull();
  });
});
