import type { Page } from 'playwright-core';

/** Signs in through the console's form, as a person would. */
export async function signInWithPassword(page: Page, user: string, password: string, options: { domain?: string; project?: string; path?: string } = {}): Promise<void> {
  await page.goto(`/dashboard${options.path ?? '/login'}`);
  await page.getByLabel('User name', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (options.domain) await page.getByLabel('Domain', { exact: true }).fill(options.domain);
  if (options.project) await page.getByLabel('Project (optional)').fill(options.project);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
