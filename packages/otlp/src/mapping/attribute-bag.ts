import type { OtlpKeyValue } from "../decode/otlp-trace-export.ts";
import { type JsonValue, toJsonValue } from "./json-value.ts";

/**
 * A span's attributes as JSON. Mappers read what they understand and consume what they moved into
 * a dedicated step field; whatever is left stays in the step's attributes, so nothing sent is lost.
 */
export class AttributeBag {
  private readonly values: Map<string, JsonValue>;
  private readonly consumed = new Set<string>();

  constructor(attributes: OtlpKeyValue[]) {
    this.values = new Map(attributes.map(({ key, value }) => [key, toJsonValue(value)]));
  }

  get(key: string): JsonValue | undefined {
    return this.values.get(key);
  }

  /** A non-empty string value. */
  string(key: string): string | undefined {
    const value = this.values.get(key);
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  /** A finite number, also when sent as a numeric string. */
  number(key: string): number | undefined {
    const value = this.values.get(key);
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof number === "number" && Number.isFinite(number) ? number : undefined;
  }

  /** The first of the keys holding a non-empty string, consumed. */
  takeString(...keys: string[]): string | undefined {
    for (const key of keys) {
      const value = this.string(key);
      if (value !== undefined) {
        this.consumed.add(key);
        return value;
      }
    }
    return undefined;
  }

  consume(...keys: string[]): void {
    for (const key of keys) this.consumed.add(key);
  }

  keysStartingWith(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix));
  }

  remaining(): [string, JsonValue][] {
    return [...this.values].filter(([key]) => !this.consumed.has(key));
  }
}
