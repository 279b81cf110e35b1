import { authedProcedure, createRouter } from "../trpc.ts";
import { listProjects } from "./project-service.ts";

export const projectRouter = createRouter({
  list: authedProcedure.query(({ ctx }) => listProjects({ db: ctx.db, userId: ctx.user.id })),
});
