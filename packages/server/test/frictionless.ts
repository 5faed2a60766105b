import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Frictionless validation of a tabular data package with datapackage-js (the `datapackage` package), as the HSDS
// tabular export must pass it: the descriptor against the tabular-data-package profile, then every resource's
// rows against its Table Schema (types and formats, required, enum, unique and primary keys) and its foreign keys.
// datapackage-js checks a table's header only for missing columns, so the header is also compared with the
// schema's field names, in order, as frictionless-py does (its label errors).

interface TableError extends Error {
  rowNumber?: number;
  errors?: TableError[];
}
interface Resource {
  name: string;
  tabular: boolean;
  schema?: { fieldNames: string[] };
  /** The table's header, once it has been read. */
  headers: string[] | null;
  read(options: { forceCast?: boolean; relations?: boolean }): Promise<unknown[]>;
}
interface DataPackage {
  valid: boolean;
  errors: Error[];
  resources: Resource[];
}
const { Package } = createRequire(import.meta.url)('datapackage') as { Package: { load(source: string): Promise<DataPackage> } };

const messages = (error: TableError): string[] =>
  error.errors?.length ? error.errors.map((e) => `row ${e.rowNumber ?? error.rowNumber ?? '?'}: ${e.message}`) : [error.message];

/** Every error Frictionless reports for the zipped package, as `resource: message`; none means valid. */
export async function frictionlessErrors(zip: Uint8Array): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'henvis-datapackage-'));
  try {
    const file = join(folder, 'package.zip');
    writeFileSync(file, zip);
    const pkg = await Package.load(file);
    const errors = pkg.errors.map((e) => `datapackage.json: ${e.message}`);
    if (!pkg.valid) return errors;
    for (const resource of pkg.resources) {
      const at = (message: string) => `${resource.name}: ${message}`;
      if (!resource.tabular) {
        errors.push(at('not a tabular resource'));
        continue;
      }
      try {
        const rows = await resource.read({ forceCast: true });
        for (const row of rows) if (row instanceof Error) errors.push(...messages(row).map(at));
        const header = (resource.headers ?? []).join(',');
        const fields = (resource.schema?.fieldNames ?? []).join(',');
        if (header !== fields) errors.push(at(`the header is ${header}, not the schema's ${fields}`));
      } catch (error) {
        errors.push(...messages(error as TableError).map(at));
      }
    }
    // Foreign keys are resolved by reading the tables they refer to, which fails on any row error there: checked
    // once the rows are valid.
    if (errors.length) return errors;
    for (const resource of pkg.resources) {
      const related = await resource.read({ forceCast: true, relations: true });
      for (const row of related) if (row instanceof Error) errors.push(...messages(row).map((m) => `${resource.name}: ${m}`));
    }
    return errors;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
