import { File as NodeFile } from 'node:buffer';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { HospitalSystemList } from '@weibao/plugin-weibao-common';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { WeibaoPage } from '../WeibaoPage';
import {
  backupGroup,
  drill,
  fill,
  groupList,
  IDS,
  inspection,
  list,
  obligationsTesting,
  occurrence,
  user,
} from './__testUtils__';

jest.setTimeout(30_000);

const server = setupWeibaoServer();
const { serveGroups, serveList, answerBulk, answerUpload } =
  obligationsTesting(server);

const systems = {
  items: [
    {
      entityRef: 'component:default/zlhis-chongzuo',
      title: 'ZLHIS 医院信息系统',
      type: 'his',
      hospitalRef: 'system:default/chongzuo-mch',
      hospital: {
        entityRef: 'system:default/chongzuo-mch',
        title: '崇左市妇幼保健院',
      },
      owner: 'group:default/his-aftersales-guangxi',
    },
  ],
} as HospitalSystemList;

/** A backup done on time on 28 May but entered on 4 Dec: a late record. */
const lateRecord = occurrence({
  id: IDS.backup,
  key: 'backup.daily#88',
  kind: 'backup',
  frequency: 'daily',
  obligationId: 'backup.daily',
  systemRef: 'component:default/zlhis-chongzuo',
  dueAt: '2026-05-28T15:59:00.000Z',
  state: 'done',
  done: {
    at: '2026-05-28T02:00:00.000Z',
    onTime: true,
    by: 'user:default/zhang.wei',
    evidence: { note: '备份成功' },
    recordedAt: '2026-12-04T03:00:00.000Z',
    lateRecord: true,
  },
});

const beforeTracking = occurrence({
  id: IDS.training,
  key: 'backup.daily#3',
  kind: 'backup',
  frequency: 'daily',
  obligationId: 'backup.daily',
  systemRef: 'component:default/zlhis-chongzuo',
  dueAt: '2026-03-04T15:59:00.000Z',
  state: 'before-tracking',
});

const row = (id: string) =>
  screen
    .getAllByTestId('duty-occurrence')
    .find(r => r.getAttribute('data-obligation-id') === id)!;

