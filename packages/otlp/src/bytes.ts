/** Byte helpers that avoid Node's Buffer, so the package also runs in edge and browser bundles. */

export function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** Standard or URL-safe base64, padded or not, as the protobuf JSON mapping accepts; undefined when invalid. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined;
  const padded = standard
    .replace(/=+$/, "")
    .padEnd(Math.ceil(standard.replace(/=+$/, "").length / 4) * 4, "=");
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked so String.fromCharCode never receives more arguments than the engine allows.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}
