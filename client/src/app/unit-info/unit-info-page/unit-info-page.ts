import { Component } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { Fact, Facts } from '../../shared/facts/facts';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { unitInfoResource } from '../unit-info-api';
import { CodeLabel } from './code-label';
import { InfoSection } from './info-section';

/** 单位信息: what the agency has registered about the unit. Shown, not edited here. */
@Component({
  selector: 'app-unit-info-page',
  imports: [MatProgressBarModule, TranslatePipe, Fact, Facts, PeriodPipe, LoadError, CodeLabel, InfoSection],
  templateUrl: './unit-info-page.html',
  styleUrl: './unit-info-page.scss',
})
export class UnitInfoPage {
  protected readonly unitInfo = unitInfoResource();
}
