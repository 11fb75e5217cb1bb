import { Component } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { LoadError } from '../../shared/load-error/load-error';
import { StatCard } from '../../shared/stat-card/stat-card';
import { reviewerHomeResource } from '../review-api';

@Component({
  selector: 'app-review-home',
  imports: [MatProgressBarModule, TranslatePipe, LoadError, StatCard],
  templateUrl: './review-home.html',
  styleUrl: './review-home.scss',
})
export class ReviewHomePage {
  protected readonly home = reviewerHomeResource();
}
