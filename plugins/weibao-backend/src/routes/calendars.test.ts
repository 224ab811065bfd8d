import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { weibaoPlugin } from '../plugin';
import { readCalendarOptions } from '../config';

jest.setTimeout(60_000);

const operatorConfig = {
  weibao: {
    calendar: {
      officialDays: [
        {
          years: [2027],
          holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
          workdays: ['2027-01-09'],
          source: 'notice-2027',
        },
      ],
      overrides: [
        { date: '2026-12-31', working: false, reason: '全区系统停机检修' },
      ],
    },
  },
};

async function startBackend(data: object = operatorConfig) {
  const { server } = await startTestBackend({
    features: [
      weibaoPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return server;
}

describe('GET /api/weibao/calendars/:name/days', () => {
  it("shows each day with its reason, the operator's days included", async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/weibao/calendars/5x8/days')
      .query({ from: '2026-12-30', to: '2027-01-09' });
    expect(res.status).toBe(200);
    expect(res.body.version).toMatch(
      /^5x8@[0-9a-f]{8}\+chinese-days@1\.5\.7\+notice-2027\(2027\)$/,
    );
    expect(res.body.provisionalYears).toEqual([]);
    const byDate = Object.fromEntries(
      res.body.days.map((d: any) => [d.date, d]),
    );
    expect(byDate['2026-12-30']).toMatchObject({
      working: true,
      reason: { kind: 'weekly' },
    });
    expect(byDate['2026-12-31']).toMatchObject({
      working: false,
      reason: { kind: 'override', reason: '全区系统停机检修' },
    });
    expect(byDate['2027-01-01'].reason.kind).toBe('official-holiday');
    expect(byDate['2027-01-09']).toMatchObject({
      working: true,
      reason: { kind: 'make-up-workday' },
    });
    expect(res.body.days).toHaveLength(11);
  });

  it('says which years are provisional without the operator’s data', async () => {
    const server = await startBackend({});
    const res = await request(server)
      .get('/api/weibao/calendars/5x8/days')
      .query({ from: '2027-09-28', to: '2027-10-04' });
    expect(res.body.provisionalYears).toEqual([2027]);
    expect(
      res.body.days.find((d: any) => d.date === '2027-10-01').reason,
    ).toEqual({
      kind: 'provisional-holiday',
      name: '国庆节',
    });
  });

  it.each([
    [{ to: '2026-01-31' }, /^from: must be a date written YYYY-MM-DD/],
    [{ from: '2026-02-30', to: '2026-03-01' }, /^from: must be a date/],
    [{ from: '2026-03-01', to: '2026-02-01' }, /^to: must not be before from/],
    [{ from: '2026-01-01', to: '2027-06-01' }, /^to: at most 366 days/],
  ])('rejects %j with a 400 naming the field', async (query, message) => {
    const server = await startBackend({});
    const res = await request(server)
      .get('/api/weibao/calendars/5x8/days')
      .query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for a calendar that is not built in', async () => {
    const server = await startBackend({});
    const res = await request(server)
      .get('/api/weibao/calendars/7x24/days')
      .query({ from: '2026-01-01', to: '2026-01-02' });
    expect(res.status).toBe(404);
  });
});

describe('readCalendarOptions', () => {
  it('names the key of a malformed value', () => {
    expect(() =>
      readCalendarOptions(
        new ConfigReader({
          weibao: {
            calendar: {
              officialDays: [{ years: [2027], holidays: ['2027-1-1'] }],
            },
          },
        }),
      ),
    ).toThrow(
      'weibao.calendar.officialDays[0].holidays[0]: "2027-1-1" is not a date (YYYY-MM-DD)',
    );
    expect(() =>
      readCalendarOptions(
        new ConfigReader({
          weibao: { calendar: { officialDays: [{ years: 'next' }] } },
        }),
      ),
    ).toThrow(
      /^weibao\.calendar\.officialDays\[0\]\.years: must list the years/,
    );
  });
});
