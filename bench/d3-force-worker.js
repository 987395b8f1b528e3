// d3-force at full speed in a web worker, as a careful page would run it: every tick back to
// back, nothing drawn, the page's main thread untouched. Answers with the time from the
// simulation's start to alpha < alphaMin, and the ticks.
importScripts(
  "/node_modules/d3-dispatch/dist/d3-dispatch.js",
  "/node_modules/d3-quadtree/dist/d3-quadtree.js",
  "/node_modules/d3-timer/dist/d3-timer.js",
  "/node_modules/d3-force/dist/d3-force.js",
  "/bench/d3-force-setup.js",
);

self.onmessage = async ({ data: url }) => {
  const dataset = await (await fetch(url)).json();
  const start = performance.now();
  const simulation = self.factlensD3.simulation(dataset);
  let ticks = 0;
  while (simulation.alpha() >= simulation.alphaMin()) {
    simulation.tick();
    ticks++;
  }
  self.postMessage({ ms: performance.now() - start, ticks });
};
