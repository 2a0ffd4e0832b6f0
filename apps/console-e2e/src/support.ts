import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const SCREENSHOTS = path.resolve(__dirname, '../../../.data/screenshots');
fs.mkdirSync(SCREENSHOTS, { recursive: true });

const ROLE_LABEL = {
  operator: '话务员',
  unit: '承办单位',
  supervisor: '指挥中心',
  auditor: '审计',
} as const;

/** Picks an option of an Ant Design select found by its label, as a person would: open, click. */
export async function choose(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  // The select's own box, where the chosen option shows once taken.
  const chosen = select
    .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .locator('.ant-select-content-has-value, .ant-select-selection-item')
    .filter({ hasText: option })
    .first();
  // A click that lands while the dropdown is still opening can be lost on a fast machine:
  // open and pick again until the select shows the option (as a person would look and retry).
  await expect(async () => {
    if (!(await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()))
      await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 2_000 });
    await expect(chosen).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Signs in through the development picker (POST /dev/session). */
export async function signIn(
  page: Page,
  role: keyof typeof ROLE_LABEL,
  unit?: { id: string; name: string },
) {
  await page.goto('/console/signin');
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/console/signin');
  await choose(page, '角色', ROLE_LABEL[role]);
  if (unit) {
    await page.getByLabel('单位', { exact: true }).fill(unit.id);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      // The code as the option shows it, "（CGZF，…": other districts have LS-CGZF, HX-CGZF.
      .filter({ hasText: `（${unit.id}，` })
      .first()
      .click();
  }
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

export async function screenshot(page: Page, name: string) {
  // From the top: the sticky header would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A modal's form: fill, submit with 提交, and wait for it to close (or show a refusal). */
export function dialog(page: Page) {
  return page.getByRole('dialog');
}

/** "YYYY-MM-DD HH:mm:ss" in Beijing time, `days` from now (what the date picker accepts typed). */
export function beijingTime(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export const CGZF = { id: 'CGZF', name: '云川区城市管理综合行政执法局' };
export const SJJ = { id: 'SJJ', name: '云川区市场监督管理局' };
export const XHJD = { id: 'XHJD', name: '星湖街道办事处' };
export const ZJW = { id: 'ZJW', name: '云川区住房和城乡建设委员会（区房屋管理局）' };
