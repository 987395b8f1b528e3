//! The relationship graph's model: entities as nodes, relations as edges, and a force layout
//! configured for the graph's size. Edge geometry and label placement are here too, so the
//! view only draws.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::index::Story;
use crate::kinds::RelationKind;
use crate::layout::center::Center;
use crate::layout::collide::Collide;
use crate::layout::link::Link;
use crate::layout::many_body::ManyBody;
use crate::layout::position::Position;
use crate::layout::{Nodes, Simulation};
use crate::model::{EntityKind, FactStatus};
use crate::pause::{self, Pause};
use crate::selection::{Ids, Neighbourhood};
use crate::svg_path::Fixed;
use crate::timeline::Within;

/// One entity in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphNode {
    /// The entity's id.
    pub entity_id: String,
    /// Its name.
    pub name: String,
    /// Its kind (shape and colour).
    pub kind: EntityKind,
    /// How many relations touch it (worked out again when a published graph is read).
    #[serde(skip)]
    pub degree: usize,
    /// Drawn radius in layout units: [`node_radius`] of its degree.
    #[serde(skip)]
    pub radius: f64,
}

/// One relation in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphEdge {
    /// The relation's id.
    pub relation_id: String,
    /// Index of the `from` node.
    pub source: usize,
    /// Index of the `to` node.
    pub target: usize,
    /// The relation kind, a place in the story's [`crate::Kinds`].
    pub kind: RelationKind,
    /// Whether it has an arrowhead.
    pub directed: bool,
    /// The relation's label.
    pub label: String,
    /// How far the story vouches for it ([`Story::standing`]).
    pub status: FactStatus,
    /// Where it sits among the relations between the same two nodes: 0 when it is the only
    /// one, else spread symmetrically (−0.5, 0.5; −1, 0, 1; …) so parallel edges stay apart.
    pub lane: f64,
}

/// Nodes, edges and adjacency of a story's relations: a node per entity, at the entity's
/// position in the dataset (so `Story::entity_index` finds an entity's node).
#[derive(Debug, Clone, PartialEq)]
pub struct GraphModel {
    /// Every entity, in dataset order.
    pub nodes: Vec<GraphNode>,
    /// Every relation whose two ends exist, in dataset order.
    pub edges: Vec<GraphEdge>,
    /// For each node, the edges that touch it.
    pub edges_of: Vec<Vec<usize>>,
}

impl GraphModel {
    /// Builds the graph of a story.
    pub fn new(story: &Story) -> Self {
        pause::finish(Self::new_pausing(story, &mut pause::Never))
    }

    /// [`GraphModel::new`], giving way to `pause` between items (see [`crate::pause`]).
    pub async fn new_pausing(story: &Story, pause: &mut impl Pause) -> Self {
        let dataset = &story.dataset;
        // A node per entity, in the dataset's order: an entity's position is its node's.
        let mut edges: Vec<GraphEdge> = Vec::with_capacity(dataset.relations.len());
        for r in &dataset.relations {
            pause.point().await;
            let (Some(source), Some(target), Some(kind)) =
                (story.entity_index(&r.from), story.entity_index(&r.to), story.kind_of(r))
            else {
                continue;
            };
            if source != target {
                let (relation_id, label) = (r.id.clone(), r.label.clone());
                edges.push(GraphEdge {
                    relation_id,
                    source,
                    target,
                    kind,
                    directed: r.directed,
                    label,
                    status: story.standing(r),
                    lane: 0.0,
                });
            }
        }
        // Parallel relations get lanes in edge order, whatever order the pairs come in.
        let mut by_pair: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (k, e) in edges.iter().enumerate() {
            by_pair.entry((e.source.min(e.target), e.source.max(e.target))).or_default().push(k);
        }
        pause.point().await;
        for members in by_pair.values() {
            let middle = (members.len() as f64 - 1.0) / 2.0;
            for (i, &k) in members.iter().enumerate() {
                edges[k].lane = i as f64 - middle;
            }
        }
        pause.point().await;
        let edges_of = edges_of(dataset.entities.len(), &edges);
        let mut nodes = Vec::with_capacity(dataset.entities.len());
        for (e, edges) in dataset.entities.iter().zip(&edges_of) {
            let degree = edges.len();
            nodes.push(GraphNode {
                entity_id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                degree,
                radius: node_radius(degree),
            });
            pause.point().await;
        }
        GraphModel { nodes, edges, edges_of }
    }

    /// The nodes one edge away from `node`, each once, in edge order.
    pub fn neighbours(&self, node: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &k in &self.edges_of[node] {
            let e = &self.edges[k];
            let other = if e.source == node { e.target } else { e.source };
            if !out.contains(&other) {
                out.push(other);
            }
        }
        out
    }

