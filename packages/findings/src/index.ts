export { analyseTrace } from "./analyse-trace.ts";
export { FindingScheduler } from "./finding-scheduler.ts";
