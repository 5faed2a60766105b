import type { ResearchExportRequest } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ResearchProject } from '../config.js';
import { HttpProblem } from '../http-problem.js';
import { answer, body, problems, tagRoutes } from '../http/schemas.js';
import { researchExport } from './export.js';

/** The research export for the coordinator, over the practices their organisation serves (also `henvis-server research-export`). */
export const researchRoutes: FastifyPluginAsync<{ projects: readonly ResearchProject[] }> =
  // eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
  async (app, { projects }) => {
    const { guard } = app;
    tagRoutes(app, 'results');

    app.post<{ Body: ResearchExportRequest }>(
      '/research-exports',
      {
        schema: {
          operationId: 'createResearchExport',
          summary:
            "The pseudonymised research export (coordinators): one CSV row per course of a consenting adult, pseudonyms under the project's key, k-anonymous (k = 5) on age band, sex, practice and period, with its data dictionary",
          body: body('ResearchExportRequest', { project: 'demo-evaluering' }),
          response: { 200: answer('The export', 'ResearchExport'), ...problems(400, 401, 403, 422) },
        },
        preValidation: guard.allow((role) => role === 'coordinator', 'research.export', 'The research export is made by the coordinator.'),
      },
      async (request) =>
        guard.audited(request, async (tx, log) => {
          const project = projects.find((p) => p.id === request.body.project);
          if (!project) {
            log.push({ action: 'research.export', outcome: 'refused', detail: 'research_project_unknown' });
            return new HttpProblem('research_project_unknown');
          }
          const { practiceIds } = await guard.scope(tx, request.principal);
          try {
            const result = await researchExport(tx, { project, practiceIds, now: new Date() });
            log.push(...result.audit);
            return result.export;
          } catch (error) {
            if (!(error instanceof HttpProblem)) throw error;
            log.push({
              action: 'research.export',
              outcome: 'refused',
              resourceType: 'research_project',
              resourceId: project.id,
              detail: error.code,
            });
            return error;
          }
        }),
    );
  };
