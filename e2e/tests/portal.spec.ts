import { expect, Page, test } from '@playwright/test';
import { backendUrl } from '../playwright.config';

/** Waits until the backend has loaded the example catalog (it starts after the frontend). */
async function waitForExampleCatalog(page: Page) {
  await expect
    .poll(
      async () => {
        try {
          const guest = await page.request.get(
            `${backendUrl}/api/auth/guest/refresh`,
          );
          if (!guest.ok()) return 0;
          const { backstageIdentity } = await guest.json();
          const res = await page.request.get(
            `${backendUrl}/api/weibao/hospital-systems`,
            {
              headers: { Authorization: `Bearer ${backstageIdentity.token}` },
            },
          );
          return res.ok() ? (await res.json()).items.length : 0;
        } catch {
          return 0;
        }
      },
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe(10);
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('the portal shows the example hospitals and their systems', async ({
  page,
}) => {
  await waitForExampleCatalog(page);
  await signInAsGuest(page);

  await page.getByRole('link', { name: 'Weibao 维保' }).click();
  await expect(page).toHaveURL(/\/weibao$/);
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
  await page.screenshot({
    path: test.info().outputPath('zlhis-entity-page.png'),
    fullPage: true,
  });
});
