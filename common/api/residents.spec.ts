import { ASSISTED_CATEGORIES, PAYMENT_MODES, quoteRequest, residentQuote } from './residents';

describe('the residents contract', () => {
  it('names the payment modes and assisted categories of the personal-hall contract', () => {
    expect([...PAYMENT_MODES]).toEqual(['daily', 'special']);
    expect([...ASSISTED_CATEGORIES]).toEqual(['extreme_poverty', 'subsistence', 'relapse', 'other']);
  });

  it('takes a quote request for self, a member or someone else by name and ID number', () => {
    expect(quoteRequest.parse({ person: { kind: 'self' }, year: '2027', mode: 'daily' })).toEqual({
      person: { kind: 'self' },
      year: 2027,
      mode: 'daily',
    });
    expect(quoteRequest.parse({ person: { kind: 'member', memberId: 4 }, year: 2027, mode: 'special' }).person).toEqual({
      kind: 'member',
      memberId: 4,
    });
    expect(
      quoteRequest.parse({ person: { kind: 'other', name: ' 陈静 ', idNumber: '350102199003071285' }, year: 2027, mode: 'daily' }).person,
    ).toEqual({
      kind: 'other',
      name: '陈静',
      idNumber: '350102199003071285',
    });
  });

  it('refuses an amount sent with the request and a mode it does not know', () => {
    expect(quoteRequest.safeParse({ person: { kind: 'self' }, year: 2027, mode: 'discount' }).success).toBeFalse();
    expect(quoteRequest.parse({ person: { kind: 'self' }, year: 2027, mode: 'daily', amountFen: 1 })).not.toEqual(
      jasmine.objectContaining({ amountFen: 1 }),
    );
  });

  it('describes a quote with its amount in integer fen and a benefit start date', () => {
    const quote = {
      personId: 1,
      maskedName: '陈*',
      idNumberMasked: '3501**********1285',
      year: 2027,
      mode: 'special',
      standardFen: 42000,
      amountFen: 12600,
      assistedCategory: 'subsistence',
      benefitStart: '2027-01-01',
      waitingMonths: 0,
      inCollectionPeriod: true,
    };
    expect(residentQuote.parse(quote)).toEqual(quote as never);
    expect(residentQuote.safeParse({ ...quote, amountFen: 126.5 }).success).toBeFalse();
  });
});
