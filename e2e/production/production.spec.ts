import { expect, Page, test } from '@playwright/test';

const password = process.env.WEIBAO_PROD_IDP_PASSWORD!;

/** The sign-in page offers the SSO provider only; signing in opens the provider's login form. */
async function signInWithSso(page: Page, username: string) {
  await page.goto('/');
  await expect(page.getByText('SSO 单点登录').first()).toBeVisible();
  // no guest in production
  await expect(page.getByText('Guest', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath('1-sign-in-page.png'),
    fullPage: true,
  });

  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Username').fill(username);
  await popup.getByLabel('Password').fill(password);
  await popup.screenshot({ path: test.info().outputPath('2-sso-login.png') });
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.waitForEvent('close', { timeout: 60_000 });
}

test('a vendor engineer signs in through OIDC and sees the team’s systems', async ({
  page,
}) => {
  await signInWithSso(page, 'zhang.wei');
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // the user is the catalog's 张伟 (the sign-in resolver matched the email)
  await page.goto('/settings');
  await expect(page.getByText('张伟').first()).toBeVisible();
  await expect(
    page.getByText('zhang.wei@vendor.example').first(),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('3-settings-identity.png'),
    fullPage: true,
  });

  // a full page load: the session is refreshed through the provider's refresh token
  await page.goto('/weibao');
  await expect(
    page.getByText('My teams’ systems, at risk first'),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Owned by user:default/zhang.wei, group:default/his-aftersales-guangxi',
    ),
  ).toBeVisible();
  await expect(page.getByTestId('team-total-systems')).toHaveText('8');
  // the incident the test reported over HTTP with the static token
  await expect(page.getByTestId('team-total-openIncidents')).not.toHaveText(
    '0',
  );
  await expect(page.getByText('ZLHIS 医院信息系统').first()).toBeVisible();
  await expect(page.getByText('单病种质量监测').first()).toBeVisible();
  // the other team's systems are not in this team's view
  await expect(page.getByText('重症监护系统')).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath('4-team-view.png'),
    fullPage: true,
  });
});

test('a wrong password is refused by the provider and gives no session', async ({
  page,
}) => {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Username').fill('zhang.wei');
  await popup.getByLabel('Password').fill(`${password}-wrong`);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(popup.getByRole('alert')).toHaveText(
    'Invalid username or password',
  );
  await popup.close();
  const refresh = await page.request.get('/api/auth/oidc/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(false);
});
