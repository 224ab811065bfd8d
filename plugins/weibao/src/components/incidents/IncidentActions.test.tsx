import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import {
  clock,
  incident,
  standing,
  incidentPageTesting,
} from './__testUtils__';

const server = setupWeibaoServer();
jest.setTimeout(20_000);
const { serveIncident, serveActions, json, renderPage, buttons, stateOf } =
  incidentPageTesting(server);

describe('IncidentPage actions', () => {
  it('acknowledges at once with the incident version, and shows the incident as it comes back', async () => {
    serveIncident(json(incident({ version: 3 })));
    const bodies = serveActions(() =>
      HttpResponse.json(
        incident({
          version: 4,
          status: 'acknowledged',
          clocks: [
            clock('response', {
              status: 'met',
              metAt: '2026-11-21T01:10:00.000Z',
            }),
          ],
          allowedActions: ['dispatch', 'resolve', 'pause', 'note'],
        }),
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('incident-status')).toHaveTextContent(
        'Acknowledged',
      ),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bodies).toEqual([{ type: 'acknowledge', version: 3 }]);
    expect(stateOf('response')).toBe('met');
    expect(buttons()).toEqual(['Dispatch', 'Resolve', 'Pause', 'Note']);
  });

  it.each([
    ['Dispatch', 'dispatch'],
    ['On site', 'arrive'],
    ['Start remote', 'start-remote'],
    ['Resume', 'resume'],
  ] as const)('%s acts at once, without a dialog', async (label, type) => {
    serveIncident(json(incident({ version: 4, allowedActions: [type] })));
    const bodies = serveActions(() =>
      HttpResponse.json(incident({ version: 5, allowedActions: [] })),
    );
    await renderPage();
    await userEvent.click(await screen.findByRole('button', { name: label }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(bodies).toEqual([{ type, version: 4 }]));
  });

  it('resolves through its dialog: method, result and root cause, with the version', async () => {
    serveIncident(
      json(
        incident({
          version: 5,
          status: 'on-site',
          allowedActions: ['resolve', 'pause', 'note'],
        }),
      ),
    );
    const bodies = serveActions(() =>
      HttpResponse.json(
        incident({ version: 6, status: 'resolved', allowedActions: [] }),
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Resolve' }),
    );
    const dialog = await screen.findByRole('dialog');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByLabelText('Method')).toHaveAccessibleDescription(
      'Required',
    );
    expect(bodies).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Method'), {
      target: { value: '重启数据库监听服务并清理过期会话' },
    });
    fireEvent.change(within(dialog).getByLabelText('Result'), {
      target: { value: '各窗口恢复登录,业务正常' },
    });
    await userEvent.click(within(dialog).getByLabelText('Root cause'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Program error' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([
      {
        type: 'resolve',
        method: '重启数据库监听服务并清理过期会话',
        result: '各窗口恢复登录,业务正常',
        rootCause: 'program-error',
        version: 5,
      },
    ]);
    expect(screen.getByTestId('incident-status')).toHaveTextContent('Resolved');
    expect(
      screen.getByText('Nothing can be done in this status.'),
    ).toBeInTheDocument();
  });

  it.each([
    [
      'Confirm',
      'confirm',
      { 'Confirmed by': '黄工(信息科)' },
      { confirmedBy: '黄工(信息科)' },
    ],
    [
      'Pause',
      'pause',
      { Reason: '等待医院约定时间' },
      { reason: '等待医院约定时间' },
    ],
    [
      'Note',
      'note',
      { Note: '已电话告知信息科' },
      { text: '已电话告知信息科' },
    ],
    [
      'Reassign',
      'reassign',
      { Engineers: 'user:default/li.na, wang.fang' },
      { assignees: ['user:default/li.na', 'wang.fang'] },
    ],
    [
      'Grant remote access',
      'grant-remote-permission',
      { 'Granted by': '信息科 黄工' },
      { grantedBy: '信息科 黄工' },
    ],
    [
      'Reopen',
      'reopen',
      { Reason: '窗口再次无法登录' },
      { reason: '窗口再次无法登录' },
    ],
  ] as const)(
    '%s asks for its fields and sends them with the version',
    async (label, type, fields, sent) => {
      serveIncident(json(incident({ version: 2, allowedActions: [type] })));
      const bodies = serveActions(() =>
        HttpResponse.json(incident({ version: 3 })),
      );
      await renderPage();
      await userEvent.click(await screen.findByRole('button', { name: label }));
      const dialog = await screen.findByRole('dialog');
      for (const [name, value] of Object.entries(fields)) {
        fireEvent.change(within(dialog).getByLabelText(name), {
          target: { value },
        });
      }
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Save' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(bodies).toEqual([{ type, ...sent, version: 2 }]);
    },
  );

  it("re-grades to another of the contract's levels", async () => {
    serveIncident(json(incident({ version: 2, allowedActions: ['regrade'] })));
    server.use(
      http.get(`${WEIBAO_BASE_URL}/contract-standing`, () =>
        HttpResponse.json(standing()),
      ),
    );
    const bodies = serveActions(() =>
      HttpResponse.json(
        incident({ version: 3, level: 2, levelName: '严重故障' }),
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-grade' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Level'));
    const current = await screen.findByRole('option', {
      name: '1 系统灾难故障',
    });
    expect(current).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(screen.getByRole('option', { name: '2 严重故障' }));
    fireEvent.change(within(dialog).getByLabelText('Reason'), {
      target: { value: '仅窗口部门受影响' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByTestId('incident-level')).toHaveTextContent(
        '2 严重故障',
      ),
    );
    expect(bodies).toEqual([
      { type: 'regrade', level: 2, reason: '仅窗口部门受影响', version: 2 },
    ]);
  });

  it('closes at once, with the version, when the root cause is known', async () => {
    serveIncident(
      json(
        incident({
          version: 7,
          status: 'confirmed',
          rootCause: 'operator-error',
          allowedActions: ['close'],
        }),
      ),
    );
    const bodies = serveActions(() =>
      HttpResponse.json(incident({ status: 'closed', allowedActions: [] })),
    );
    await renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.getByTestId('incident-status')).toHaveTextContent('Closed'),
    );
    expect(bodies).toEqual([{ type: 'close', version: 7 }]);
  });

  it('asks for the root cause before closing an incident that has none', async () => {
    serveIncident(
      json(
        incident({
          version: 7,
          status: 'confirmed',
          allowedActions: ['close'],
        }),
      ),
    );
    const bodies = serveActions(() =>
      HttpResponse.json(incident({ status: 'closed', allowedActions: [] })),
    );
    await renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Root cause'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Product defect' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([
      { type: 'close', rootCause: 'product-defect', version: 7 },
    ]);
  });

  it("shows the backend's 400 next to the field it names", async () => {
    serveIncident(json(incident({ allowedActions: ['reassign'] })));
    serveActions(() =>
      errorResponse(
        400,
        'InputError',
        'assignees[0]: "李 娜" is not a user reference such as user:default/li.na',
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reassign' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Engineers'), {
      target: { value: '李 娜' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText('Engineers'),
      ).toHaveAccessibleDescription(
        'assignees[0]: "李 娜" is not a user reference such as user:default/li.na',
      ),
    );
  });

  it("on a 409 shows the backend's message and reloads the incident", async () => {
    const calls = serveIncident(
      json(incident({ version: 1 })),
      json(
        incident({
          version: 2,
          status: 'acknowledged',
          allowedActions: ['dispatch', 'note'],
        }),
      ),
    );
    const bodies = serveActions(() =>
      errorResponse(
        409,
        'ConflictError',
        'version: the incident is at version 2, not 1; reload it and try again',
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    expect(await screen.findByTestId('incident-conflict')).toHaveTextContent(
      'Not saved: version: the incident is at version 2, not 1; reload it and try again. The incident was reloaded.',
    );
    await waitFor(() =>
      expect(screen.getByTestId('incident-status')).toHaveTextContent(
        'Acknowledged',
      ),
    );
    expect(calls()).toBe(2);
    expect(bodies).toEqual([{ type: 'acknowledge', version: 1 }]);
    expect(buttons()).toEqual(['Dispatch', 'Note']);
  });

  it('on a 409 from a dialog closes it, shows the message and reloads', async () => {
    const calls = serveIncident(
      json(incident({ status: 'resolved', allowedActions: ['confirm'] })),
      json(incident({ status: 'reported', allowedActions: ['acknowledge'] })),
    );
    serveActions(() =>
      errorResponse(
        409,
        'ConflictError',
        'type: cannot confirm an incident that is reported; resolve it first',
      ),
    );
    await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Confirm' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Confirmed by'), {
      target: { value: '黄工' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('incident-conflict')).toHaveTextContent(
      'cannot confirm an incident that is reported; resolve it first',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(calls()).toBe(2));
    await waitFor(() =>
      expect(screen.getByTestId('incident-status')).toHaveTextContent(
        'Reported',
      ),
    );
  });
});
