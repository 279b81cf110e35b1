export { checkFidelity, type FidelityReport, type RequestDifference } from "./check-fidelity.ts";
export {
  compareOutputs,
  type OutputComparison,
  type TextDiffPart,
  type ToolCallComparison,
  type UsageDelta,
  usageDelta,
} from "./compare.ts";
export {
  listTemplateVariables,
  PromptConfig,
  PromptRenderError,
  PromptTemplate,
  renderPrompt,
} from "./prompt-template.ts";
export {
  callProvider,
  type CallProviderOptions,
  type ProviderResult,
} from "./providers/call-provider.ts";
export type { ProviderUsage } from "./providers/provider-adapter.ts";
export { ProviderConfig, type ProviderConfigInput } from "./providers/provider-config.ts";
export { ProviderError } from "./providers/provider-error.ts";
export {
  locatePromptMessages,
  type MessageRange,
  type RebuildResult,
  rebuildWithPromptVersion,
} from "./rebuild-request.ts";
export {
  buildRecordedRequest,
  fingerprintRequest,
  pinDeterminism,
  ReplayInputError,
  ReplayRequest,
} from "./replay-request.ts";
export { runValidators, Validator, type ValidatorResult } from "./validators.ts";
