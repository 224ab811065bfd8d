import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupWeibaoServer, WEIBAO_BASE_URL } from '../../__testUtils__';
import {
  draftDetail,
  DRILL_ID,
  readyPlan,
  serverDownDrill,
  upgradePlanTesting,
} from './__testUtils__';

// dialogs with many fields are slow to render and fill in jsdom
jest.setTimeout(20_000);

const server = setupWeibaoServer();
const { planIs, render } = upgradePlanTesting(server);

describe('UpgradePlanPage', () => {
  it('shows progress while the plan loads', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/upgrade-plans/:id`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await render();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows the backend's error for an unknown plan", async () => {
    planIs(readyPlan);
    await render('00000000-0000-4000-8000-000000000000');
    expect(
      (
        await screen.findAllByText(
          /no upgrade plan 00000000-0000-4000-8000-000000000000/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('shows the gates with their evidence, the rollback plan, its drills and history', async () => {
    planIs({ ...readyPlan, drills: [readyPlan.drills[0], serverDownDrill] });
    await render();
    expect(
      await screen.findByRole('heading', { name: 'ZLHIS 10.35 升级' }),
    ).toBeInTheDocument();
    for (const gate of [
      'test-environment',
      'simulated-upgrade',
      'rollback-plan',
      'rollback-rehearsed',
      'hospital-approval',
    ]) {
      expect(screen.getByTestId(`gate-${gate}`)).toHaveAttribute(
        'data-gate-state',
        'met',
      );
    }
    const simulated = screen.getByTestId('gate-simulated-upgrade');
    expect(simulated).toHaveTextContent('模拟升级通过,回归测试 132 项');
    // an external link, opening apart (its accessible name says so)
    expect(
      within(simulated).getByRole('link', {
        name: /^https:\/\/wiki\.example\/zlhis\/10\.35\/simulated/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example/zlhis/10.35/simulated');
    expect(simulated).toHaveTextContent('12 Nov 2026, 11:00');

    const rollback = screen.getByTestId('rollback-plan');
    expect(rollback).toHaveTextContent('挂号或收费任一窗口 30 分钟内无法恢复');
    expect(
      within(rollback)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      '停止应用服务',
      '恢复升级前全量备份',
      '启动 10.34.0 并核对数据',
    ]);
    expect(rollback).toHaveTextContent('60 min');
    expect(rollback).toHaveTextContent(
      '13 Nov 2026, 10:00: 正式库全量备份至异地备份机',
    );

    expect(screen.getByTestId(`drill-recovery-${DRILL_ID}`)).toHaveTextContent(
      '35 min of 60 min',
    );
    expect(
      screen.getByTestId(`drill-recovery-${serverDownDrill.id}`),
    ).toHaveTextContent('95 min of 60 min');
    expect(
      screen
        .getAllByText(/^(Passed|Failed)$/)
        .map(e =>
          e.closest('[data-drill-result]')!.getAttribute('data-drill-result'),
        ),
    ).toEqual(['passed', 'failed']);

    expect(screen.getByText('Planned')).toBeInTheDocument();
    expect(
      screen.getByText('Test environment ready · 测试环境已按正式库结构搭建'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('plan-window')).toHaveTextContent(
      '21 Nov 2026, 22:00 – 22 Nov 2026, 04:00 · 120 min downtime',
    );
  });

  it('offers exactly the actions the plan allows', async () => {
    planIs(readyPlan);
    await render();
    const actions = await screen.findByTestId('upgrade-actions');
    expect(
      within(actions)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      'Meet a gate',
      'Write rollback plan',
      'Record rollback rehearsal',
      'Reschedule',
      'Start upgrade',
      'Cancel plan',
    ]);
  });

  it('says what is missing on a fresh draft, and that a finished plan takes no action', async () => {
    planIs(draftDetail);
    const { unmount } = await render();
    expect(
      await screen.findByText('No rollback plan written yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No drill has rehearsed this plan yet.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('gate-hospital-approval')).toHaveAttribute(
      'data-gate-state',
      'missing',
    );
    expect(screen.getByTestId('gate-hospital-approval')).toHaveTextContent(
      'missing',
    );
    unmount();

    planIs({
      ...readyPlan,
      status: 'verified',
      allowedActions: [],
      verification: {
        functionalTest: '挂号收费流程',
        dataCheck: '当日结算数据一致',
        by: 'user:default/zhang.wei',
        at: '2026-11-22T01:00:00.000Z',
      },
    });
    await render();
    expect(
      await screen.findByText('No action is open to a plan that is Verified.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Functional test: 挂号收费流程/),
    ).toBeInTheDocument();
  });
});
