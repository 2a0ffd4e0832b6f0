import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { beijingTime, CGZF, choose, dialog, screenshot, SCREENSHOTS, signIn, SJJ } from './support';

/**
 * One order through the console, as the people who handle it would: the operator takes the call,
 * the unit handles it from its inbox, the centre calls back and the order closes; another unit
 * never sees it; the month's ranking shows the unit.
 */
test.describe.configure({ mode: 'serial' });

let orderId = '';
const phone = `139${String(Date.now()).slice(-8)}`;

test('the console loads for the first time (measured, not asserted)', async ({ page }) => {
  const started = Date.now();
  await page.goto('/console/signin');
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  const visibleMs = Date.now() - started;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const bytes = performance
      .getEntriesByType('resource')
      .reduce(
        (sum, r) => sum + ((r as PerformanceResourceTiming).transferSize || 0),
        nav.transferSize || 0,
      );
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      firstContentfulPaintMs: fcp ? Math.round(fcp.startTime) : null,
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      loadMs: Math.round(nav.loadEventEnd),
      bytes,
    };
  });
  fs.writeFileSync(
    path.join(SCREENSHOTS, 'first-load.json'),
    JSON.stringify({ ...timing, signInVisibleMs: visibleMs }, null, 2),
  );
  await screenshot(page, '01-sign-in');
});

test('the operator records a call and sees the suggestion', async ({ page }) => {
  await signIn(page, 'operator');
  await expect(page.getByRole('heading', { name: '受理来电' })).toBeVisible();
  await page.getByLabel('来电号码').fill(phone);
  await page.getByLabel('来电号码').press('Enter');
  await expect(page.getByLabel('来电人')).toBeFocused();
  await page.getByLabel('来电人').fill('张女士');
  await page
    .getByLabel('诉求内容')
    .fill('星湖东里3号楼旁的工地夜间施工噪音很大，晚上十一点还在打桩');
  await page.getByLabel('诉求地址').fill('星湖街道星湖东里3号楼旁');
  await choose(page, '街道/乡镇', '星湖街道');
  await choose(page, '社区/村', '星湖东里社区');
  // The live suggestion (POST /orders/screening), from what has been typed: matter, place, filter.
  const live = page.getByLabel('智能研判建议');
  await expect(
    live.getByLabel('事项类型候选').getByText('施工噪声扰民（CG-003）', { exact: false }),
  ).toBeVisible();
  await expect(live.getByLabel('地点候选')).toContainText('星湖东里社区');
  await expect(live.getByText('受理派单', { exact: true })).toBeVisible();
  await screenshot(page, '02-intake-suggestion');
  await page.getByLabel('诉求内容').press('Control+Enter');

  const result = page.getByLabel('受理结果');
  await expect(result.getByText('受理派单')).toBeVisible();
  await expect(result.getByText('施工噪声扰民（CG-003）')).toBeVisible();
  await expect(result.getByText(CGZF.name)).toBeVisible();
  orderId = (await result.getByTestId('new-order-id').textContent())!.trim();
  expect(orderId).toMatch(/^HL\d{8}-\d{7}$/);
  await expect(
    result.getByRole('link', { name: `在 Temporal 中查看流程 ${orderId}` }),
  ).toHaveAttribute('href', `http://127.0.0.1:8233/namespaces/default/workflows/${orderId}`);
  await screenshot(page, '03-intake-result');
  // The same caller again: the history shows the order as soon as the number is typed.
  await page.getByRole('button', { name: '新来电', exact: true }).click();
  await page.getByLabel('来电号码').fill(phone);
  await expect(page.getByLabel('来电人历史工单').getByText(orderId)).toBeVisible({
    timeout: 60_000,
  }); // the read model follows the workflow's start
  // Nothing personal in the address bar or the browser's storage: only the token.
  expect(page.url()).not.toContain(phone);
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toContain(phone);
  expect(stored).not.toContain('张女士');
});

