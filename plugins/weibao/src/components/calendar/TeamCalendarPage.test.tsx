import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  buildCalendarMonth,
  BusinessCalendar,
  CALENDAR_5X8,
  CalendarEntry,
  CalendarMonth,
} from '@weibao/plugin-weibao-common';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { TeamCalendarPage } from './TeamCalendarPage';

const server = setupWeibaoServer();
const calendar = new BusinessCalendar(CALENDAR_5X8);
const HIS_TEAM = 'group:default/his-aftersales-guangxi';
const CRITICAL_CARE = 'group:default/critical-care-aftersales';

/** Eight systems' daily backups due on 10 February 2026: five done, three overdue. */
const backups: CalendarEntry[] = Array.from({ length: 8 }, (_, i) => ({
  kind: 'duty',
  occurrenceId: `occ-backup-${i}`,
  obligationId: 'backup.daily',
  obligationKind: 'backup',
  frequency: 'daily',
  followUpKind: null,
  state: i < 3 ? 'overdue' : 'done',
  dueAt: '2026-02-10T15:59:00Z',
}));

function month(
  value: string,
  entries: CalendarEntry[],
  ownerRefs = ['user:default/li.na', HIS_TEAM, CRITICAL_CARE],
): CalendarMonth {
  return {
    month: value,
    evaluatedAt: '2026-02-10T02:00:00.000Z',
    ownerRefs,
    timeZone: 'Asia/Shanghai',
    calendarVersion: calendar.version,
    provisional: false,
    truncated: false,
    weeks: buildCalendarMonth({ month: value, calendar, entries }),
  };
}

const february = month('2026-02', [
  ...backups,
  {
    kind: 'duty',
    occurrenceId: 'occ-inspection',
    obligationId: 'inspection.quarterly',
    obligationKind: 'inspection',
    frequency: 'quarterly',
    followUpKind: null,
    state: 'due',
    dueAt: '2026-02-12T10:00:00Z',
  },
  {
    kind: 'upgrade-window',
    planId: 'plan-1',
    title: '排队叫号 3.2 → 3.3',
    systemRef: 'component:default/queue-chongzuo',
    systemTitle: '一体化排队叫号系统',
    status: 'ready',
    start: '2026-02-07T12:00:00Z',
    end: '2026-02-07T14:00:00Z',
  },
  {
    kind: 'certificate-expiry',
    batchId: 'batch-1',
    systemRef: 'component:default/ca-chongzuo',
    systemTitle: '个人身份证书',
    item: 'personal-certificate',
    medium: 'usb-key',
    count: 21,
    expiresOn: '2026-02-26',
  },
]);

/** Serves the calendar; records the query of every call. */
function serve(answer: (url: URL) => CalendarMonth) {
  const calls: URL[] = [];
  server.use(
    http.get(`${WEIBAO_BASE_URL}/calendar`, ({ request }) => {
      const url = new URL(request.url);
      calls.push(url);
      return HttpResponse.json(answer(url));
    }),
  );
  return calls;
}

const cell = (date: string) => {
  const found = document.querySelector(`[data-date="${date}"]`);
  if (!found) throw new Error(`no cell for ${date}`);
  return found as HTMLElement;
};

