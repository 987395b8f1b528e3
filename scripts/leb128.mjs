// LEB128, the variable-length integers of the wasm binary format, for the scripts that read a
// wasm module's sections (wasm-breakdown.mjs, short-imports.mjs).

/** Reads an unsigned LEB128 in `bytes` at `at`: [value, next offset]. */
export function leb(bytes, at) {
  let [value, shift] = [0, 0];
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}
