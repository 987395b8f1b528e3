// The first script of a layout worker or helper, beside the motion module's JS glue (a file,
// so a page whose policy allows workers only from its own origin can start it). It imports the
// glue and wasm module named in the first message (so nothing is downloaded twice) and hands
// over to the entry point named there. A failure is reported, so the side that started it can
// do without.
self.onmessage = async (event) => {
  try {
    const [glue, module, entry] = event.data;
    const bindings = await import(glue);
    await bindings.default({ module_or_path: module });
    self.wasmBindings = bindings;
    bindings[entry]();
  } catch (error) {
    self.postMessage(["failed", String(error)]);
  }
};
