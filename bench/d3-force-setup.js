// The d3-force side of the graph benchmark, shared by the page (bench/d3-force.html) and the
// worker (bench/d3-force-worker.js): the same graph, forces and parameters as factlens's
// large-graph layout. A classic script over d3's UMD builds (the global `d3`), so a worker can
// load it with importScripts.
//
// Mirrors LayoutInput::simulation for graphs over 300 nodes: one link per connected pair, d3's
// default link and charge, forceX/forceY at 0.04, forceCenter, no collide.
self.factlensD3 = {
  simulation(dataset) {
    const index = new Map(dataset.entities.map((e, i) => [e.id, i]));
    const pairs = new Set();
    for (const r of dataset.relations) {
      const [a, b] = [index.get(r.from), index.get(r.to)];
      if (a === undefined || b === undefined || a === b) continue;
      pairs.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
    const links = [...pairs].map((p) => p.split(" ").map(Number)).sort((p, q) => p[0] - q[0] || p[1] - q[1]).map(([source, target]) => ({ source, target }));
    const nodes = dataset.entities.map(() => ({}));
    return d3
      .forceSimulation(nodes)
      .force("link", d3.forceLink(links))
      .force("charge", d3.forceManyBody())
      .force("x", d3.forceX(0).strength(0.04))
      .force("y", d3.forceY(0).strength(0.04))
      .force("center", d3.forceCenter())
      .stop();
  },
};
