/** One editable row: every field as typed, so a half-filled row can be shown and fixed. */
export type OverrideRow = {
  match: "model" | "pattern";
  name: string;
  provider: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string;
};

export type PriceOverrideValue = {
  model?: string | undefined;
  modelPattern?: string | undefined;
  provider?: string | undefined;
  inputPerMillion: number;
  outputPerMillion: number;
  cachedInputPerMillion?: number | undefined;
};

export const EMPTY_ROW: OverrideRow = {
  match: "model",
  name: "",
  provider: "",
  inputPerMillion: "",
  outputPerMillion: "",
  cachedInputPerMillion: "",
};

export function toRow(override: PriceOverrideValue): OverrideRow {
  return {
    match: override.modelPattern !== undefined ? "pattern" : "model",
    name: override.modelPattern ?? override.model ?? "",
    provider: override.provider ?? "",
    inputPerMillion: String(override.inputPerMillion),
    outputPerMillion: String(override.outputPerMillion),
    cachedInputPerMillion: override.cachedInputPerMillion === undefined ? "" : String(override.cachedInputPerMillion),
  };
}

/** The value to save; the server validates it again and names any field it refuses. */
export function toOverride(row: OverrideRow): PriceOverrideValue {
  const name = row.name.trim();
  const provider = row.provider.trim();
  return {
    ...(row.match === "pattern" ? { modelPattern: name } : { model: name }),
    ...(provider ? { provider } : {}),
    inputPerMillion: Number(row.inputPerMillion),
    outputPerMillion: Number(row.outputPerMillion),
    ...(row.cachedInputPerMillion.trim() ? { cachedInputPerMillion: Number(row.cachedInputPerMillion) } : {}),
  };
}
