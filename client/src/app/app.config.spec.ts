import { HttpBackend, HttpXhrBackend } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { hallHttpClient } from './app.config';

describe('the hall’s HttpClient', () => {
  it('sends over XMLHttpRequest, the backend that reports upload progress for batch files', () => {
    TestBed.configureTestingModule({ providers: [hallHttpClient] });
    expect(TestBed.inject(HttpBackend)).toBeInstanceOf(HttpXhrBackend);
  });
});
