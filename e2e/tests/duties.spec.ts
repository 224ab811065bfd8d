import { expect, Locator, Page, test } from '@playwright/test';
import { signInAsGuest, waitForExampleCatalog } from './helpers';

const zlhis = '/catalog/default/component/zlhis-chongzuo';

/** A small valid PDF: what a backup job's report would be, a few hundred bytes. */
const reportPdf = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

/** The number a count chip of a group shows ("270 overdue" → 270), 0 when it has none. */
async function countOf(group: Locator, state: string): Promise<number> {
  const chip = group.locator(`[data-duty-count="${state}"]`);
  if ((await chip.count()) === 0) return 0;
  return Number(/\d+/.exec((await chip.first().textContent()) ?? '')?.[0]);
}

/** ZLHIS's own duties with something overdue or due soon, once the obligations job has run. */
async function openSystemDuties(page: Page): Promise<Locator> {
  const open = page
    .getByTestId('duty-section-system')
    .getByTestId('duty-group')
    .filter({
      has: page.getByRole('button', { name: 'Complete…', disabled: false }),
    });
  // the duties come from the contracts once the obligations job has read them from the catalog
  await expect(async () => {
    await page.goto(zlhis);
    await expect(open.first()).toBeVisible({ timeout: 30_000 });
  }).toPass({ timeout: 180_000 });
  return open;
}

test('an engineer completes a whole duty of a system in bulk with a PDF report and sees its counts fall', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  const open = await openSystemDuties(page);
  const card = page.getByTestId('duty-groups');
  // the system's own duties apart from the contract's, each with its counts as chips
  await expect(card.getByText('Duties of this system')).toBeVisible();
  const group = open.first();
  const obligationId = await group.getAttribute('data-obligation-id');
  const name = (await group.getByTestId('duty-name').textContent())!;
  const overdue = await countOf(group, 'overdue');
  const due = await countOf(group, 'due');
  const doneBefore = await countOf(group, 'done');
  expect(overdue + due).toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: test.info().outputPath('duties-card-before.png'),
    fullPage: true,
  });

  await group.getByRole('button', { name: 'Complete…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('bulk-count')).toHaveText(
    `${overdue + due} occurrence${
      overdue + due === 1 ? '' : 's'
    } will be recorded as done.`,
  );
  await dialog
    .getByLabel('What was done')
    .fill('备份作业日志已核对:各次备份均成功,报告见附件');
  await dialog.getByLabel('People who did it').fill('黄工(信息科)');
  await dialog.getByTestId('bulk-complete-file').setInputFiles({
    name: 'zlhis-backup-report.pdf',
    mimeType: 'application/pdf',
    buffer: reportPdf,
  });
  await expect(dialog.getByTestId('bulk-file-name')).toHaveText(
    'zlhis-backup-report.pdf',
  );
  await page.screenshot({
    path: test.info().outputPath('duties-bulk-complete-dialog.png'),
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Record as done' }).click();
  await expect(dialog).toBeHidden();

  // the card says what was done and its counts fall: nothing of that duty overdue or due
  await expect(page.getByTestId('duties-confirmation')).toContainText(
    `of ${name} recorded as done`,
  );
  const after = page
    .getByTestId('duty-section-system')
    .locator(`[data-testid="duty-group"][data-obligation-id="${obligationId}"]`)
    .first();
  await expect(after.locator('[data-duty-count="overdue"]')).toHaveCount(0);
  await expect
    .poll(() => countOf(after, 'done'))
    .toBeGreaterThanOrEqual(doneBefore + overdue);
  await page.screenshot({
    path: test.info().outputPath('duties-card-after.png'),
    fullPage: true,
  });

  // the Duties tab lists them, done, with the report attached on each occurrence's page
  // (the Weibao page's code may still be compiling on the development server: a longer wait)
  await page.goto('/weibao/duties');
  await expect(page.getByRole('tab', { name: 'Duties' })).toHaveAttribute(
    'aria-selected',
    'true',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('duty-groups')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('duty-occurrences')).toBeVisible({
    timeout: 60_000,
  });
  await page.screenshot({
    path: test.info().outputPath('duties-tab.png'),
    fullPage: true,
  });

  // the same in Chinese: the card, its counts and the tab
  await page.goto('/settings');
  await page.getByText('English', { exact: true }).first().click();
  await page.getByRole('option', { name: '中文' }).click();
  await page.goto(zlhis);
  await expect(page.getByText('本系统的周期性义务')).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByTestId('duty-groups').locator('[data-duty-count="done"]').first(),
  ).toContainText('已完成');
  await page.getByTestId('duty-groups').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: test.info().outputPath('duties-card-zh.png'),
    fullPage: true,
  });
  await page.goto('/weibao/duties');
  await expect(page.getByRole('tab', { name: '周期性义务' })).toHaveAttribute(
    'aria-selected',
    'true',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('duty-occurrences')).toBeVisible({
    timeout: 60_000,
  });
  await page.screenshot({
    path: test.info().outputPath('duties-tab-zh.png'),
    fullPage: true,
  });
});
