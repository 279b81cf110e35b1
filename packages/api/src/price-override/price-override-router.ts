import { createRouter, projectProcedure } from "../trpc.ts";
import { SavePriceOverridesInput } from "./price-override-schemas.ts";
import { listPriceOverrides, savePriceOverrides } from "./price-override-service.ts";

export const priceOverrideRouter = createRouter({
  list: projectProcedure.query(({ ctx }) => listPriceOverrides({ db: ctx.db, projectId: ctx.project.id })),
  save: projectProcedure.input(SavePriceOverridesInput).mutation(({ ctx, input }) =>
    savePriceOverrides({
      db: ctx.db,
      projectId: ctx.project.id,
      role: ctx.membership.role,
      overrides: input.overrides,
    }),
  ),
});
