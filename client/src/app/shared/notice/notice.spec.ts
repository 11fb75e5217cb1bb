import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Notice } from './notice';

@Component({
  imports: [Notice],
  template: `
    <app-notice kind="warning" data-testid="warning">Pending</app-notice>
    <app-notice kind="success" data-testid="success">Done</app-notice>
    <app-notice kind="error" data-testid="error">Failed</app-notice>
  `,
})
class Notices {}

/** WCAG's relative luminance of an `rgb(r, g, b)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('Notice', () => {
  let element: HTMLElement;
  const notice = (testId: string) => element.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!;

  beforeEach(async () => {
    const fixture = TestBed.createComponent(Notices);
    element = fixture.nativeElement as HTMLElement;
    // Computed styles need the notices in the document.
    document.body.appendChild(element);
    await fixture.whenStable();
  });

  afterEach(() => element.remove());

  it('shows a warning with the warning icon, as an alert', () => {
    expect(notice('warning').querySelector('mat-icon')?.textContent?.trim()).toBe('warning');
    expect(notice('warning').getAttribute('role')).toBe('alert');
  });

  it('colours a warning amber, unlike the blue of information and the colours of success and error', () => {
    const background = (testId: string) => getComputedStyle(notice(testId)).backgroundColor;
    const [r, g, b] = (background('warning').match(/\d+/g) ?? []).map(Number);
    // Amber: red and green high, blue well below them.
    expect(r).toBeGreaterThan(200);
    expect(g).toBeGreaterThan(150);
    expect(b).toBeLessThan(g - 40);
    expect(background('warning')).not.toBe(background('success'));
    expect(background('warning')).not.toBe(background('error'));
  });

  it('keeps the text and the icon of a warning readable on its background', () => {
    const style = getComputedStyle(notice('warning'));
    expect(contrast(style.color, style.backgroundColor)).toBeGreaterThanOrEqual(4.5);
    const icon = getComputedStyle(notice('warning').querySelector('mat-icon')!);
    expect(contrast(icon.color, style.backgroundColor)).toBeGreaterThanOrEqual(4.5);
  });
});
