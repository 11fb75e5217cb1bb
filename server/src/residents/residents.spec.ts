import { DEMO_PERSONS } from '../db/seeds/demo';
import { activeEmployees, addition, fieldsOf } from '../../test/declarations';
import { createTestHall, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { addedMember, idNumberBornOn, registrationOf } from '../../test/residents';

/** The seed's clock stands at 10 Nov 2026, 10:00 in Shanghai: 2027's collection period is open, 2026's is over. */
describe('residents in the personal hall', () => {
  let hall: TestHall;
  let personA: HallClient;
  let personB: HallClient;
  let reviewer: HallClient;

  beforeEach(async () => {
    hall = await createTestHall();
    personA = await hall.client('en');
    await personA.signInPerson(0);
    personB = await hall.client('en');
    await personB.signInPerson(1);
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterEach(() => hall.close());

  const enrollmentsOf = (idNumber: string) =>
    hall.db
      .knex('enrollments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where('p.id_number', idNumber)
      .where('e.insurance_type', '390')
      .select('e.start_month', 'e.end_month', 'e.status');

  describe('family members', () => {
    it('adds a person nobody knows, with sex and birth date from the ID number, and lists only the payment-related view', async () => {
      const idNumber = idNumberBornOn('2015-06-01', 501);
      const added = await personA.post('/api/me/family', { name: '陈小雨', idNumber });
      expect(added.status).toBe(201);
      const person = await hall.db.knex('insured_persons').where({ id_number: idNumber }).first('name', 'sex', 'birth_date');
      // The 17th digit 1 is odd: male.
      expect(person).toEqual({ name: '陈小雨', sex: 'male', birth_date: '2015-06-01' });
      const list = await personA.get('/api/me/family');
      expect(list.body).toEqual([
        {
          id: added.body.id,
          addedAt: '2026-11-10T02:00:00.000Z',
          maskedName: '陈**',
          idNumberMasked: `350102********${idNumber.slice(14)}`,
          insuranceTypes: [],
          registration: 'none',
        },
      ]);
    });

    it('refuses a known ID number under another name, and takes it under the registered one', async () => {
      const [employee] = await activeEmployees(hall, 0);
      const wrong = await personA.post('/api/me/family', { name: '王不对', idNumber: employee.idNumber });
      expect(wrong.status).toBe(400);
      expect(fieldsOf(wrong)).toEqual(['name:REGISTERED_NAME_MISMATCH']);
      const right = await personA.post('/api/me/family', { name: employee.name, idNumber: employee.idNumber });
      expect(right.status).toBe(201);
      expect(right.body.insuranceTypes).toEqual(['310', '330', '510']);
    });

    it('refuses adding oneself and adding the same member twice', async () => {
      const self = await personA.post('/api/me/family', { name: DEMO_PERSONS[0].name, idNumber: DEMO_PERSONS[0].idNumber });
      expect([self.status, self.body.code]).toEqual([409, 'FAMILY_MEMBER_SELF']);
      const idNumber = idNumberBornOn('2012-03-04', 502);
      await addedMember(personA, '陈小风', idNumber);
      const again = await personA.post('/api/me/family', { name: '陈小风', idNumber });
      expect([again.status, again.body.code]).toEqual([409, 'FAMILY_MEMBER_EXISTS']);
      expect(await hall.db.knex('family_members').count({ n: '*' }).first()).toEqual({ n: 1 } as never);
    });

    it("answers 404 to another payer aiming at a member, and removes the payer's own", async () => {
      const memberId = await addedMember(personA, '陈小山', idNumberBornOn('2010-01-01', 503));
      expect((await personB.send('delete', `/api/me/family/${memberId}`)).status).toBe(404);
      expect(
        (await personB.post('/api/me/resident-payments/quote', { person: { kind: 'member', memberId }, year: 2027, mode: 'daily' })).status,
      ).toBe(404);
      expect((await personB.get('/api/me/family')).body).toEqual([]);
      expect((await personA.send('delete', `/api/me/family/${memberId}`)).status).toBe(204);
      expect((await personA.get('/api/me/family')).body).toEqual([]);
    });
  });

  describe('resident registration', () => {
    it('refuses a person with employee insurance in force', async () => {
      const [employee] = await activeEmployees(hall, 0);
      const memberId = await addedMember(personA, employee.name, employee.idNumber);
      const res = await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId }));
      expect([res.status, res.body.code]).toEqual([409, 'RESIDENT_EMPLOYEE_INSURED']);
      expect(await hall.db.knex('declarations').where({ type: 'resident-registration' }).first()).toBeUndefined();
    });

    it('refuses a person who already has resident insurance', async () => {
      const res = await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'self' }));
      expect([res.status, res.body.code]).toEqual([409, 'RESIDENT_ALREADY_REGISTERED']);
    });

    it('keeps one pending registration per person', async () => {
      const memberId = await addedMember(personA, '陈小林', idNumberBornOn('1999-09-09', 504));
      expect((await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId }))).status).toBe(201);
      const second = await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId }));
      expect([second.status, second.body.code]).toEqual([409, 'RESIDENT_REGISTRATION_PENDING']);
    });

    it(`keeps one pending registration per person when two instances take the same one at once (${ENGINE})`, async () => {
      const idNumber = idNumberBornOn('1998-08-08', 505);
      const memberId = await addedMember(personA, '陈小河', idNumber);
      // The same payer on another instance: two tabs sending the form at once.
      const other = await hall.otherInstanceClient('en');
      await other.signInPerson(0);
      const results = await Promise.all([
        personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId })),
        other.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('RESIDENT_REGISTRATION_PENDING');
      expect(await hall.db.knex('declarations').where({ type: 'resident-registration', id_number: idNumber }).count({ n: '*' }).first()).toEqual({
        n: 1,
      } as never);
    });

    it('is approved in the reviewer console into a resident enrollment from the month of registration', async () => {
      const idNumber = idNumberBornOn('1996-02-29', 506);
      const memberId = await addedMember(personA, '陈小溪', idNumber);
      const sent = await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId }));
      const pending = await reviewer.get('/api/review/submissions?kind=resident-registration');
      expect(pending.body.items.map((s: { id: number }) => s.id)).toEqual([sent.body.id]);
      const detail = await reviewer.get(`/api/review/submissions/${sent.body.id}`);
      expect(detail.body).toEqual(
        jasmine.objectContaining({ kind: 'resident-registration', unitId: null, idNumber, personName: '陈小溪', effectiveMonth: '202611' }),
      );
      expect((await reviewer.post(`/api/review/submissions/${sent.body.id}/decision`, { approve: true })).status).toBe(200);
      expect(await enrollmentsOf(idNumber)).toEqual([{ start_month: '202611', end_month: null, status: 'active' }]);
      const mine = await personA.get('/api/me/resident-registrations');
      expect(mine.body.map((r: { id: number; status: string }) => [r.id, r.status])).toEqual([[sent.body.id, 'approved']]);
      expect((await personA.get('/api/me/family')).body[0]).toEqual(jasmine.objectContaining({ insuranceTypes: ['390'], registration: 'approved' }));
    });

    it('registers a newborn from the birth month, and a rejection shows its reason', async () => {
      // Born 1 October 2026: 40 days before the seed's day.
      const newborn = idNumberBornOn('2026-10-01', 507);
      const memberId = await addedMember(personA, '陈小宝', newborn);
      const sent = await personA.post('/api/me/resident-registrations', { ...registrationOf({ kind: 'member', memberId }), category: 'child' });
      const stored = await hall.db.knex('declarations').where({ id: sent.body.id }).first('effective_month', 'payload');
      expect(stored.effective_month).toBe('202610');
      expect(JSON.parse(stored.payload).newbornBirthDate).toBe('2026-10-01');
      expect((await reviewer.post(`/api/review/submissions/${sent.body.id}/decision`, { approve: false, reason: '户籍地址不完整' })).status).toBe(
        200,
      );
      const mine = await personA.get('/api/me/resident-registrations');
      expect(mine.body[0]).toEqual(jasmine.objectContaining({ status: 'rejected', reviewReason: '户籍地址不完整' }));
      expect(await enrollmentsOf(newborn)).toEqual([]);
    });

    it('ends the resident insurance of a person registered here when a unit adds them (the switch rule)', async () => {
      const idNumber = idNumberBornOn('1994-04-04', 508);
      const memberId = await addedMember(personA, '陈小峰', idNumber);
      const sent = await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId }));
      await reviewer.post(`/api/review/submissions/${sent.body.id}/decision`, { approve: true });
      const admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      const added = await admin.post('/api/additions', addition(idNumber, { name: '陈小峰', effectiveMonth: '202612' }));
      expect(added.status).toBe(201);
      expect((await reviewer.post(`/api/review/submissions/${added.body.id}/decision`, { approve: true })).status).toBe(200);
      expect(await enrollmentsOf(idNumber)).toEqual([{ start_month: '202611', end_month: '202612', status: 'terminated' }]);
    });
  });

  describe('the quote', () => {
    it("quotes an assisted person's special payment at the category's share: 30 % of 42000 fen is 12600", async () => {
      // 黄海 is on the demo assisted list (低保) for 2027; paid in the collection period, covered from 1 January.
      const res = await personB.post('/api/me/resident-payments/quote', { person: { kind: 'self' }, year: 2027, mode: 'special' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        personId: jasmine.any(Number),
        maskedName: '黄*',
        idNumberMasked: '350203********2133',
        year: 2027,
        mode: 'special',
        standardFen: 42000,
        amountFen: 12600,
        assistedCategory: 'subsistence',
        benefitStart: '2027-01-01',
        waitingMonths: 0,
        inCollectionPeriod: true,
      });
    });

    it('applies a three-month waiting period to a payment for the current year outside its collection period', async () => {
      const res = await personA.post('/api/me/resident-payments/quote', { person: { kind: 'self' }, year: 2026, mode: 'daily' });
      // Paid 10 November 2026: benefits start 10 February 2027.
      expect(res.body).toEqual(
        jasmine.objectContaining({ amountFen: 40000, standardFen: 40000, waitingMonths: 3, benefitStart: '2027-02-10', inCollectionPeriod: false }),
      );
    });

    it('refuses a special payment for a person not on the assisted list, and a year not open', async () => {
      const special = await personA.post('/api/me/resident-payments/quote', { person: { kind: 'self' }, year: 2027, mode: 'special' });
      expect([special.status, special.body.code]).toEqual([409, 'RESIDENT_NOT_ASSISTED']);
      const later = await personA.post('/api/me/resident-payments/quote', { person: { kind: 'self' }, year: 2028, mode: 'daily' });
      expect([later.status, later.body.code]).toEqual([409, 'RESIDENT_YEAR_NOT_OPEN']);
    });

    it('quotes for someone else only under their registered name, in the masked view', async () => {
      const other = { kind: 'other', name: DEMO_PERSONS[1].name, idNumber: DEMO_PERSONS[1].idNumber };
      const wrong = await personA.post('/api/me/resident-payments/quote', { person: { ...other, name: '黄山' }, year: 2027, mode: 'daily' });
      expect(wrong.status).toBe(400);
      expect(fieldsOf(wrong)).toEqual(['person.name:REGISTERED_NAME_MISMATCH']);
      const right = await personA.post('/api/me/resident-payments/quote', { person: other, year: 2027, mode: 'daily' });
      expect(right.body).toEqual(jasmine.objectContaining({ maskedName: '黄*', amountFen: 42000, waitingMonths: 0 }));
      expect(JSON.stringify(right.body)).not.toContain(DEMO_PERSONS[1].name);
      expect(JSON.stringify(right.body)).not.toContain(DEMO_PERSONS[1].idNumber);
    });

    it('refuses a quote for a person not registered as a resident', async () => {
      const memberId = await addedMember(personA, '陈小云', idNumberBornOn('2001-01-01', 509));
      const res = await personA.post('/api/me/resident-payments/quote', { person: { kind: 'member', memberId }, year: 2027, mode: 'daily' });
      expect([res.status, res.body.code]).toEqual([409, 'RESIDENT_NOT_REGISTERED']);
    });

    it("shows the payee's open years with their assisted category", async () => {
      const res = await personB.post('/api/me/resident-payments/payee', { person: { kind: 'self' } });
      expect(res.body.openYears).toEqual([
        { year: 2026, standardFen: 40000, assistedCategory: 'subsistence' },
        { year: 2027, standardFen: 42000, assistedCategory: 'subsistence' },
      ]);
      expect(res.body.registration).toBe('approved');
    });
  });

  describe('assisted persons', () => {
    it('adds, lists filtered by year and category, and removes entries, refusing a second entry of a year', async () => {
      const idNumber = idNumberBornOn('1960-05-05', 510);
      const added = await reviewer.post('/api/assisted-persons', { idNumber, name: '林救助', category: 'extreme_poverty', year: 2027 });
      expect(added.status).toBe(201);
      const again = await reviewer.post('/api/assisted-persons', { idNumber, name: '林救助', category: 'subsistence', year: 2027 });
      expect(again.status).toBe(400);
      expect(fieldsOf(again)).toEqual(['idNumber:ASSISTED_ALREADY_LISTED']);
      const page = await reviewer.get('/api/assisted-persons?year=2027&category=extreme_poverty');
      expect(page.body.items.map((p: { idNumber: string }) => p.idNumber)).toEqual([idNumber]);
      expect(page.body.total).toBe(1);
      expect((await reviewer.send('delete', `/api/assisted-persons/${added.body.id}`)).status).toBe(204);
      expect((await reviewer.get('/api/assisted-persons?year=2027&category=extreme_poverty')).body.total).toBe(0);
    });

    it('refuses an entry under another name than the registered one', async () => {
      const res = await reviewer.post('/api/assisted-persons', {
        idNumber: DEMO_PERSONS[0].idNumber,
        name: '陈不对',
        category: 'relapse',
        year: 2027,
      });
      expect(fieldsOf(res)).toEqual(['name:REGISTERED_NAME_MISMATCH']);
    });
  });
});