    /// The node under a point (layout units): the nearest whose disc, widened by `slack`,
    /// contains it, among those `visible` allows.
    pub fn node_at(
        &self,
        x: &[f64],
        y: &[f64],
        point: (f64, f64),
        slack: f64,
        visible: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        (0..self.nodes.len())
            .filter(|&i| visible(i))
            // Not `hypot`, which would bring its own code into the page.
            .map(|i| (i, ((x[i] - point.0).powi(2) + (y[i] - point.1).powi(2)).sqrt()))
            .filter(|&(i, d)| d <= self.nodes[i].radius + slack)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// What the layout needs from this graph, as plain numbers (a worker gets them in a message).
    pub fn layout_input(&self) -> LayoutInput {
        // One spring per connected pair, however many relations it carries.
        let mut links: Vec<(usize, usize)> =
            self.edges.iter().map(|e| (e.source.min(e.target), e.source.max(e.target))).collect();
        links.sort_unstable();
        links.dedup();
        LayoutInput { radius: self.nodes.iter().map(|node| node.radius).collect(), links }
    }

    /// A simulation set up for this graph: `self.layout_input().simulation()`.
    pub fn simulation(&self) -> Simulation {
        self.layout_input().simulation()
    }
}

/// A node's or an edge's class, as bits: bright (or else dimmed), and hidden by a filter. The
/// two are independent, so a hidden element keeps its brightness for when it is shown again.
pub const BRIGHT: u8 = 1;
/// See [`BRIGHT`].
pub const HIDDEN: u8 = 2;
/// Picked by the selection itself (not only near it).
pub const PICKED: u8 = 4;

/// The class of every node and edge: what the filters hide and what the selection leaves
/// bright, for the SVG and the canvas alike. It follows the selection and the filters, not the
/// positions, so the view works it out when they change rather than for every frame (looking
/// up 80,000 edges' filters and selection took a few milliseconds of each frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Indexed like the graph's nodes.
    pub nodes: Vec<u8>,
    /// Indexed like the graph's edges.
    pub edges: Vec<u8>,
}

/// Which kinds a filter hides: a bit per kind, at its place in its `ALL` list (`kind as usize`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindSet(u64);

impl KindSet {
    /// The set of these kinds (by place).
    pub fn of(places: impl IntoIterator<Item = usize>) -> KindSet {
        KindSet(places.into_iter().fold(0, |bits, place| bits | 1 << place))
    }

    pub fn contains(self, place: usize) -> bool {
        self.0 >> place & 1 == 1
    }

    /// The set with `place` added if it was out, taken out if it was in.
    pub fn toggled(self, place: usize) -> KindSet {
        KindSet(self.0 ^ 1 << place)
    }

