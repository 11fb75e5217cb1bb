import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { displayPeriod } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../../core/language/language.service';
import { CORRECT_AT } from '../../shared/correction/correction';
import { LoadError } from '../../shared/load-error/load-error';
import { StatCard } from '../../shared/stat-card/stat-card';
import { unitHomeResource } from '../home-api';

@Component({
  selector: 'app-unit-home',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, TranslatePipe, LoadError, StatCard],
  templateUrl: './unit-home.html',
  styleUrl: './unit-home.scss',
})
export class UnitHomePage {
  private readonly language = inject(LanguageService);
  protected readonly home = unitHomeResource();
  protected readonly correctAt = CORRECT_AT;
  protected readonly period = computed(() => {
    const home = this.home.value();
    return home === undefined ? '' : displayPeriod(home.period);
  });
  protected readonly due = computed(() => formatFen(this.home.value()?.dueThisMonthFen ?? 0, this.language.current()));
}
