import { PriceOverride } from "@loupe/pricing";
import { z } from "zod";

export const SavePriceOverridesInput = z.object({
  overrides: z.array(PriceOverride).max(100, "at most 100 price overrides"),
});
