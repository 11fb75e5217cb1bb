import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestTranslation } from '../../../testing/translation';
import { ReviewHomePage } from './review-home';

describe('ReviewHomePage', () => {
  it('shows the submissions waiting across units and the number of units', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTestTranslation('en')],
    });
    const fixture = TestBed.createComponent(ReviewHomePage);
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne('/api/review/home').flush({ pendingCount: 7, unitCount: 12 });
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    const card = (testId: string) => ({
      label: element.querySelector(`[data-testid="${testId}"] .label span`)?.textContent?.trim(),
      value: element.querySelector(`[data-testid="${testId}"] [data-testid="stat-value"]`)?.textContent?.trim(),
    });
    expect(card('review-pending-count')).toEqual({ label: 'Pending submissions across units', value: '7' });
    expect(element.querySelector('[data-testid="review-pending-count"] a')?.getAttribute('href')).toBe('/review/submissions');
    expect(card('review-unit-count')).toEqual({ label: 'Units', value: '12' });
    const open = element.querySelector('[data-testid="review-open-console"]');
    expect(open?.textContent?.replace('rule', '').trim()).toBe('Review submissions');
    expect(open?.getAttribute('href')).toBe('/review/submissions');
  });
});
