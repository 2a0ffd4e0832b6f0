import { expect, test } from '@playwright/test';
import { beijingTime, CGZF, choose, dialog, screenshot, signIn, XHJD, ZJW } from './support';

/** 街乡吹哨、部门报到: a street blows, a department reports, commits and completes, the street closes. */
test.describe.configure({ mode: 'serial' });

let whistleUrl = '';

test('a whistle from blow to close', async ({ page }) => {
  await signIn(page, 'unit', XHJD);
  await page.getByRole('menuitem', { name: /吹哨报到/ }).click();
  await expect(page.getByRole('heading', { name: '吹哨报到' })).toBeVisible();

  // Outside the whistle list's scope: each refusal shows on its field.
  await choose(page, '事项', 'PA-002');
  await page.getByLabel('标题').fill('星湖东里5号楼群租房整治');
  await page.getByLabel('情况说明').fill('5号楼地下室群租，消防隐患突出，需多部门联合整治');
  await page.getByLabel('地点').fill('星湖东里5号楼');
  await choose(page, '召集部门', CGZF.name);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '吹哨', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('输入有误（400）：超出吹哨清单的范围');
  await expect(page.locator('#summonedUnitIds_help')).toContainText('没有法定职责');
  await screenshot(page, '10-whistle-scope-error');

  // Within scope: the housing commission has a duty for 群租房整治.
  await page.getByLabel('召集部门').press('Backspace');
  await choose(page, '召集部门', ZJW.name);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '吹哨', exact: true }).click();
  await expect(page.getByTestId('whistle-status')).toHaveText('办理中');
  whistleUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('link', { name: /在 Temporal 中查看流程 WS/ })).toBeVisible();

  await signIn(page, 'unit', ZJW);
  await page.goto(whistleUrl);
  await page.getByRole('button', { name: '报到', exact: true }).click();
  await dialog(page).getByLabel('到场人员（岗位）').fill('房屋管理科科长');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByLabel('部门报到记录')).toContainText('已报到');
  await page.getByRole('button', { name: '表态', exact: true }).click();
  await dialog(page).getByLabel('措施').fill('联合消防、公安清理地下室群租');
  await dialog(page).getByLabel('承诺完成时间').fill(beijingTime(7));
  await dialog(page).getByLabel('承诺完成时间').press('Enter');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByLabel('部门报到记录')).toContainText('已表态');
  await page.getByRole('button', { name: '完成', exact: true }).click();
  await dialog(page).getByLabel('完成情况').fill('地下室已清空并封闭');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByLabel('部门报到记录')).toContainText('已完成');

  await signIn(page, 'unit', XHJD);
  await page.goto(whistleUrl);
  await page.getByRole('button', { name: '核查', exact: true }).click();
  await dialog(page).getByLabel('核查意见').fill('现场核查，地下室已封闭');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByLabel('部门报到记录')).toContainText('已核查');
  await page.getByRole('button', { name: '关闭', exact: true }).click();
  await dialog(page).getByLabel('总结').fill('群租房已整治，隐患消除');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('whistle-status')).toHaveText(/已关闭|已评价/);
  await screenshot(page, '11-whistle');
});

test('the whistle board lists it with each department’s record', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.getByRole('menuitem', { name: /吹哨报到/ }).click();
  const id = whistleUrl.split('/').pop()!;
  // The board is a read model: the row appears once projected (the page refreshes itself).
  await expect(page.getByLabel('吹哨看板').getByText(id)).toBeVisible({ timeout: 60_000 });
  await screenshot(page, '12-whistle-board');
});
