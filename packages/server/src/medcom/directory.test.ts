import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MedComDirectory, parseContract } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { demoNavigatorOrgs, demoPractices } from '../auth/demo-directory.js';
import { configFromEnv } from '../config.js';
import { demoMedComDirectory, parseMedComDirectory } from './directory.js';

const grenaa = { id: '045678', name: 'Lægehuset Grenaa', sorCode: '481471000016004', gln: '5790001910013', phone: '+45 86 30 00 01' };

describe('the MedCom directory (HENVIS_MEDCOM_DIRECTORY)', () => {
  it("holds every demo practice and navigator organisation, valid by the directory's contract", () => {
    expect(demoMedComDirectory.map((a) => a.id)).toEqual([...demoPractices, ...demoNavigatorOrgs].map((o) => o.id));
    expect(parseContract(MedComDirectory, demoMedComDirectory)).toMatchObject({ ok: true });
  });

  it('reads the addresses from JSON or a file, and leaves the default to the app when unset', () => {
    expect(configFromEnv({ HENVIS_MEDCOM_DIRECTORY: JSON.stringify([grenaa]) }).medcomDirectory).toEqual([grenaa]);
    const file = join(mkdtempSync(join(tmpdir(), 'henvis-medcom-')), 'directory.json');
    writeFileSync(file, JSON.stringify([grenaa]));
    expect(configFromEnv({ HENVIS_MEDCOM_DIRECTORY: `@${file}` }).medcomDirectory).toEqual([grenaa]);
    expect(configFromEnv({}).medcomDirectory).toBeUndefined();
  });

  it.each([
    [
      'a GLN with a wrong check digit',
      [{ ...grenaa, gln: '5790001910014' }],
      /\[0\.gln\] GLN must be 13 digits ending in its GS1 check digit/,
    ],
    ['a GLN of 12 digits', [{ ...grenaa, gln: '579000191001' }], /\[0\.gln\]/],
    ['a SOR code of 10 digits', [{ ...grenaa, sorCode: '4814710000' }], /\[0\.sorCode\] SOR code must be 11-18 digits/],
    ['no phone', [{ ...grenaa, phone: undefined }], /\[0\.phone\]/],
    ['the same organisation twice', [grenaa, grenaa], /must not list the same item twice/i],
    ['an unknown field', [{ ...grenaa, ean: '5790001910013' }], /\[0\.ean\]/],
  ])('refuses %s, naming the entry and field', (_name, entries, message) => {
    expect(() => parseMedComDirectory(JSON.stringify(entries))).toThrow(message);
    expect(() => configFromEnv({ HENVIS_MEDCOM_DIRECTORY: JSON.stringify(entries) })).toThrow(/^HENVIS_MEDCOM_DIRECTORY: /);
  });

  it('refuses what is not JSON', () => {
    expect(() => configFromEnv({ HENVIS_MEDCOM_DIRECTORY: '[{' })).toThrow('HENVIS_MEDCOM_DIRECTORY: must be JSON');
  });
});
