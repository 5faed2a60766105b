import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPE_BASE, problem } from './error-catalog.js';
import { clientErrorCatalog, problemCodes } from './error-codes.js';
import { errorTable } from './error-docs.js';

describe('docs/errors.md', () => {
  it('is the table of the catalogue as it is (node scripts/error-table.mjs writes it)', async () => {
    await expect(errorTable()).toMatchFileSnapshot('../../../docs/errors.md');
  });

  it("is where every problem's type points: one anchor per code", () => {
    const table = errorTable();
    for (const code of [...problemCodes, ...Object.keys(clientErrorCatalog)]) expect(table).toContain(`<a id="${code}"></a>`);
    expect(PROBLEM_TYPE_BASE).toMatch(/\/docs\/errors\.md#$/);
    expect(problem('token_expired').type).toBe(`${PROBLEM_TYPE_BASE}token_expired`);
  });
});
