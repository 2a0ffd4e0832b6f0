/** Chinese wording for the API's codes, in one place. An unknown code shows as itself. */
const label = (table: Record<string, string>) => (code?: string | null) =>
  code ? (table[code] ?? code) : '—';

export const ORDER_STATUS: Record<string, string> = {
  received: '已受理',
  awaiting_dispatch: '待人工派单',
  dispatched: '已派单待签收',
  in_arbitration: '争议待裁定',
  acknowledged: '已签收',
  responded: '已响应',
  in_progress: '办理中',
  resolved: '已办结待回访',
  closed: '已结单',
};
export const orderStatus = label(ORDER_STATUS);

export const CATEGORY: Record<string, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};
export const category = label(CATEGORY);

export const CHANNEL: Record<string, string> = {
  phone: '电话',
  web: '网站',
  app: '客户端',
  wechat: '微信',
  open311: '开放接口',
};
export const channel = label(CHANNEL);

export const URGENCY: Record<string, string> = {
  emergency: '紧急',
  urgent: '加急',
  normal: '一般',
};
export const urgency = label(URGENCY);

export const NEXT_ACTION: Record<string, string> = {
  acknowledge: '待签收',
  respond: '待响应',
  resolve: '待办结',
  assist: '协办',
  await_callback: '待回访',
  handle: '办理中',
};
export const nextAction = label(NEXT_ACTION);

export const DEADLINE: Record<string, string> = {
  dispatch: '派单时限',
  acknowledge: '签收时限',
  return: '退单时限',
  response: '响应时限',
  handling: '办理时限',
  callback: '回访时限',
};
export const deadline = label(DEADLINE);

export const CLOSURE: Record<string, string> = {
  completed: '回访完成',
  rejected: '不予受理',
  merged: '并单',
  answered_directly: '直接答复',
  terminated: '终止办理',
};
export const closure = label(CLOSURE);

export const SATISFACTION: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
export const satisfaction = label(SATISFACTION);

export const RESOLUTION: Record<string, string> = {
  solved: '已解决',
  partly_solved: '部分解决',
  unsolvable: '无法解决',
};

export const RETURN_REASON: Record<string, string> = {
  jurisdiction: '不属本单位管辖',
  ownership_unclear: '权属不清',
  overlapping_duties: '职责交叉',
};

export const REJECT_REASON: Record<string, string> = {
  outside_public_duty: '不属于政府职责范围',
  in_legal_process: '已进入法定程序',
  unlawful_demand: '诉求不合法',
  abusive: '恶意骚扰',
  insufficient_information: '信息不全无法办理',
  caller_refused_contact: '诉求人拒绝联系',
  force_majeure: '不可抗力',
};

export const FILTER_OUTCOME: Record<string, string> = {
  accept: '受理派单',
  rejected: '不予受理',
  reject: '不予受理',
  merged: '并单',
  merge: '并单',
  answered_directly: '直接答复',
  answerDirectly: '直接答复',
};
export const filterOutcome = label(FILTER_OUTCOME);

export const WHISTLE_TYPE: Record<string, string> = {
  emergency: '应急哨',
  routine: '日常哨',
  key_task: '攻坚哨',
};
export const whistleType = label(WHISTLE_TYPE);

export const WHISTLE_STATUS: Record<string, string> = {
  blowing: '发起中',
  refused: '已驳回',
  open: '办理中',
  closed: '已关闭',
  evaluated: '已评价',
  reporting: '待报到',
  committing: '待表态',
  acting: '处置中',
  verifying: '待核查',
  verified: '已核查',
  escalated: '已上报',
};
export const whistleStatus = label(WHISTLE_STATUS);

export const DEPARTMENT_STATUS: Record<string, string> = {
  summoned: '待报到',
  reported: '已报到',
  committed: '已表态',
  completed: '已完成',
  verified: '已核查',
};
export const departmentStatus = label(DEPARTMENT_STATUS);

export const REPORT_MODE: Record<string, string> = { on_site: '现场报到', remote: '远程报到' };

export const ROLE: Record<string, string> = {
  operator: '话务员',
  unit: '承办单位',
  supervisor: '指挥中心',
  auditor: '审计',
};
export const role = label(ROLE);

/** Timeline event types (order and whistle events). */
export const EVENT: Record<string, string> = {
  OrderReceived: '受理',
  OrderFiltered: '过滤',
  OrderQueuedForManualDispatch: '转人工派单',
  OrderDispatched: '派单',
  OrderReturned: '退单',
  OrderSentToArbitration: '提请争议裁定',
  OrderAcknowledged: '签收',
  OrderResponded: '响应',
  ProgressReported: '进展',
  ExtensionRequested: '延期申请',
  ExtensionDecided: '延期审批',
  DeadlineReminded: '时限提醒',
  DeadlineBreached: '超时',
  OrderUrged: '催办',
  OrderEscalated: '督办',
  OrderResolved: '办结',
  CallbackRecorded: '回访',
  OrderReworked: '重办',
  ExclusionRequested: '剔除申请',
  ExclusionDecided: '剔除审批',
  OrderTerminated: '终止办理',
  OrderClosed: '结单',
  OrderEscalatedToWhistle: '吹哨',
  OrderWhistleConcluded: '吹哨办结',
  ActionRefused: '操作被拒绝',
  WhistleBlown: '吹哨',
  WhistleRefused: '吹哨被驳回',
  DepartmentReported: '报到',
  ReportDeadlineMissed: '报到超时',
  CommitmentMade: '表态',
  CommitmentDeadlineMissed: '表态超时',
  DepartmentUrged: '催办部门',
  DepartmentEscalated: '部门督办',
  DepartmentProgressReported: '进展',
  DepartmentCompleted: '完成',
  WhistleVerified: '核查',
  WhistleEscalated: '上报区级',
  WhistleClosed: '关闭',
  WhistleEvaluated: '考核评价',
  WhistlePrecisionRated: '精准度评价',
  WhistleOutcomeRated: '群众评价',
  WhistleEvaluationCompleted: '评价完成',
};
export const eventLabel = label(EVENT);

export const formatTime = (iso?: string | null) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';

export const percent = (v?: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