describe('TeamCalendarPage', () => {
  it('shows the month from Monday with 春节, the make-up workdays, weekends and today', async () => {
    const calls = serve(() => february);
    await renderWeibao(<TeamCalendarPage initialMonth="2026-02" />);
    expect(await screen.findByText('February 2026')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0].searchParams.get('month')).toBe('2026-02');
    expect(calls[0].searchParams.getAll('ownerRef')).toEqual([]);

    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    // February 2026 starts on a Sunday: the grid starts on Monday 26 January
    const cells = document.querySelectorAll('[data-date]');
    expect(cells[0].getAttribute('data-date')).toBe('2026-01-26');
    expect(cells[0].getAttribute('data-in-month')).toBe('false');

    expect(cell('2026-02-17').getAttribute('data-day-kind')).toBe('holiday');
    expect(within(cell('2026-02-17')).getByText('春节')).toBeInTheDocument();
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(cell(date).getAttribute('data-day-kind')).toBe('make-up-workday');
      expect(
        within(cell(date)).getByText('Make-up workday'),
      ).toBeInTheDocument();
    }
    expect(cell('2026-02-08').getAttribute('data-day-kind')).toBe('weekend');
    expect(cell('2026-02-09').getAttribute('data-day-kind')).toBe('workday');
    // today in Beijing is 10 February (02:00 UTC)
    expect(document.querySelectorAll('[data-today]')).toHaveLength(1);
    expect(cell('2026-02-10').getAttribute('data-today')).toBe('true');
  });

  it('shows eight backups as one chip in their worst state, linking to an occurrence', async () => {
    serve(() => february);
    await renderWeibao(<TeamCalendarPage initialMonth="2026-02" />);
    await screen.findByText('February 2026');
    const tenth = within(cell('2026-02-10'));
    const chip = tenth.getByText('Backup · Daily ×8');
    expect(
      chip.closest('[data-event-kind]')?.getAttribute('data-duty-state'),
    ).toBe('overdue');
    expect(chip.closest('a')?.getAttribute('href')).toBe(
      '/weibao/obligations/occ-backup-0',
    );
    const inspection = within(cell('2026-02-12')).getByText(
      'Inspection · Quarterly',
    );
    expect(
      inspection.closest('[data-event-kind]')?.getAttribute('data-duty-state'),
    ).toBe('due');
    // the upgrade window at 20:00 in Beijing, linking to its plan
    const upgrade = within(cell('2026-02-07')).getByText(
      'Upgrade: 排队叫号 3.2 → 3.3',
    );
    expect(upgrade.closest('a')?.getAttribute('href')).toBe(
      '/weibao/upgrades/plan-1',
    );
    expect(
      within(cell('2026-02-26')).getByText('21 expire: certificates'),
    ).toBeInTheDocument();
    expect(
      [...document.querySelectorAll('[data-legend]')].map(l => l.textContent),
    ).toEqual([
      'Duty: Overdue',
      'Duty: Due soon',
      'Duty: Upcoming',
      'Duty: Waived',
      'Duty: Done',
      'Drill',
      'Upgrade window',
      'Change freeze',
      'Certificate expiry',
    ]);
    // no entity refs on the page
    expect(document.body.textContent).not.toMatch(/component:|group:default/);
  });

  it('moves to the next and previous months, one call each', async () => {
    const calls = serve(url =>
      month(url.searchParams.get('month')!, [], ['user:default/li.na']),
    );
    await renderWeibao(<TeamCalendarPage initialMonth="2026-12" />);
    expect(await screen.findByText('December 2026')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(await screen.findByText('January 2027')).toBeInTheDocument();
    await waitFor(() => expect(cell('2027-01-01')).toBeInTheDocument());
    expect(within(cell('2027-01-01')).getByText('元旦')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(await screen.findByText('November 2026')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.map(c => c.searchParams.get('month'))).toEqual([
        '2026-12',
        '2027-01',
        '2026-12',
        '2026-11',
      ]),
    );
  });

  it("picks one of the caller's teams", async () => {
    const calls = serve(url =>
      month(
        '2026-02',
        url.searchParams.get('ownerRef') ? [] : backups,
        url.searchParams.getAll('ownerRef').length
          ? url.searchParams.getAll('ownerRef')
          : ['user:default/li.na', HIS_TEAM, CRITICAL_CARE],
      ),
    );
    await renderWeibao(<TeamCalendarPage initialMonth="2026-02" />);
    await screen.findByText('Backup · Daily ×8');
    const picker = screen.getByRole('button', { name: 'Team' });
    expect(picker).toHaveTextContent('All my teams');
    fireEvent.mouseDown(picker);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'All my teams',
      'his-aftersales-guangxi',
      'critical-care-aftersales',
    ]);
    fireEvent.click(options[2]);
    await waitFor(() =>
      expect(calls[calls.length - 1].searchParams.getAll('ownerRef')).toEqual([
        CRITICAL_CARE,
      ]),
    );
    await waitFor(() =>
      expect(screen.queryByText('Backup · Daily ×8')).not.toBeInTheDocument(),
    );
  });
});
