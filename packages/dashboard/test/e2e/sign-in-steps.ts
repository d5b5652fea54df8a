import type { Page } from 'playwright-core';

/**
 * Signs in through the console's form, as a person would. The fields are looked up inside the Password tab: the
 * application-credential tab's fields ("Owner user name", its own "Domain") are in the page too, and the tab itself
 * is named "Password".
 */
export async function signInWithPassword(
  page: Page,
  user: string,
  password: string,
  options: { domain?: string; project?: string; path?: string } = {},
): Promise<void> {
  await page.goto(`/dashboard${options.path ?? '/login'}`);
  const form = page.getByRole('tabpanel', { name: 'Password' });
  await form.getByRole('textbox', { name: 'User name', exact: true }).fill(user);
  await form.locator('input[type="password"]').fill(password);
  if (options.domain) await form.getByRole('textbox', { name: 'Domain', exact: true }).fill(options.domain);
  if (options.project)
    await form.getByRole('textbox', { name: 'Project (optional)', exact: true }).fill(options.project);
  await form.getByRole('button', { name: 'Sign in' }).click();
}
