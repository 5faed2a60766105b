import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { danishDate } from '@henvis/contracts';
import { audit } from '../audit.js';
import { configFromEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { HttpProblem } from '../http-problem.js';
import { researchExport } from './export.js';

/** `henvis-server research-export`: the export as the data controller's operator makes it, of every practice or some. */
export async function researchExportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { project: { type: 'string' }, practice: { type: 'string', multiple: true }, out: { type: 'string', default: '.' } },
  });
  const config = configFromEnv();
  const project = (config.researchProjects ?? []).find((p) => p.id === values.project);
  if (!project) {
    const known = (config.researchProjects ?? []).map((p) => p.id).join(', ') || 'none configured (HENVIS_RESEARCH_PROJECTS)';
    console.error(`research-export needs --project: one of ${known}.`);
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const now = new Date();
    const result = await db.transaction(async (tx) => {
      const practiceIds =
        values.practice ?? (await tx.query<{ id: string }>('select distinct practice_id as id from referrals')).map((r) => r.id);
      try {
        const made = await researchExport(tx, { project, practiceIds, now });
        await audit(tx, undefined, made.audit);
        return made.export;
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        await audit(tx, undefined, [
          { action: 'research.export', outcome: 'refused', resourceType: 'research_project', resourceId: project.id, detail: error.code },
        ]);
        return error;
      }
    });
    if (result instanceof HttpProblem) {
      console.error(`Refused: ${result.detail ?? result.code}`);
      for (const e of result.errors ?? []) console.error(`  ${e.message}`);
      return 1;
    }
    const dir = resolve(values.out);
    mkdirSync(dir, { recursive: true });
    const base = join(dir, `henvis-research-${project.id}-${danishDate(now)}`);
    writeFileSync(`${base}.csv`, result.csv);
    const { csv: _csv, ...about } = result;
    writeFileSync(`${base}.dictionary.json`, `${JSON.stringify(about, null, 2)}\n`);
    const c = result.counts;
    console.log(
      `Exported ${c.exported} of ${c.courses} courses for ${project.name} (${project.id}): journal data ${c.withJournalData}, well-being data ${c.withWellbeingData}; left out: under 18 ${c.underAge}, no valid consent ${c.withoutConsent}. Generalisation level ${result.generalisation.level} (${result.generalisation.period}, ${result.generalisation.ageBand}-year age bands, practice ${result.generalisation.practice}).`,
    );
    console.log(`${base}.csv\n${base}.dictionary.json`);
    return 0;
  } finally {
    await db.close();
  }
}
