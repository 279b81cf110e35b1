import { createRouter, projectProcedure } from "../trpc.ts";
import { SaveAnalysisSettingsInput } from "./analysis-settings-schemas.ts";
import {
  findProjectReanalysis,
  getAnalysisSettings,
  saveAnalysisSettings,
  startProjectReanalysis,
} from "./analysis-settings-service.ts";

export const analysisSettingsRouter = createRouter({
  get: projectProcedure.query(({ ctx }) => getAnalysisSettings({ db: ctx.db, projectId: ctx.project.id })),
  save: projectProcedure.input(SaveAnalysisSettingsInput).mutation(({ ctx, input }) =>
    saveAnalysisSettings({ db: ctx.db, projectId: ctx.project.id, role: ctx.membership.role, settings: input.settings }),
  ),
  reanalyse: projectProcedure.mutation(({ ctx }) =>
    startProjectReanalysis({ db: ctx.db, projectId: ctx.project.id, role: ctx.membership.role }),
  ),
  reanalysisStatus: projectProcedure.query(({ ctx }) => findProjectReanalysis({ projectId: ctx.project.id })),
});
