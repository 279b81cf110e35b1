import cl100kBase from "gpt-tokenizer/encoding/cl100k_base";
import o200kBase from "gpt-tokenizer/encoding/o200k_base";

/** A tokenizer, loaded once per process: building its rank tables costs far more than a count. */
export type Encoding = typeof cl100kBase;

// GPT-4o, 4.1, 4.5, 5, gpt-oss, realtime/audio and the o-series use o200k_base (gpt-oss uses its
// harmony variant, which differs only in special tokens). A fine-tuned model keeps its base's encoding.
const O200K_MODEL =
  /^(?:ft:)?(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|gpt-realtime|gpt-audio|chatgpt-4o|codex-|o\d)/;

/**
 * The encoding to count a model's tokens with. Older OpenAI models use cl100k_base; other vendors'
 * tokenizers are not public as JavaScript BPE tables, so cl100k_base stands in for them too — an
 * approximation (Claude and Gemini usually count somewhat more tokens for the same text).
 */
export function selectEncoding(model: string | undefined): Encoding {
  // Gateways prefix the vendor ("openai/gpt-4o", "azure/gpt-4.1").
  const name = model?.slice(model.lastIndexOf("/") + 1).toLowerCase() ?? "";
  return O200K_MODEL.test(name) ? o200kBase : cl100kBase;
}
