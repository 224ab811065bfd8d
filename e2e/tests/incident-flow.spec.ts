import { expect, Page, test } from '@playwright/test';
import { signInAsGuest, waitForExampleCatalog } from './helpers';

const zlhis = '/catalog/default/component/zlhis-chongzuo';

/** The open-incident figure of ZLHIS's health card. */
async function openIncidentsOnCard(page: Page): Promise<number> {
  await page.goto(zlhis);
  const figure = page.getByTestId('health-open-incidents');
  await expect(figure).toBeVisible();
  return Number(await figure.textContent());
}

/** Clicks an action of the incident page, fills its dialog and saves it. */
async function act(
  page: Page,
  action: string,
  fields: Record<string, string> = {},
) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  if (await dialog.isVisible().catch(() => false)) {
    for (const [label, value] of Object.entries(fields)) {
      await dialog.getByLabel(label, { exact: false }).first().fill(value);
    }
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
}

test('an engineer reports an incident on a system, sees its clocks, walks it to confirmed, and the card follows', async ({
  page,
}) => {
  // a whole lifecycle, and the duties may take a run of the obligations job to appear
  test.setTimeout(240_000);
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  const before = await openIncidentsOnCard(page);

  // report a level-1 fault on ZLHIS from the system's Incidents tab
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await page.getByRole('button', { name: 'Report incident' }).click();
  const form = page.getByRole('dialog');
  const title = `挂号处无法登录 ZLHIS ${Date.now()}`;
  await form.getByLabel('Title').fill(title);
  await form
    .getByLabel('Symptoms')
    .fill('挂号、收费窗口登录时报“连接数据库失败”');
  await form.getByLabel('Reporter name').fill('黄工(信息科)');
  await form.getByLabel('Reporter contact').fill('0771-7820000');
  await form.getByLabel('Level').click();
  await page.getByRole('option', { name: /^1\b/ }).click();
  await page.screenshot({
    path: test.info().outputPath('report-incident-form.png'),
    fullPage: true,
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  // the incident's page: its clocks from the contract's matrix, with due times and states
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(/\/weibao\/incidents\/[0-9a-f-]{36}$/);
  const status = page.getByTestId('incident-status');
  await expect(status).toHaveText('Reported');
  for (const milestone of ['response', 'dispatch', 'resolution']) {
    const clock = page.getByTestId(`clock-${milestone}`);
    await expect(clock).toBeVisible();
    await expect(clock.locator('[data-clock-state]')).toHaveAttribute(
      'data-clock-state',
      /running|at-risk/,
    );
  }
  await page.screenshot({
    path: test.info().outputPath('incident-reported.png'),
    fullPage: true,
  });
  const incidentUrl = page.url();

  // the health card counts it, runs its clocks under the contract's name for the level, and
  // names the covering contract and the next inspection and drill, whatever falls due first
  expect(await openIncidentsOnCard(page)).toBe(before + 1);
  const clocksOnCard = page
    .getByTestId('health-running-clock')
    .filter({ hasText: title });
  await expect(clocksOnCard.first()).toContainText('Level 1 · 系统灾难故障');
  await expect(
    page.getByTestId('health-covered-by').getByRole('link'),
  ).toHaveCount(1);
  // the duties come from the contracts once the obligations job has read them from the catalog
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('health-next-inspection').getByRole('link'),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByTestId('health-next-drill').getByRole('link'),
  ).toBeVisible();
  await page.goto(incidentUrl);

  await act(page, 'Acknowledge');
  await expect(status).toHaveText('Acknowledged');
  await expect(
    page.getByTestId('clock-response').locator('[data-clock-state]'),
  ).toHaveAttribute('data-clock-state', 'met');
  await act(page, 'Dispatch');
  await expect(status).toHaveText('Dispatched');
  await act(page, 'On site');
  await expect(status).toHaveText('On site');
  await act(page, 'Resolve', {
    Method: '重启数据库监听服务并清理过期会话',
    Result: '各窗口恢复登录,业务正常',
  });
  await expect(status).toHaveText('Resolved');
  await act(page, 'Confirm', { 'Confirmed by': '黄工(信息科)' });
  await expect(status).toHaveText('Confirmed');
  await expect(
    page.getByTestId('clock-resolution').locator('[data-clock-state]'),
  ).toHaveAttribute('data-clock-state', 'met');
  await page.screenshot({
    path: test.info().outputPath('incident-confirmed.png'),
    fullPage: true,
  });

  // confirmed by the hospital: no longer open on the card
  expect(await openIncidentsOnCard(page)).toBe(before);
  await page.screenshot({
    path: test.info().outputPath('zlhis-health-card.png'),
    fullPage: true,
  });
});

test('the portal speaks Chinese when the user chooses it', async ({ page }) => {
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  await page.goto('/settings');
  await page.getByText('English', { exact: true }).first().click();
  await page.getByRole('option', { name: '中文' }).click();

  await page.goto('/weibao');
  await expect(page.getByText('我的团队维保的系统(风险优先)')).toBeVisible();
  await page.goto(zlhis);
  await expect(page.getByText('院内系统').first()).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('zlhis-in-chinese.png'),
    fullPage: true,
  });
});