    /// The kinds in either set.
    pub fn union(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Classes {
    /// What a selection picks is picked, and it and its neighbourhood are bright
    /// ([`Neighbourhood`]); with no selection, everything is bright. Filtered-out kinds are
    /// hidden, and so is every edge with a hidden end, and, when the story is narrowed to a span
    /// of time, every edge whose relation is not `within` it.
    pub fn new(
        graph: &GraphModel,
        near: Option<&Neighbourhood>,
        hidden_entities: KindSet,
        hidden_relations: KindSet,
        within: Option<&Within>,
    ) -> Classes {
        let class = |id: &String, picked: fn(&Neighbourhood) -> &Ids, bright: fn(&Neighbourhood) -> &Ids| match near {
            None => BRIGHT,
            Some(near) => {
                (if bright(near).contains(id) { BRIGHT } else { 0 })
                    | if picked(near).contains(id) { PICKED } else { 0 }
            }
        };
        let nodes: Vec<u8> = graph
            .nodes
            .iter()
            .map(|node| {
                let hidden = if hidden_entities.contains(node.kind as usize) { HIDDEN } else { 0 };
                class(&node.entity_id, |n| &n.picked_entities, |n| &n.entities) | hidden
            })
            .collect();
        let edges = graph
            .edges
            .iter()
            .map(|e| {
                let hidden = hidden_relations.contains(e.kind.0 as usize)
                    || within.is_some_and(|within| !within.relations.contains(&e.relation_id))
                    || nodes[e.source] & HIDDEN != 0
                    || nodes[e.target] & HIDDEN != 0;
                class(&e.relation_id, |n| &n.picked_relations, |n| &n.relations) | if hidden { HIDDEN } else { 0 }
            })
            .collect();
        Classes { nodes, edges }
    }

    pub fn node_picked(&self, i: usize) -> bool {
        self.nodes[i] & PICKED != 0
    }

    pub fn edge_picked(&self, k: usize) -> bool {
        self.edges[k] & PICKED != 0
    }

    pub fn node_visible(&self, i: usize) -> bool {
        self.nodes[i] & HIDDEN == 0
    }

    pub fn node_bright(&self, i: usize) -> bool {
        self.nodes[i] & BRIGHT != 0
    }

    pub fn edge_visible(&self, k: usize) -> bool {
        self.edges[k] & HIDDEN == 0
    }

    pub fn edge_bright(&self, k: usize) -> bool {
        self.edges[k] & BRIGHT != 0
    }
}

/// What a published graph carries: its nodes and edges; the look-ups are rebuilt on reading.
pub(crate) struct GraphParts {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

impl TryFrom<GraphParts> for GraphModel {
    type Error = String;

    fn try_from(GraphParts { mut nodes, edges }: GraphParts) -> Result<Self, String> {
        if let Some(k) = edges.iter().position(|e| e.source.max(e.target) >= nodes.len()) {
            return Err(format!("graph edge {k} names a node the graph does not have"));
        }
        let edges_of = edges_of(nodes.len(), &edges);
        for (node, edges) in nodes.iter_mut().zip(&edges_of) {
            node.degree = edges.len();
            node.radius = node_radius(node.degree);
        }
        Ok(GraphModel { nodes, edges, edges_of })
    }
}

/// Node positions in layout units as last reported, indexed like [`GraphModel::nodes`]; shared
/// cheaply (the view, the canvas and the layout each hold the same ones).
#[derive(Debug, Clone)]
pub struct Positions {
    pub x: std::rc::Rc<Vec<f64>>,
    pub y: std::rc::Rc<Vec<f64>>,
    /// Whether the layout is at rest.
    pub settled: bool,
    /// Counts snapshots, so comparing two is one integer comparison, not thousands of floats.
    pub version: u64,
}

impl Positions {
    /// A fingerprint of every coordinate ([`layout_digest`]).
    pub fn digest(&self) -> String {
        layout_digest(&self.x, &self.y)
    }
}

impl PartialEq for Positions {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

/// A fingerprint of every coordinate's bits (FNV-1a), for the page's `data-layout-digest`:
/// equal digests mean the same layout to the last bit, wherever it was worked out.
pub fn layout_digest(x: &[f64], y: &[f64]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for value in x.iter().chain(y) {
        for byte in value.to_bits().to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A node's drawn radius in layout units: grows gently with its degree.
pub fn node_radius(degree: usize) -> f64 {
    6.0 + 2.0 * (degree as f64).sqrt().min(6.0)
}

/// For each of `n` nodes, the edges that touch it (every edge's ends are below `n`).
fn edges_of(n: usize, edges: &[GraphEdge]) -> Vec<Vec<usize>> {
    let mut edges_of = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        edges_of[e.source].push(k);
        edges_of[e.target].push(k);
    }
    edges_of
}

/// A graph as its layout sees it: node radii and the pairs tied by springs, node indices as in
/// [`GraphModel::nodes`]. [`LayoutInput::simulation`] is the one place the forces are chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput {
    /// Each node's radius.
    pub radius: Vec<f64>,
    /// Connected pairs `(a, b)` with `a < b`, each once, sorted.
    pub links: Vec<(usize, usize)>,
}

/// Alpha kept while a node is dragged, so its neighbours follow; d3's usual choice.
pub const DRAG_ALPHA: f64 = 0.3;

impl LayoutInput {
    /// A simulation for this graph. Small story graphs get room for their labels; large ones
    /// use d3-force's defaults, which keep big layouts compact and fast.
    pub fn simulation(&self) -> Simulation {
        let n = self.radius.len();
        let small = n <= 300;
        let mut link = Link::new(self.links.clone(), n);
        let mut many_body = ManyBody::default();
        if small {
            link.distance = 70.0;
            many_body.strength = -300.0;
            // Repulsion fades beyond this, so loosely tied nodes do not drift off the picture.
            many_body.distance_max = 250.0;
        }
        let simulation = Simulation::new(Nodes::phyllotaxis(n)).with_force(link).with_force(many_body);
        // Collision keeps labelled nodes of small graphs apart, and clears room around hubs
        // for their labels (their radius grows with degree; the room with its square); in
        // large graphs nodes are dots and it would cost as much as the charge itself.
        let room = |r: f64| r + 10.0 + 0.6 * (r - node_radius(0)).powi(2);
        let simulation = if small {
            simulation.with_force(Collide::new(self.radius.iter().map(|&r| room(r)).collect()))
        } else {
            simulation
        };
        simulation
            .with_force(Position { x: 0.0, y: 0.0, strength: if small { 0.08 } else { 0.04 } })
            .with_force(Center::default())
    }
}

/// SVG path data for an edge between two node centres: straight for a lone edge, bowed by its
/// lane for parallel ones, and shortened so it starts and ends at the nodes' rims (where an
/// arrowhead can sit). Bows are measured from the lower node index, so A→B and B→A part ways.
pub fn edge_path(edge: &GraphEdge, from: (f64, f64), to: (f64, f64), from_radius: f64, to_radius: f64) -> String {
    let control = edge_control(edge, from, to);
    let trim = |point: (f64, f64), toward: (f64, f64), by: f64| {
        let (vx, vy) = (toward.0 - point.0, toward.1 - point.1);
        let l = (vx * vx + vy * vy).sqrt().max(1e-9);
        (point.0 + vx / l * by, point.1 + vy / l * by)
    };
    let start = trim(from, control, from_radius);
    let end = trim(to, control, to_radius + 2.0);
    if edge.lane == 0.0 {
        format!("M{},{}L{},{}", Fixed(start.0, 1), Fixed(start.1, 1), Fixed(end.0, 1), Fixed(end.1, 1))
    } else {
        let [a, b, c, d, e, f] = [start.0, start.1, control.0, control.1, end.0, end.1].map(|v| Fixed(v, 1));
        format!("M{a},{b}Q{c},{d} {e},{f}")
    }
}

/// How far, in layout units, one lane bows an edge's middle away from the straight line.
const LANE_BOW: f64 = 28.0;

/// The control point of an edge's quadratic curve: off the chord's middle by twice its lane's
/// bow, along the perpendicular oriented by node index (not by direction), so A→B and B→A
/// differ by lane only.
fn edge_control(edge: &GraphEdge, from: (f64, f64), to: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt().max(1e-9);
    let flip = if edge.source < edge.target { 1.0 } else { -1.0 };
    let (nx, ny) = (-dy / length * flip, dx / length * flip);
    let bow = 2.0 * edge.lane * LANE_BOW;
    ((from.0 + to.0) / 2.0 + nx * bow, (from.1 + to.1) / 2.0 + ny * bow)
}

/// The middle of an edge as drawn (the curve at t = ½), where its label goes.
pub fn edge_midpoint(edge: &GraphEdge, from: (f64, f64), to: (f64, f64)) -> (f64, f64) {
    let control = edge_control(edge, from, to);
    ((from.0 + 2.0 * control.0 + to.0) / 4.0, (from.1 + 2.0 * control.1 + to.1) / 4.0)
}

/// Where a label goes relative to its node, or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    /// To the right of the node.
    Right,
    /// To the left.
    Left,
    /// Above.
    Above,
    /// Below.
    Below,
    /// Diagonally above and to the right, where the four sides are taken (a crowded hub's).
    AboveRight,
    /// Above and to the left.
    AboveLeft,
    /// Below and to the right.
    BelowRight,
    /// Below and to the left.
    BelowLeft,
    /// Not shown (it would pile onto another); shown on hover, focus or selection instead.
    Hidden,
}

/// How far a node's label stands off its shape, in layout units (the view draws it there).
pub const LABEL_GAP: f64 = 3.0;

/// A box: left, top, right, bottom.
pub type Rect = (f64, f64, f64, f64);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn inside(a: Rect, frame: Rect) -> bool {
    a.0 >= frame.0 && a.1 >= frame.1 && a.2 <= frame.2 && a.3 <= frame.3
}

impl LabelSide {
    /// The side as a word, for class names.
    pub fn as_str(self) -> &'static str {
        match self {
            LabelSide::Right => "right",
            LabelSide::Left => "left",
            LabelSide::Above => "above",
            LabelSide::Below => "below",
            LabelSide::AboveRight => "above-right",
            LabelSide::AboveLeft => "above-left",
            LabelSide::BelowRight => "below-right",
            LabelSide::BelowLeft => "below-left",
            LabelSide::Hidden => "hidden",
        }
    }
}

/// Places labels greedily, most connected nodes first: each label takes the first side where
/// its box stays inside `frame`, overlaps no label already placed and no other node; otherwise
/// it is hidden (and shown on hover and focus). `char_width` and `line_height` are in layout
/// units at the current zoom, and so is `frame`. Returns each node's side and the boxes placed.
pub fn place_labels(
    model: &GraphModel,
    x: &[f64],
    y: &[f64],
    (char_width, line_height): (f64, f64),
    frame: Rect,
) -> (Vec<LabelSide>, Vec<Rect>) {
    let n = model.nodes.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| model.nodes[b].degree.cmp(&model.nodes[a].degree).then(a.cmp(&b)));
    let mut placed: Vec<Rect> = Vec::new();
    let mut sides = vec![LabelSide::Hidden; n];
    for &i in &order {
        let node = &model.nodes[i];
        let (w, h, r) = (node.name.chars().count() as f64 * char_width, line_height, node.radius + LABEL_GAP);
        // The diagonals touch the node's circle at 45° (r·0.7 along each axis).
        let d = r * 0.7;
        let candidates = [
            (LabelSide::Right, (x[i] + r, y[i] - h / 2.0, x[i] + r + w, y[i] + h / 2.0)),
            (LabelSide::Left, (x[i] - r - w, y[i] - h / 2.0, x[i] - r, y[i] + h / 2.0)),
            (LabelSide::Above, (x[i] - w / 2.0, y[i] - r - h, x[i] + w / 2.0, y[i] - r)),
            (LabelSide::Below, (x[i] - w / 2.0, y[i] + r, x[i] + w / 2.0, y[i] + r + h)),
            (LabelSide::AboveRight, (x[i] + d, y[i] - d - h, x[i] + d + w, y[i] - d)),
            (LabelSide::AboveLeft, (x[i] - d - w, y[i] - d - h, x[i] - d, y[i] - d)),
            (LabelSide::BelowRight, (x[i] + d, y[i] + d, x[i] + d + w, y[i] + d + h)),
            (LabelSide::BelowLeft, (x[i] - d - w, y[i] + d, x[i] - d, y[i] + d + h)),
        ];
        for (side, rect) in candidates {
            let hits_label = placed.iter().any(|&p| overlaps(p, rect));
            let hits_node = (0..n).any(|j| {
                j != i && {
                    let rj = model.nodes[j].radius;
                    overlaps((x[j] - rj, y[j] - rj, x[j] + rj, y[j] + rj), rect)
                }
            });
            if !hits_label && !hits_node && inside(rect, frame) {
                placed.push(rect);
                sides[i] = side;
                break;
            }
        }
    }
    (sides, placed)
}

/// Which edge labels show, in the order given: each is centred on its point and `chars` wide,
/// and shows when it stays inside `frame` and overlaps no box in `taken` (the node labels) and
/// no edge label shown before it. The rest show on hover.
pub fn place_edge_labels(
    labels: impl Iterator<Item = ((f64, f64), usize)>,
    mut taken: Vec<Rect>,
    (char_width, line_height): (f64, f64),
    frame: Rect,
) -> Vec<bool> {
    labels
        .map(|((x, y), chars)| {
            let (w, h) = (chars as f64 * char_width / 2.0, line_height / 2.0);
            let rect = (x - w, y - h, x + w, y + h);
            let free = inside(rect, frame) && !taken.iter().any(|&t| overlaps(t, rect));
            if free {
                taken.push(rect);
            }
            free
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::selection::Selection;

    fn model() -> (Story, GraphModel) {
        let dataset = crate::parse(include_str!("../../../data/belarus-myanmar.json")).unwrap();
        let story = Story::new(dataset, BTreeMap::new());
        let model = GraphModel::new(&story);
        (story, model)
    }

    #[test]
    fn every_related_entity_is_a_node_and_every_relation_an_edge() {
        let (story, model) = model();
        assert_eq!(model.nodes.len(), story.dataset.entities.len());
        for (node, entity) in model.nodes.iter().zip(&story.dataset.entities) {
            assert_eq!(node.entity_id, entity.id, "an entity's node is at its position");
        }
        assert_eq!(model.edges.len(), story.dataset.relations.len());
        let lukashenko = story.entity_index("alexander-lukashenko").unwrap();
        assert!(model.neighbours(lukashenko).contains(&story.entity_index("myanmar").unwrap()));
    }

    #[test]
    fn parallel_edges_get_symmetric_lanes() {
        let (_, model) = model();
        let mut by_pair: BTreeMap<(usize, usize), Vec<f64>> = BTreeMap::new();
        for e in &model.edges {
            by_pair.entry((e.source.min(e.target), e.source.max(e.target))).or_default().push(e.lane);
        }
        assert!(by_pair.values().any(|lanes| lanes.len() > 1), "the story has parallel relations");
        for lanes in by_pair.values() {
            assert!(lanes.iter().sum::<f64>().abs() < 1e-9, "lanes are centred: {lanes:?}");
            let mut sorted = lanes.clone();
            sorted.sort_by(f64::total_cmp);
            sorted.dedup();
            assert_eq!(sorted.len(), lanes.len(), "no two parallel edges share a lane");
        }
    }

    #[test]
    fn the_layout_input_has_one_spring_per_connected_pair_and_every_radius() {
        let (_, model) = model();
        let input = model.layout_input();
        assert_eq!(input.radius, model.nodes.iter().map(|n| n.radius).collect::<Vec<_>>());
        let pairs: std::collections::BTreeSet<(usize, usize)> =
            model.edges.iter().map(|e| (e.source.min(e.target), e.source.max(e.target))).collect();
        assert_eq!(input.links, pairs.into_iter().collect::<Vec<_>>(), "sorted, each pair once");
        assert!(input.links.len() < model.edges.len(), "the story has parallel relations, one spring each");
    }

    #[test]
    fn the_layout_is_deterministic_and_settles_with_nodes_apart() {
        let (_, model) = model();
        let run = || {
            let mut simulation = model.simulation();
            assert_eq!(simulation.settle(1000), 300, "d3's cooling schedule: settled in 300 ticks");
            simulation.nodes
        };
        let (a, b) = (run(), run());
        assert_eq!(a, b, "same graph, same positions");
        for i in 0..model.nodes.len() {
            for j in i + 1..model.nodes.len() {
                let d = ((a.x[i] - a.x[j]).powi(2) + (a.y[i] - a.y[j]).powi(2)).sqrt();
                assert!(d >= model.nodes[i].radius + model.nodes[j].radius, "{i} and {j} overlap ({d})");
            }
        }
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected_ones() {
        let (_, model) = model();
        let mut simulation = model.simulation();
        simulation.settle(1000);
        let s = &simulation.nodes;
        let distance = |i: usize, j: usize| ((s.x[i] - s.x[j]).powi(2) + (s.y[i] - s.y[j]).powi(2)).sqrt();
        let (mut linked, mut linked_n, mut other, mut other_n) = (0.0, 0.0, 0.0, 0.0);
        for i in 0..model.nodes.len() {
            let neighbours = model.neighbours(i);
            for j in i + 1..model.nodes.len() {
                if neighbours.contains(&j) {
                    linked += distance(i, j);
                    linked_n += 1.0;
                } else {
                    other += distance(i, j);
                    other_n += 1.0;
                }
            }
        }
        assert!(linked / linked_n < 0.8 * other / other_n, "{} vs {}", linked / linked_n, other / other_n);
    }

    #[test]
    fn edges_start_and_end_at_node_rims() {
        let edge = GraphEdge {
            relation_id: "r".into(),
            source: 0,
            target: 1,
            kind: RelationKind(0),
            directed: true,
            label: "visited".into(),
            status: FactStatus::Reported,
            lane: 0.0,
        };
        assert_eq!(edge_path(&edge, (0.0, 0.0), (100.0, 0.0), 10.0, 20.0), "M10.0,0.0L78.0,0.0");
        let bowed = GraphEdge { lane: 0.5, ..edge.clone() };
        let reverse = GraphEdge { source: 1, target: 0, lane: 0.5, ..edge.clone() };
        let (a, b) = (
            edge_path(&bowed, (0.0, 0.0), (100.0, 0.0), 10.0, 20.0),
            edge_path(&reverse, (100.0, 0.0), (0.0, 0.0), 10.0, 20.0),
        );
        assert!(a.contains('Q') && b.contains('Q'));
        assert!(
            a.contains("Q50.0,28.0") && b.contains("Q50.0,28.0"),
            "lanes are on the same side for both directions, so they separate by lane only: {a} {b}"
        );
        // The label sits on the curve's middle: halfway to the control point.
        assert_eq!(edge_midpoint(&bowed, (0.0, 0.0), (100.0, 0.0)), (50.0, 14.0));
        assert_eq!(edge_midpoint(&edge, (0.0, 0.0), (100.0, 0.0)), (50.0, 0.0));
    }

    #[test]
    fn node_at_finds_the_nearest_node_under_a_point() {
        let (_, model) = model();
        let x: Vec<f64> = (0..model.nodes.len()).map(|i| i as f64 * 100.0).collect();
        let y = vec![0.0; model.nodes.len()];
        assert_eq!(model.node_at(&x, &y, (203.0, 1.0), 0.0, |_| true), Some(2));
        assert_eq!(model.node_at(&x, &y, (250.0, 0.0), 0.0, |_| true), None, "between nodes");
        assert_eq!(model.node_at(&x, &y, (250.0, 0.0), 50.0, |_| true), Some(2), "slack widens targets");
        assert_eq!(model.node_at(&x, &y, (203.0, 1.0), 0.0, |i| i != 2), None, "hidden nodes are not hit");
    }

    #[test]
    fn labels_stay_in_the_frame_and_edge_labels_keep_clear() {
        let (_, model) = model();
        let mut simulation = model.simulation();
        simulation.settle(1000);
        let s = &simulation.nodes;
        let (x0, x1) = s.x.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        let (y0, y1) = s.y.iter().fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
        // A frame that cuts through the drawing: no label may cross it.
        let frame = (x0 + 20.0, y0, x1 - 20.0, y1);
        let (_, boxes) = place_labels(&model, &s.x, &s.y, (7.0, 14.0), frame);
        assert!(!boxes.is_empty());
        assert!(boxes.iter().all(|&b| inside(b, frame)));
        // Edge labels: two on the same spot, one on a node label, one outside: only the first shows.
        let taken = vec![(100.0, 100.0, 140.0, 114.0)];
        let shown = place_edge_labels(
            [((0.0, 0.0), 4), ((2.0, 1.0), 4), ((120.0, 107.0), 2), ((1e6, 0.0), 1)].into_iter(),
            taken,
            (7.0, 14.0),
            (-500.0, -500.0, 500.0, 500.0),
        );
        assert_eq!(shown, [true, false, false, false]);
    }

    #[test]
    fn a_hub_hemmed_in_on_four_sides_takes_a_diagonal() {
        let (_, mut model) = model();
        model.nodes.truncate(5);
        let hub = model.nodes.iter().enumerate().max_by_key(|(i, n)| (n.degree, usize::MAX - i)).unwrap().0;
        let (mut x, mut y) = (vec![0.0; 5], vec![0.0; 5]);
        // Its neighbours sit right, left, above and below it, where its label would go.
        let spots = [(40.0, 0.0), (-40.0, 0.0), (0.0, -20.0), (0.0, 20.0)];
        for (j, &(sx, sy)) in (0..5).filter(|&j| j != hub).zip(&spots) {
            (x[j], y[j]) = (sx, sy);
        }
        let everywhere = (f64::MIN, f64::MIN, f64::MAX, f64::MAX);
        let (sides, _) = place_labels(&model, &x, &y, (7.0, 14.0), everywhere);
        assert!(
            matches!(
                sides[hub],
                LabelSide::AboveRight | LabelSide::AboveLeft | LabelSide::BelowRight | LabelSide::BelowLeft
            ),
            "the hub's label: {:?}",
            sides[hub]
        );
    }

    #[test]
    fn placed_labels_never_overlap_each_other_or_nodes() {
        let (_, model) = model();
        let mut simulation = model.simulation();
        simulation.settle(1000);
        let s = &simulation.nodes;
        let (char_width, line_height) = (7.0, 14.0);
        let everywhere = (f64::MIN, f64::MIN, f64::MAX, f64::MAX);
        let (sides, boxes) = place_labels(&model, &s.x, &s.y, (char_width, line_height), everywhere);
        let rect = |i: usize, side: LabelSide| {
            let (w, h, r) =
                (model.nodes[i].name.chars().count() as f64 * char_width, line_height, model.nodes[i].radius + 3.0);
            let (x, y) = (s.x[i], s.y[i]);
            match side {
                LabelSide::Right => (x + r, y - h / 2.0, x + r + w, y + h / 2.0),
                LabelSide::Left => (x - r - w, y - h / 2.0, x - r, y + h / 2.0),
                LabelSide::Above => (x - w / 2.0, y - r - h, x + w / 2.0, y - r),
                LabelSide::Below => (x - w / 2.0, y + r, x + w / 2.0, y + r + h),
                LabelSide::AboveRight => (x + r * 0.7, y - r * 0.7 - h, x + r * 0.7 + w, y - r * 0.7),
                LabelSide::AboveLeft => (x - r * 0.7 - w, y - r * 0.7 - h, x - r * 0.7, y - r * 0.7),
                LabelSide::BelowRight => (x + r * 0.7, y + r * 0.7, x + r * 0.7 + w, y + r * 0.7 + h),
                LabelSide::BelowLeft => (x - r * 0.7 - w, y + r * 0.7, x - r * 0.7, y + r * 0.7 + h),
                LabelSide::Hidden => unreachable!(),
            }
        };
        let shown: Vec<usize> = (0..model.nodes.len()).filter(|&i| sides[i] != LabelSide::Hidden).collect();
        assert_eq!(boxes.len(), shown.len());
        assert!(shown.len() > model.nodes.len() / 2, "most labels show: {} of {}", shown.len(), model.nodes.len());
        for (n, &i) in shown.iter().enumerate() {
            for &j in &shown[n + 1..] {
                assert!(!overlaps(rect(i, sides[i]), rect(j, sides[j])), "labels of {i} and {j} overlap");
            }
            for j in (0..model.nodes.len()).filter(|&j| j != i) {
                let r = model.nodes[j].radius;
                assert!(
                    !overlaps(rect(i, sides[i]), (s.x[j] - r, s.y[j] - r, s.x[j] + r, s.y[j] + r)),
                    "label {i} covers node {j}"
                );
            }
        }
    }

    #[test]
    fn classes_follow_the_selection_and_the_filters() {
        let story = crate::testing::bundled_story();
        let graph = GraphModel::new(&story);
        let none = KindSet::default();
        let near = |selection: Selection| Neighbourhood::of(&story, None, &selection);
        let all = Classes::new(&graph, None, none, none, None);
        assert!(all.nodes.iter().chain(&all.edges).all(|&c| c == BRIGHT), "nothing selected: all bright and shown");

        let lukashenko = story.entity_index("alexander-lukashenko").expect("Lukashenko is a node");
        let nearby: BTreeSet<usize> = std::iter::once(lukashenko).chain(graph.neighbours(lukashenko)).collect();
        let around_lukashenko = near(Selection::Entity("alexander-lukashenko".into()));
        let picked = Classes::new(&graph, Some(&around_lukashenko), none, none, None);
        for i in 0..graph.nodes.len() {
            assert_eq!(picked.node_bright(i), nearby.contains(&i), "node {i}");
            assert_eq!(picked.node_picked(i), i == lukashenko, "node {i}");
            assert!(picked.node_visible(i));
        }
        for (k, e) in graph.edges.iter().enumerate() {
            assert_eq!(picked.edge_bright(k), e.source == lukashenko || e.target == lukashenko, "edge {k}");
        }
        assert!(picked.nodes.contains(&0) && picked.edges.contains(&0), "the rest is dim");
        assert!(picked.edges.iter().all(|&c| c & PICKED == 0), "a picked entity picks no edge");

        // A selected relation: it and its two ends.
        let relation = graph.edges.iter().position(|e| e.source != e.target).unwrap();
        let (from, to) = (graph.edges[relation].source, graph.edges[relation].target);
        let one = Classes::new(
            &graph,
            Some(&near(Selection::Relation(graph.edges[relation].relation_id.clone()))),
            none,
            none,
            None,
        );
        for i in 0..graph.nodes.len() {
            assert_eq!(one.node_bright(i), i == from || i == to, "node {i}");
        }
        for k in 0..graph.edges.len() {
            assert_eq!(one.edge_bright(k), k == relation, "edge {k}");
            assert_eq!(one.edge_picked(k), k == relation, "edge {k}");
        }

        // Filters hide, and leave brightness as it was.
        let countries = KindSet::of([EntityKind::Country as usize]);
        let filtered = Classes::new(&graph, Some(&around_lukashenko), countries, none, None);
        for (i, node) in graph.nodes.iter().enumerate() {
            assert_eq!(!filtered.node_visible(i), node.kind == EntityKind::Country, "node {i}");
            assert_eq!(filtered.node_bright(i), picked.node_bright(i), "node {i}");
        }
        for (k, e) in graph.edges.iter().enumerate() {
            let hidden_end = [e.source, e.target].iter().any(|&i| graph.nodes[i].kind == EntityKind::Country);
            assert_eq!(!filtered.edge_visible(k), hidden_end, "edge {k}");
            assert_eq!(filtered.edge_bright(k), picked.edge_bright(k), "edge {k}");
        }
        let kind = graph.edges[0].kind;
        let no_kind = Classes::new(&graph, None, none, KindSet::of([kind.0 as usize]), None);
        assert_eq!(KindSet::of([kind.0 as usize]).toggled(kind.0 as usize), none, "a toggle twice is no change");
        for (k, e) in graph.edges.iter().enumerate() {
            assert_eq!(!no_kind.edge_visible(k), e.kind == kind, "edge {k}");
        }
        assert!(no_kind.nodes.iter().all(|&c| c == BRIGHT), "an edge filter hides no node");

        // A year hides the edges of relations not dated in it, and no node.
        let in_2023 = Within::span(&story, crate::timeline::Span::year(2023));
        let narrowed = Classes::new(&graph, None, none, none, Some(&in_2023));
        for (k, e) in graph.edges.iter().enumerate() {
            assert_eq!(narrowed.edge_visible(k), in_2023.relations.contains(&e.relation_id), "edge {k}");
        }
        assert!(
            (0..graph.edges.len()).any(|k| narrowed.edge_visible(k))
                && (0..graph.edges.len()).any(|k| !narrowed.edge_visible(k))
        );
        assert!(narrowed.nodes.iter().all(|&c| c == BRIGHT), "a year hides no node");
    }
}
