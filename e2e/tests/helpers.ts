import { expect, Page } from '@playwright/test';
import { backendUrl } from '../playwright.config';

/** How many entities of a kind the backend's catalog holds, as the guest sees them. */
async function countInCatalog(page: Page, kind: string): Promise<number> {
  try {
    const guest = await page.request.get(
      `${backendUrl}/api/auth/guest/refresh`,
    );
    if (!guest.ok()) return 0;
    const { backstageIdentity } = await guest.json();
    const res = await page.request.get(
      `${backendUrl}/api/catalog/entities/by-query?filter=kind=${kind}&limit=100`,
      { headers: { Authorization: `Bearer ${backstageIdentity.token}` } },
    );
    return res.ok() ? (await res.json()).items.length : 0;
  } catch {
    return 0;
  }
}

/**
 * Waits until the backend has loaded the example catalog (it starts after the frontend; a
 * contract is accepted on the processing pass after its systems are in).
 */
export async function waitForExampleCatalog(page: Page) {
  const poll = { timeout: 180_000, intervals: [1000] };
  await expect.poll(() => countInCatalog(page, 'component'), poll).toBe(11);
  await expect
    .poll(() => countInCatalog(page, 'maintenancecontract'), poll)
    .toBe(2);
}

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // the sidebar's: the home page lists recently visited pages, Catalog among them
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
