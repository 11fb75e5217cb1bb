import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { SubmissionKind } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../../core/language/language.service';
import { LoadError } from '../../shared/load-error/load-error';
import { StatCard } from '../../shared/stat-card/stat-card';
import { unitHomeResource } from '../home-api';

/** Where a rejected submission of each kind is made again. */
const ACT_ON: Record<SubmissionKind, string> = {
  addition: '/additions',
  reduction: '/reductions',
  'base-declaration': '/base-declaration',
  'unit-info-change': '/unit-info',
  'bank-account-change': '/unit-info',
  'hukou-change': '/insured',
};

@Component({
  selector: 'app-unit-home',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, TranslatePipe, LoadError, StatCard],
  templateUrl: './unit-home.html',
  styleUrl: './unit-home.scss',
})
export class UnitHomePage {
  private readonly language = inject(LanguageService);
  protected readonly home = unitHomeResource();
  protected readonly actOn = ACT_ON;
  protected readonly period = computed(() => {
    const home = this.home.value();
    return home === undefined ? '' : displayPeriod(home.period);
  });
  protected readonly due = computed(() => formatFen(this.home.value()?.dueThisMonthFen ?? 0, this.language.current()));
}
