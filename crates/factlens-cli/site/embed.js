// The factlens host snippet: put it on a news page with
//   <div data-factlens-src="https://example.org/story/index.html" data-factlens-select="entity=belarus">
//     <a href="https://example.org/story/index.html">Explore the story's people and facts</a>
//   </div>
//   <script src="https://example.org/story/embed.js" defer></script>
// and each such element becomes an iframe of the explorer (lazy-loaded, as wide as its
// container, as tall as its content). Readers without JavaScript keep the link. The frame's
// height changes only on messages from that frame and its origin. No dependencies, no build step.
(() => {
  for (const holder of document.querySelectorAll("[data-factlens-src]:not([data-factlens-ready])")) {
    holder.setAttribute("data-factlens-ready", "");
    const src = new URL(holder.getAttribute("data-factlens-src"), location.href);
    src.searchParams.set("embed", "");
    src.searchParams.set("host", location.origin);
    // What the explorer opens on: any of its links' fragments (`entity=belarus`, `fact=…`), or
    // an entity's id alone (the older attribute).
    const select = holder.getAttribute("data-factlens-select");
    const entity = holder.getAttribute("data-factlens-entity");
    if (select) src.hash = select.replace(/^#/, "");
    else if (entity) src.hash = `entity=${encodeURIComponent(entity)}`;
    const frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = holder.getAttribute("data-factlens-title") || holder.textContent.trim() || "Fact explorer";
    frame.loading = "lazy";
    frame.style.cssText = "display:block;width:100%;height:640px;border:0";
    holder.replaceChildren(frame);
    addEventListener("message", (event) => {
      if (event.source !== frame.contentWindow || event.origin !== src.origin) return;
      const { sentinel, type, height } = event.data ?? {};
      if (sentinel === "amp" && type === "embed-size" && height > 0) frame.style.height = `${Math.ceil(height)}px`;
    });
  }
})();
