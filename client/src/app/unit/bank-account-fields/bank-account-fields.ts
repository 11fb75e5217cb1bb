import { Component, inject, Injector, input, runInInjectionContext, type OnInit, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { BANK_CATEGORIES, type BankBranch, type BankCategory } from '@common/api/maintenance';
import { compactAccountNumber, isBankAccountNumber, passesLuhn } from '@common/validators/contact';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { BankBranchChoice } from '../bank-branch-choice';

/** The controls of a bank account, in whichever form holds them. */
export interface BankAccountControls {
  bankCategory: FormControl<BankCategory | ''>;
  branch: FormControl<BankBranch | string>;
  accountName: FormControl<string>;
  accountNumber: FormControl<string>;
}

/**
 * A unit's bank account: the bank, a branch found by keyword, short name or pinyin initials as the user types,
 * the account name and the number; the bank account dialog's and the registration page's. Test ids start with
 * `testId`: `-category`, `-branch`, `-branch-option`, `-account-name`, `-account-number`, `-luhn-warning`.
 */
@Component({
  selector: 'app-bank-account-fields',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  templateUrl: './bank-account-fields.html',
  styleUrl: './bank-account-fields.scss',
})
export class BankAccountFields implements OnInit {
  private readonly injector = inject(Injector);

  /** The form (or group) holding the account's controls. */
  readonly form = input.required<{ controls: BankAccountControls }>();
  readonly testId = input.required<string>();
  /** Where branches are looked up: the public registration page asks its own endpoint. */
  readonly branchesUrl = input<string>();
  /** Translation key of a hint under the account name. */
  readonly accountNameHint = input<string>();

  protected readonly banks = BANK_CATEGORIES;
  protected controls!: BankAccountControls;
  protected branchChoice!: BankBranchChoice;
  /** Many real accounts fail Luhn: a hint to check the number, never a reason to refuse it. */
  protected failsLuhn!: Signal<boolean>;

  ngOnInit(): void {
    // The controls come with the inputs; what watches them is built once they are known.
    this.controls = this.form().controls;
    const { bankCategory, branch, accountNumber } = this.controls;
    runInInjectionContext(this.injector, () => {
      this.branchChoice = new BankBranchChoice(bankCategory, branch, this.branchesUrl());
      this.failsLuhn = toSignal(
        accountNumber.valueChanges.pipe(
          map((value) => {
            const digits = compactAccountNumber(value);
            return isBankAccountNumber(digits) && !passesLuhn(digits);
          }),
        ),
        { initialValue: false },
      );
    });
  }
}
