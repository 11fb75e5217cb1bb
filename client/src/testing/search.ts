import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { SEARCH_DEBOUNCE_MS } from '../app/shared/table/paging';

/**
 * Types into a search box on Jasmine's mock clock and moves the clock through the pause the box waits for, so a
 * spec spends no real time on the debounce. `beforePause` runs a moment before the pause is over, when nothing
 * may have been asked yet.
 */
export async function typeAndPause(typing: () => Promise<unknown>, beforePause?: () => void): Promise<void> {
  // Taken before the clock replaces it: a real turn of the event loop lets promises settle.
  const realSetTimeout = setTimeout;
  const clock = jasmine.clock();
  clock.install();
  // The debounce compares Date.now() with when the typing stopped; it has to move with the clock.
  clock.mockDate();
  try {
    await typing();
    clock.tick(SEARCH_DEBOUNCE_MS - 1);
    TestBed.tick();
    beforePause?.();
    clock.tick(1);
    // A list keeping its search in the URL asks again once the router has navigated, which takes some turns.
    const router = TestBed.inject(Router, null);
    for (let turn = 0; turn < 100 && (turn < 2 || router?.currentNavigation()); turn++) {
      await new Promise((resolve) => realSetTimeout(resolve));
      clock.tick(1);
    }
  } finally {
    clock.uninstall();
  }
  TestBed.tick();
}
