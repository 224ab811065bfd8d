import { expect, Page, test } from '@playwright/test';
import { signInAsGuest, waitForExampleCatalog } from './helpers';

/** The month grid (the sidebar's notifications are a grid too). */
const monthGrid = (page: Page) =>
  page.getByRole('grid', { name: /^\d{4}-\d{2}$/ });

/** Moves month by month (at most a year) until the grid shows an official holiday of the month. */
async function nextMonthWithHoliday(page: Page) {
  const holiday = page.locator(
    '[role="grid"] [data-day-kind="holiday"][data-in-month="true"]',
  );
  for (let i = 0; i < 12 && (await holiday.count()) === 0; i++) {
    const shown = await monthGrid(page).getAttribute('aria-label');
    await page.getByRole('button', { name: 'Next month' }).click();
    await expect(monthGrid(page)).not.toHaveAttribute(
      'aria-label',
      shown ?? '',
      { timeout: 60_000 },
    );
  }
  await expect(holiday.first()).toBeVisible();
  return holiday.first();
}

test("the team calendar shows the month's duties, then a month's official holidays, in English and Chinese", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  // this month: the guest's team's duties (the daily backups at the least) once the obligations
  // job has read the contracts
  const duty = page.locator('[role="grid"] [data-event-kind="duty"]');
  await expect(async () => {
    await page.goto('/weibao/calendar');
    await expect(duty.first()).toBeVisible({ timeout: 30_000 });
  }).toPass({ timeout: 180_000 });
  await expect(page.locator('[role="grid"] [data-today="true"]')).toHaveCount(
    1,
  );
  await page.screenshot({
    path: test.info().outputPath('calendar-month.png'),
    fullPage: true,
  });

  const holiday = await nextMonthWithHoliday(page);
  // a holiday carries its name (元旦, 劳动节, 国庆节, 春节…)
  await expect(holiday).toContainText(/[\u4e00-\u9fff]/);
  await page.screenshot({
    path: test.info().outputPath('calendar-holiday.png'),
    fullPage: true,
  });

  await page.goto('/settings');
  await page.getByText('English', { exact: true }).first().click();
  await page.getByRole('option', { name: '中文' }).click();
  await page.goto('/weibao/calendar');
  await expect(duty.first()).toBeVisible({ timeout: 60_000 });
  await expect(monthGrid(page).getByRole('columnheader').first()).toContainText(
    /[\u4e00-\u9fff]/,
  );
  await page.screenshot({
    path: test.info().outputPath('calendar-month-zh.png'),
    fullPage: true,
  });
});
