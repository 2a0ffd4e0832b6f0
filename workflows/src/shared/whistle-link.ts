import { defineSignal } from '@temporalio/workflow';
import type { WhistleConclusion } from '@hotline/process';

/**
 * How a whistle tells the hotline orders linked to it that it has ended at its level (solved,
 * unsolved, escalated to the district, or refused by the scope check). The order that escalated
 * to the whistle waits for this signal; other orders ignore it.
 */
export const whistleConcludedSignal = defineSignal<[WhistleConclusion]>('whistleConcluded');