test('the unit acknowledges, responds and resolves it in its inbox', async ({ page }) => {
  await signIn(page, 'unit', CGZF);
  const row = page.getByRole('row').filter({ hasText: orderId });
  await expect(row).toBeVisible();
  await expect(row.getByLabel(/签收时限/)).toContainText('剩余');
  await screenshot(page, '03-inbox');
  await row.getByRole('link', { name: orderId, exact: true }).click();

  await expect(page.getByTestId('order-status')).toHaveText('已派单待签收');
  // The lead unit sees the caller in full while the order is open.
  await expect(page.getByText(phone)).toBeVisible();
  await page.getByRole('button', { name: '签收', exact: true }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已签收');

  await page.getByRole('button', { name: '响应', exact: true }).click();
  await dialog(page).getByLabel('联系情况').fill('已电话联系来电人，约定今晚到现场核查');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已响应');

  // A refused action shows the API's reason: an extension far beyond what the policy allows.
  await page.getByRole('button', { name: '延期申请', exact: true }).click();
  await dialog(page).getByLabel('申请延至').fill(beijingTime(3650));
  await dialog(page).getByLabel('申请延至').press('Enter');
  await dialog(page).getByLabel('延期理由').fill('需协调多个部门联合执法');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('（400）：延期不得超过');
  await screenshot(page, '04-order-refusal');
  await dialog(page).getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '办结', exact: true }).click();
  await dialog(page).getByLabel('办理情况').fill('已责令施工单位夜间停工，现场已恢复安静');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已办结待回访');
  await expect(page.getByLabel('办理过程')).toContainText('办结');
  await screenshot(page, '05-order');
});

test('a second unit cannot see it', async ({ page }) => {
  await signIn(page, 'unit', SJJ);
  await expect(page.getByRole('heading', { name: /工单箱/ })).toBeVisible();
  await expect(page.getByLabel('工单列表')).toBeVisible();
  await expect(page.getByText(orderId)).toHaveCount(0);
  await page.goto(`/console/orders/${orderId}`);
  await expect(page.getByRole('alert')).toContainText('（403）');
});

test('the supervisor records the callback and the order closes', async ({ page }) => {
  await signIn(page, 'supervisor');
  await expect(page.getByRole('heading', { name: '指挥中心' })).toBeVisible();
  await expect(page.getByRole('region', { name: '时限看板', exact: true })).toBeVisible();
  await screenshot(page, '06-command-centre');
  await page.getByRole('tab', { name: '待回访' }).click();
  const row = page.getByRole('row').filter({ hasText: orderId });
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: orderId, exact: true }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已办结待回访');
  await page.getByRole('button', { name: '回访', exact: true }).click();
  await dialog(page).getByLabel('问题已解决').getByText('是').click();
  await choose(page, '满意度', '满意');
  await dialog(page).getByLabel('回访记录').fill('来电人表示夜间已无施工');
  await dialog(page).getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已结单');
});

test('the ranking page shows the closed order’s unit', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.getByRole('menuitem', { name: /考核分析/ }).click();
  // The ranking follows the callback once the projector has scored it; the page refreshes itself.
  const departments = page.getByRole('region', { name: '区级部门排名', exact: true });
  await expect(departments.getByText(CGZF.name)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('img', { name: /近六个月三率走势/ })).toBeVisible();
  await screenshot(page, '07-ranking');
  await page.getByRole('tab', { name: '热点' }).click();
  await expect(page.getByRole('region', { name: '热点', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '每月一题' }).click();
  await expect(page.getByRole('region', { name: '每月一题候选', exact: true })).toBeVisible();
  await screenshot(page, '08-monthly-topics');
});

test('the inbox works on a phone-width screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'unit', CGZF);
  await expect(page.getByLabel('工单列表')).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, '09-inbox-phone');
  // The order's page, as a clerk opens it on the phone: nothing wider than the screen.
  await page.goto(`/console/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveText('已结单');
  await expect(page.getByLabel('办理过程')).toContainText('办结');
  const orderOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(orderOverflow).toBeLessThanOrEqual(0);
  await screenshot(page, '09-order-phone');
});
