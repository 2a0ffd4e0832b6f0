import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, as shown and filtered in the Temporal UI. The dev server registers
 * them from search-attributes.json at start; keep both in step (a unit test checks it).
 * Never personal data: no caller name or phone here.
 */
export const SEARCH_ATTRIBUTES = {
  OrderStatus: defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD),
  LeadUnit: defineSearchAttributeKey('LeadUnit', SearchAttributeType.KEYWORD),
  Street: defineSearchAttributeKey('Street', SearchAttributeType.KEYWORD),
  MatterType: defineSearchAttributeKey('MatterType', SearchAttributeType.KEYWORD),
  Urgency: defineSearchAttributeKey('Urgency', SearchAttributeType.KEYWORD),
  NextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  Breached: defineSearchAttributeKey('Breached', SearchAttributeType.BOOL),
  /** Set by the API when the workflow starts: intake found a risk to life or safety. */
  Emergency: defineSearchAttributeKey('Emergency', SearchAttributeType.BOOL),
  WhistleType: defineSearchAttributeKey('WhistleType', SearchAttributeType.KEYWORD),
  DepartmentsPending: defineSearchAttributeKey(
    'DepartmentsPending',
    SearchAttributeType.KEYWORD_LIST,
  ),
} as const;
