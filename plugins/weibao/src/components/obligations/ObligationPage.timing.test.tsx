import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ObligationPage } from './ObligationPage';
import { IDS, occurrence, user } from './__testUtils__';

const server = setupWeibaoServer();

function serve(o: ObligationOccurrence) {
  server.use(
    http.get(`${WEIBAO_BASE_URL}/obligations/${o.id}`, () =>
      HttpResponse.json({ history: [], ...o }),
    ),
  );
}

function renderPage(id: string) {
  return renderWeibao(
    <Routes>
      <Route path="/weibao/obligations/:id" element={<ObligationPage />} />
    </Routes>,
    { routeEntries: [`/weibao/obligations/${id}`] },
  );
}

const FILE_ID = '5d1c0b4e-8f7a-4c3e-9b2d-0a1b2c3d4e5f';

/** Done on 28 May, before its due time, but entered on 4 Dec: a late record, with its report. */
const lateRecord = occurrence({
  id: IDS.backup,
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
    evidence: {
      note: '备份成功',
      files: [
        {
          id: FILE_ID,
          name: 'backup-2026-05-28.pdf',
          contentType: 'application/pdf',
          size: 2048,
        },
      ],
    },
    recordedAt: '2026-12-04T03:00:00.000Z',
    lateRecord: true,
  },
});

describe('ObligationPage timing', () => {
  it('shows a late record as done on time but recorded late, with both times, and its files', async () => {
    serve(lateRecord);
    let downloads = 0;
    server.use(
      http.get(`${WEIBAO_BASE_URL}/evidence-files/${FILE_ID}`, () => {
        downloads += 1;
        return new HttpResponse('%PDF-1.4', {
          headers: { 'Content-Type': 'application/pdf' },
        });
      }),
    );
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderPage(IDS.backup);

    expect(
      (await screen.findAllByText('Done on time · recorded late')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByTestId('obligation-late-record')).toHaveTextContent(
      'Done on time · recorded late: done on 28 May 2026, 10:00, recorded on 4 Dec 2026, 11:00',
    );
    expect(
      screen.getByText('backup-2026-05-28.pdf', { selector: 'button' }),
    ).toBeInTheDocument();
    await user.click(
      screen.getByText('backup-2026-05-28.pdf', { selector: 'button' }),
    );
    await waitFor(() =>
      expect(open).toHaveBeenCalledWith('blob:report', '_blank', 'noopener'),
    );
    expect(downloads).toBe(1);
    open.mockRestore();
  });

  it('shows an occurrence before tracking with its own chip and says why it is not counted', async () => {
    serve(
      occurrence({
        id: IDS.drill,
        kind: 'drill',
        dueAt: '2026-06-30T10:00:00.000Z',
        state: 'before-tracking',
      }),
    );
    await renderPage(IDS.drill);
    expect(
      await screen.findByTestId('obligation-before-tracking'),
    ).toHaveTextContent('neither overdue nor counted');
    expect(document.querySelector('[data-obligation-state]')).toHaveAttribute(
      'data-obligation-state',
      'beforeTracking',
    );
    expect(screen.queryByRole('button', { name: 'Complete' })).toBeNull();
  });
});
