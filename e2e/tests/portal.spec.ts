import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForExampleCatalog } from './helpers';

test('the portal shows the example hospitals and their systems', async ({
  page,
}) => {
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  await page.getByRole('link', { name: 'Weibao 维保' }).click();
  await expect(page).toHaveURL(/\/weibao$/);
  // the team view first; every hospital's systems on their own tab
  await page.getByRole('tab', { name: 'Hospital systems' }).click();
  await expect(page).toHaveURL(/\/weibao\/systems$/);
  await expect(page.getByText('ZLHIS 医院信息系统')).toBeVisible();
  await expect(page.getByText('崇左市妇幼保健院').first()).toBeVisible();
  await expect(page.getByText('龙州县人民医院').first()).toBeVisible();
  await expect(page.getByText('Surgical anaesthesia system')).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('hospital-systems.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'ZLHIS 医院信息系统' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/zlhis-chongzuo/);
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Hospital system' });
  await expect(card.getByText('中联')).toBeVisible();
  await expect(
    card.getByText('Hospital information system (HIS)'),
  ).toBeVisible();
  // Weibao's cards come before the catalog's relation cards
  const top = async (title: string) => {
    const heading = page.getByText(title, { exact: true }).first();
    await expect(heading).toBeVisible();
    return (await heading.boundingBox())!.y;
  };
  const health = await top('Contract health');
  expect(health).toBeLessThan(await top('Depends on components'));
  expect(await top('Maintenance contract')).toBeLessThan(
    await top('Depends on resources'),
  );
  await page.screenshot({
    path: test.info().outputPath('zlhis-entity-page.png'),
    fullPage: true,
  });
});

test('a maintenance contract has its own entity page with its relations', async ({
  page,
}) => {
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  await page.goto('/catalog/default/maintenancecontract/chongzuo-mch-2026');
  await expect(
    page.getByRole('heading', {
      name: '崇左市妇幼保健院 医院信息系统运维服务合同 (2026)',
    }),
  ).toBeVisible();
  await expect(
    page.getByText('One-year maintenance of the hospital').first(),
  ).toBeVisible();
  // the relations graph draws Weibao's relations: eight covered systems, the hospital, the vendor
  const graph = page.locator('svg').filter({ hasText: 'covers' }).first();
  await expect(graph.getByText('covers', { exact: true })).toHaveCount(8);
  await expect(graph.getByText('contractWith', { exact: true })).toBeVisible();
  await expect(graph.getByText('providedBy', { exact: true })).toBeVisible();
  await expect(graph.getByText('ZLHIS 医院信息系统')).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('contract-entity-page.png'),
    fullPage: true,
  });
});

test('a contract that breaks a rule shows its error, naming the field', async ({
  page,
}) => {
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  await page.goto('/catalog-unprocessed-entities');
  // never valid, so never in the catalog: listed as pending, with its errors
  await page.getByRole('tab', { name: 'Pending' }).click();
  const row = page.getByRole('row').filter({ hasText: 'MaintenanceContract' });
  await row.getByRole('button').last().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('chongzuo-mch-draft');
  await expect(dialog).toContainText(
    'spec.severityLevels[0].clocks[0].calendar: unknown calendar \\"7x24\\"',
  );
  await page.screenshot({
    path: test.info().outputPath('unprocessed-contract.png'),
    fullPage: true,
  });
});
