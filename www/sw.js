// The demo's service worker: a reload works offline. Network first (so a new build is picked
// up at once), the cache when the network fails. The page sends the URLs it loaded (its
// resource timing entries) once ready, so the cache holds exactly the files it needs,
// including the ones fetched before this worker controlled the page.
const CACHE = "simile-demo-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** Same-origin GETs only: the demo needs nothing else. */
const cacheable = (request) => request.method === "GET" && new URL(request.url).origin === self.location.origin;

self.addEventListener("fetch", (event) => {
  if (!cacheable(event.request)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok && response.status === 200) await cache.put(event.request, response.clone());
      return response;
    } catch (err) {
      const cached = await cache.match(event.request, { ignoreVary: true });
      if (cached) return cached;
      throw err;
    }
  })());
});

self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache") return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of event.data.urls) {
      if (!cacheable(new Request(url)) || (await cache.match(url))) continue;
      try {
        const response = await fetch(url);
        if (response.ok && response.status === 200) await cache.put(url, response);
      } catch {
        // Offline already: nothing to add.
      }
    }
    event.source?.postMessage({ type: "cached" });
  })());
});
