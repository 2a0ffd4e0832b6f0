import type { ActionSpec } from '../../components/ActionForm';
import {
  REJECT_REASON,
  RESOLUTION,
  RETURN_REASON,
  SATISFACTION,
  WHISTLE_TYPE,
} from '../../lib/labels';
import type { OrderActionKey } from '../../lib/order-actions';
import { UNITS } from '../../lib/reference';

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));
const unitOptions = UNITS.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));
const departmentOptions = UNITS.filter(
  (u) => u.kind === 'department' || u.kind === 'enterprise',
).map((u) => ({
  value: u.id,
  label: `${u.name}（${u.id}）`,
}));
const note = (label = '说明') => ({
  name: 'note',
  label,
  kind: 'textarea' as const,
  required: true,
});

/** The form of each order action; the body follows the API's schema for it. */
export const ORDER_ACTION_SPECS: Record<OrderActionKey, ActionSpec> = {
  acknowledge: { title: '签收', fields: [] },
  return: {
    title: '退单',
    danger: true,
    fields: [
      {
        name: 'reason',
        label: '退单原因',
        kind: 'select',
        options: options(RETURN_REASON),
        required: true,
      },
      { name: 'explanation', label: '理由说明', kind: 'textarea', required: true, min: 10 },
    ],
  },
  respond: { title: '响应（首次联系来电人）', fields: [note('联系情况')] },
  progress: { title: '报告进展', fields: [note('进展情况')] },
  'extension-request': {
    title: '延期申请',
    fields: [
      { name: 'requestedHandleBy', label: '申请延至', kind: 'datetime', required: true },
      { name: 'reason', label: '延期理由', kind: 'textarea', required: true },
    ],
  },
  resolve: {
    title: '办结',
    fields: [
      {
        name: 'outcome',
        label: '办理结果',
        kind: 'select',
        options: options(RESOLUTION),
        required: true,
        initial: 'solved',
      },
      { name: 'summary', label: '办理情况', kind: 'textarea', required: true },
    ],
  },
  'exclusion-request': {
    title: '剔除申请（不计入考核）',
    fields: [
      {
        name: 'reason',
        label: '剔除原因',
        kind: 'select',
        options: options(REJECT_REASON),
        required: true,
      },
      { name: 'explanation', label: '说明', kind: 'textarea', required: true },
    ],
  },
  'escalate-to-whistle': {
    title: '吹哨（召集部门报到）',
    fields: [
      {
        name: 'whistleType',
        label: '哨类',
        kind: 'select',
        options: options(WHISTLE_TYPE),
        required: true,
        initial: 'routine',
      },
      {
        name: 'summonedUnitIds',
        label: '召集部门',
        kind: 'multi',
        options: departmentOptions,
        required: true,
      },
      { name: 'title', label: '标题', kind: 'text', required: true },
      { name: 'description', label: '情况说明', kind: 'textarea', required: true },
    ],
  },
  dispatch: {
    title: '人工派单',
    fields: [
      {
        name: 'leadUnitId',
        label: '主办单位',
        kind: 'select',
        options: unitOptions,
        required: true,
      },
      { name: 'assistingUnitIds', label: '协办单位', kind: 'multi', options: unitOptions },
      { name: 'note', label: '派单说明', kind: 'textarea' },
    ],
  },
  arbitration: {
    title: '争议裁定（最终决定）',
    fields: [
      {
        name: 'leadUnitId',
        label: '主办单位',
        kind: 'select',
        options: unitOptions,
        required: true,
      },
      { name: 'assistingUnitIds', label: '协办单位', kind: 'multi', options: unitOptions },
      note('裁定理由'),
    ],
  },
  'extension-decision': {
    title: '延期审批',
    fields: [
      { name: 'approve', label: '同意延期', kind: 'yesno', required: true },
      note('审批意见'),
    ],
  },
  'exclusion-decision': {
    title: '剔除审批',
    fields: [
      { name: 'approve', label: '同意剔除', kind: 'yesno', required: true },
      note('审批意见'),
    ],
  },
  urge: { title: '催办', fields: [note('催办内容')] },
  supervise: { title: '督办', fields: [note('督办要求')] },
  terminate: {
    title: '终止办理',
    danger: true,
    fields: [{ name: 'reason', label: '终止理由', kind: 'textarea', required: true }],
  },
  callback: {
    title: '回访',
    fields: [
      { name: 'reached', label: '联系上来电人', kind: 'yesno', required: true, initial: true },
      { name: 'solved', label: '问题已解决', kind: 'yesno' },
      { name: 'satisfaction', label: '满意度', kind: 'select', options: options(SATISFACTION) },
      { name: 'unitAtFault', label: '不满意是否承办单位责任', kind: 'yesno' },
      { name: 'note', label: '回访记录', kind: 'textarea' },
    ],
  },
};
