import { officialDataPackage as official } from './hsds-datapackage-official.js';

/** A Table Schema field as HSDS's data package declares it. */
export interface HsdsTableField {
  name: string;
  type: string;
  format?: string;
  title?: string;
  description?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
}

/** One HSDS table as a Frictionless tabular data resource with its Table Schema. */
export interface HsdsDataResource {
  name: string;
  path: string;
  description: string;
  format: string;
  mediatype: string;
  profile: string;
  schema: {
    fields: HsdsTableField[];
    primaryKey: string;
    foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
  };
}

/**
 * The tables of HSDS 3.1's tabular data package that the catalogue fills, and those they refer to (`programs`), as
 * the specification publishes them: `hsds-datapackage-official.ts` is Open Referral's `datapackage.json` (branch 3.1-dev,
 * commit abc731c, whose columns are those of its `examples/csv`), with its other tables left out and nothing else
 * changed. Licence: Creative Commons Attribution Share-Alike 4.0, copyright the Open Referral project.
 */
export const hsdsResources: readonly HsdsDataResource[] = official.resources;

/** The `datapackage.json` of the catalogue's export: HSDS's resources with their Table Schemas, UTF-8 CSV. */
export function hsdsDataPackage() {
  return {
    name: 'henvis-offers',
    title: 'Henvis offers catalogue (tilbudskatalog) as Open Referral HSDS 3.1',
    description:
      "The offers catalogue of a navigator organisation as HSDS 3.1's tabular data package. Opening hours are local Danish time (Europe/Copenhagen): each weekly schedule is given once per period of one UTC offset, with valid_from, valid_to and timezone (1 in winter, 2 in summer).",
    profile: 'tabular-data-package',
    homepage: official.homepage,
    resources: hsdsResources.map((resource) => ({ ...resource, encoding: 'utf-8' })),
  };
}
