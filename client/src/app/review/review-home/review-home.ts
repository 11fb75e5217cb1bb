import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { LoadError } from '../../shared/load-error/load-error';
import { StatCard } from '../../shared/stat-card/stat-card';
import { reviewerHomeResource } from '../review-api';

@Component({
  selector: 'app-review-home',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe, LoadError, StatCard],
  templateUrl: './review-home.html',
  styleUrl: './review-home.scss',
})
export class ReviewHomePage {
  protected readonly home = reviewerHomeResource();
}