describe('Duties tab', () => {
  beforeEach(() => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/hospital-systems`, () =>
        HttpResponse.json(systems),
      ),
    );
  });

  it('shows the duties grouped with counts and their occurrences, late records with both times', async () => {
    const groupQueries = serveGroups([groupList()]);
    const listQueries = serveList([
      {
        ...list([drill, inspection, lateRecord, beforeTracking]),
        totalCount: 61,
        nextCursor: 'c2',
      },
    ]);
    await renderWeibao(<WeibaoPage />, { routeEntries: ['/duties'] });

    expect(screen.getByRole('tab', { name: 'Duties' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const perSystem = await screen.findByTestId('duty-section-system');
    expect(perSystem).toHaveTextContent('Duties of its systems');
    expect(within(perSystem).getByTestId('duty-name')).toHaveTextContent(
      'Backup · Daily',
    );
    expect(
      perSystem.querySelector('[data-duty-count="overdue"]'),
    ).toHaveTextContent('270 overdue');
    await screen.findByTestId('duty-occurrences');
    expect(
      within(row(IDS.backup)).getByText('Done on time · recorded late'),
    ).toBeInTheDocument();
    expect(
      within(row(IDS.backup)).getByTestId('late-record-times'),
    ).toHaveTextContent(
      'done on 28 May 2026, 10:00, recorded on 4 Dec 2026, 11:00',
    );
    // before tracking: its own chip, no checkbox, never overdue
    expect(
      row(IDS.training).querySelector('[data-obligation-state]'),
    ).toHaveAttribute('data-obligation-state', 'beforeTracking');
    expect(
      within(row(IDS.training)).getByText('Before tracking'),
    ).toBeInTheDocument();
    expect(within(row(IDS.training)).queryByRole('checkbox')).toBeNull();
    expect(
      within(row(IDS.drill)).getByText('The whole contract'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('duty-occurrences-page')).toHaveTextContent(
      'Page 1 · 61 in all',
    );

    // at first every open occurrence, the most urgent states first
    expect(listQueries[0].getAll('state')).toEqual([
      'overdue',
      'due',
      'upcoming',
    ]);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(listQueries).toHaveLength(2));
    expect(listQueries[1].get('cursor')).toBe('c2');
    expect(listQueries[1].get('limit')).toBe('20');
    expect(groupQueries).toHaveLength(1);
  });

  it('filters by state, before tracking too, and opens a group on its own occurrences', async () => {
    const groupQueries = serveGroups([groupList()]);
    const listQueries = serveList([list([drill, inspection])]);
    await renderWeibao(<WeibaoPage />, { routeEntries: ['/duties'] });
    await screen.findByTestId('duty-occurrences');

    await user.click(screen.getByLabelText('State'));
    await user.click(screen.getByRole('option', { name: 'Before tracking' }));
    await waitFor(() =>
      expect(listQueries[listQueries.length - 1].getAll('state')).toEqual([
        'before-tracking',
      ]),
    );

    await user.click(screen.getByLabelText('System'));
    await user.click(
      screen.getByRole('option', { name: 'ZLHIS 医院信息系统' }),
    );
    await waitFor(() =>
      expect(groupQueries[groupQueries.length - 1].get('systemRef')).toBe(
        'component:default/zlhis-chongzuo',
      ),
    );

    const backup = (await screen.findAllByTestId('duty-group')).find(g =>
      within(g).queryByText('Backup · Daily'),
    )!;
    await user.click(
      within(backup).getByRole('button', { name: 'Occurrences' }),
    );
    expect(
      await screen.findByText('Occurrences of Backup · Daily'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(listQueries[listQueries.length - 1].get('obligationId')).toBe(
        'backup.daily',
      ),
    );
    const last = listQueries[listQueries.length - 1];
    expect(last.get('contractRef')).toBe(backupGroup.contractRef);
    expect(last.get('systemRef')).toBe('component:default/zlhis-chongzuo');
    expect(last.get('scope')).toBe('system');
    expect(last.getAll('state')).toEqual(['before-tracking']);
  });

  it('completes the selected occurrences at their versions with a file, confirms, and reloads the counts', async () => {
    const groupQueries = serveGroups([groupList()]);
    const listQueries = serveList([list([drill, inspection, lateRecord])]);
    const uploads = answerUpload('0b6f1f7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b');
    const bodies = answerBulk('complete', () =>
      HttpResponse.json({ count: 2, items: [] }),
    );
    await renderWeibao(<WeibaoPage />, { routeEntries: ['/duties'] });
    await screen.findByTestId('duty-occurrences');

    await user.click(within(row(IDS.drill)).getByRole('checkbox'));
    await user.click(within(row(IDS.inspection)).getByRole('checkbox'));
    expect(within(row(IDS.backup)).queryByRole('checkbox')).toBeNull();
    expect(screen.getByText('2 occurrences selected')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Complete selected…' }),
    );
    const dialog = screen.getByTestId('bulk-complete-dialog');
    expect(within(dialog).getByText('Complete: 2 duties')).toBeInTheDocument();
    expect(within(dialog).getByTestId('bulk-count')).toHaveTextContent(
      '2 occurrences will be recorded as done.',
    );
    await fill(
      within(dialog).getByLabelText(/What was done/),
      '演练与巡检均已完成',
    );
    await user.upload(
      within(dialog).getByTestId('bulk-complete-file'),
      new NodeFile(
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
        '签字单.png',
        {
          type: 'image/png',
        },
      ) as unknown as File,
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );

    expect(
      await screen.findByTestId('duties-confirmation', {}, { timeout: 10_000 }),
    ).toHaveTextContent('2 occurrences of 2 duties recorded as done');
    expect(uploads).toEqual([
      { name: '签字单.png', contentType: 'image/png', bytes: 8 },
    ]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      occurrences: [
        { id: IDS.drill, version: 2 },
        { id: IDS.inspection, version: 1 },
      ],
      note: '演练与巡检均已完成',
      files: ['0b6f1f7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b'],
    });
    expect(bodies[0].group).toBeUndefined();
    await waitFor(() => expect(groupQueries).toHaveLength(2));
    await waitFor(() => expect(listQueries.length).toBeGreaterThanOrEqual(2));
  });
});
