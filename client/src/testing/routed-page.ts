import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideNoMaterialAnimations } from './material';
import { Page } from './page';
import { provideTestTranslation } from './translation';

/** A feature's routes mounted at `path`, the HTTP testing backend and the real catalogues; returns the backend. */
export function configureFeature(path: string, routes: Routes): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path, children: routes }]),
      provideTestTranslation(),
      provideNoMaterialAnimations(),
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/** Navigates to `url` and returns the page once it has made its first requests. */
export async function openPage(url: string): Promise<Page> {
  const harness = await RouterTestingHarness.create(url);
  const page = new Page(harness.fixture);
  TestBed.tick();
  return page;
}
