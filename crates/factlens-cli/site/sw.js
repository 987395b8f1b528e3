// The published page's service worker: after one visit, the page opens with no network.
// `factlens build` writes it beside the page with this build's fingerprint and files filled in.
//
// - The files the page needs (PRECACHE) are cached when this worker installs, in a cache named
//   by the build; when a new build's worker activates, it deletes the caches of older builds of
//   this same site (other factlens sites on the origin keep theirs).
// - A page load goes to the network first, so readers get a new build on their next load; with
//   no network (or none within a few seconds) it gets this build's page, whose files are all in
//   this build's cache: never a mix of two builds.
// - Anything else on this site (a module fetched on demand, a dataset opened with `?dataset=`)
//   is fetched and cached as it is first read, and served from that cache when offline. The
//   one-file edition is a download, not cached. Requests to other origins are left alone.
const BUILD = "{{BUILD}}";
const PRECACHE = {{PRECACHE}};
const SITE = `factlens ${self.registration.scope} `;
const FILES = `${SITE}${BUILD}`;
const READ = `${SITE}${BUILD} read`;
const PAGE = new URL("index.html", self.registration.scope).href;
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(FILES)
      // Checked with the server (an unchanged file costs a 304, not a download).
      .then((cache) => cache.addAll(PRECACHE.map((file) => new Request(file, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(SITE) && key !== FILES && key !== READ).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (!new URL(request.url).pathname.endsWith("/standalone.html")) {
    event.respondWith(file(request, event));
  }
});

/** The page from the network, or this build's when the network fails or is slow. */
async function page(request) {
  const kept = () => caches.open(FILES).then((cache) => cache.match(PAGE));
  const network = fetch(request);
  const timeout = new Promise((done) => setTimeout(done, NETWORK_WAIT_MS));
  const first = await Promise.race([network.catch(() => null), timeout.then(() => null)]);
  if (first) return first;
  return (await kept()) ?? network;
}

/** A file of this build from its cache; anything else from the network, kept for offline (the
 * worker stays alive until it is kept). */
async function file(request, event) {
  const built = await caches.open(FILES).then((cache) => cache.match(request, { ignoreSearch: true }));
  if (built) return built;
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(READ).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const read = await caches.open(READ).then((cache) => cache.match(request));
    if (read) return read;
    throw error;
  }
}
