import { danishDate, statusLabels, toCsv, type ListedReferral, type Locale } from '@henvis/contracts';
import type { HenvisClient, ListReferralsOptions } from '@henvis/sdk';
import { saveFile } from '../save-file.js';
import { referralListTexts } from './referral-list-texts.js';

/** Pages read for one file: 50 of 100, far more than a navigator's courses. */
const MAX_PAGES = 50;

/**
 * "Mine forløb" as CSV for the navigator's own planning: the citizen's name and age, never the CPR number; days as
 * Danish calendar days (YYYY-MM-DD), which spreadsheets sort. Written by the contracts' CSV writer, so a name typed
 * as a formula stays text.
 */
export function caseloadCsv(items: readonly ListedReferral[], locale: Locale): string {
  const tx = referralListTexts[locale];
  const day = (iso: string | undefined) => (iso ? danishDate(new Date(iso)) : '');
  return toCsv([
    tx.exportColumns,
    ...items.map((r) => [
      r.patient.name,
      String(r.patient.ageAtReferral),
      r.practice.name,
      statusLabels[locale][r.status],
      day(r.course?.lastContactAt),
      r.course?.nextStep ?? '',
      r.course?.nextStepDate ?? '',
      day(r.createdAt),
    ]),
  ]);
}

/** Every course the list's filters hold, page by page, as the list would show them. */
export async function readCaseload(
  client: HenvisClient,
  query: ListReferralsOptions & { text?: string },
  signal?: AbortSignal,
): Promise<ListedReferral[]> {
  const items: ListedReferral[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const options = { ...query, limit: 100, ...(cursor ? { cursor } : {}) };
    const result = options.text
      ? await client.searchReferrals(options, signal ? { signal } : {})
      : await client.listReferrals(options, signal ? { signal } : {});
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export async function downloadCaseload(client: HenvisClient, query: ListReferralsOptions & { text?: string }, locale: Locale) {
  const items = await readCaseload(client, query);
  const name = referralListTexts[locale].exportFile(danishDate(new Date()));
  saveFile(new Blob([caseloadCsv(items, locale)], { type: 'text/csv;charset=utf-8' }), name);
}
