//! Many-body: every node repels (or attracts) every other, approximated with Barnes–Hut so a
//! tick costs O(n log n). d3-force's `forceManyBody`.

use crate::quadtree::{Quadtree, NONE};
use crate::random::Lcg;
use crate::simulation::{Force, Nodes};

/// Charge between all pairs of nodes.
pub struct ManyBody {
    /// Charge per node: negative repels. Default −30.
    pub strength: f64,
    /// Barnes–Hut accuracy: a quad this many times farther than it is wide counts as one body.
    /// Default 0.9.
    pub theta: f64,
    /// Closer than this, the force stops growing. Default 1.
    pub distance_min: f64,
    /// Farther than this, nodes ignore each other. Default infinity.
    pub distance_max: f64,
    value: Vec<f64>,
    cx: Vec<f64>,
    cy: Vec<f64>,
    stack: Vec<u32>,
    tree: Quadtree,
}

impl Default for ManyBody {
    fn default() -> Self {
        ManyBody {
            strength: -30.0,
            theta: 0.9,
            distance_min: 1.0,
            distance_max: f64::INFINITY,
            value: Vec::new(),
            cx: Vec::new(),
            cy: Vec::new(),
            stack: Vec::new(),
            tree: Quadtree::default(),
        }
    }
}

impl ManyBody {
    /// Sums each quad's charge and its centre of charge, children before parents.
    fn accumulate(&mut self, tree: &Quadtree, nodes: &Nodes) {
        let len = tree.quads.len();
        self.value.clear();
        self.value.resize(len, 0.0);
        self.cx.clear();
        self.cx.resize(len, 0.0);
        self.cy.clear();
        self.cy.resize(len, 0.0);
        for q in (0..len).rev() {
            let quad = &tree.quads[q];
            if quad.is_leaf() {
                let points = tree.points(quad);
                self.value[q] = self.strength * points.len() as f64;
                // Leaves hold coincident points (or, very deep, nearly so): their mean stands in.
                let n = points.len() as f64;
                self.cx[q] = points.iter().map(|&p| nodes.x[p as usize]).sum::<f64>() / n;
                self.cy[q] = points.iter().map(|&p| nodes.y[p as usize]).sum::<f64>() / n;
            } else {
                let (mut value, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                for &c in quad.children.iter().filter(|&&c| c != NONE) {
                    let c = c as usize;
                    let w = self.value[c].abs();
                    value += self.value[c];
                    weight += w;
                    x += w * self.cx[c];
                    y += w * self.cy[c];
                }
                self.value[q] = value;
                if weight > 0.0 {
                    self.cx[q] = x / weight;
                    self.cy[q] = y / weight;
                }
            }
        }
    }
}

impl Force for ManyBody {
    fn work(&self, nodes: &Nodes) -> usize {
        nodes.len()
    }

    fn prepare(&mut self, nodes: &Nodes, _alpha: f64) {
        let tree = Quadtree::new(&nodes.x, &nodes.y);
        self.accumulate(&tree, nodes);
        self.tree = tree;
    }

    /// Items are nodes in the tree's order, so neighbours in space follow each other and walk
    /// the same quads while they are still in cache.
    fn apply_range(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg, range: std::ops::Range<usize>) {
        if nodes.is_empty() {
            return;
        }
        let tree = std::mem::take(&mut self.tree);
        let theta2 = self.theta * self.theta;
        let (min2, max2) = (self.distance_min * self.distance_min, self.distance_max * self.distance_max);
        let mut stack = std::mem::take(&mut self.stack);
        for &i in &tree.order[range] {
            let i = i as usize;
            let (xi, yi) = (nodes.x[i], nodes.y[i]);
            let (mut fx, mut fy) = (0.0, 0.0);
            stack.clear();
            stack.push(0);
            while let Some(q) = stack.pop() {
                let q = q as usize;
                let quad = &tree.quads[q];
                if self.value[q] == 0.0 {
                    continue;
                }
                let (mut dx, mut dy) = (self.cx[q] - xi, self.cy[q] - yi);
                let mut l = dx * dx + dy * dy;
                let w = quad.size;
                if w * w / theta2 < l {
                    // Far enough: the whole quad acts as one body.
                    if l < max2 {
                        (dx, dy, l) = separated(dx, dy, l, min2, random);
                        fx += dx * self.value[q] * alpha / l;
                        fy += dy * self.value[q] * alpha / l;
                    }
                    continue;
                }
                if !quad.is_leaf() {
                    // Reversed, so quadrants are visited in d3's order (top-left first).
                    stack.extend(quad.children.iter().rev().copied().filter(|&c| c != NONE));
                    continue;
                }
                if l >= max2 {
                    continue;
                }
                let points = tree.points(quad);
                if points.len() > 1 || points[0] as usize != i {
                    (dx, dy, l) = separated(dx, dy, l, min2, random);
                }
                for &p in points {
                    if p as usize != i {
                        let w = self.strength * alpha / l;
                        fx += dx * w;
                        fy += dy * w;
                    }
                }
            }
            nodes.vx[i] += fx;
            nodes.vy[i] += fy;
        }
        self.stack = stack;
        self.tree = tree;
    }
}

/// d3's guards for an offset `(dx, dy)` with squared length `l`: a zero component is jiggled
/// (so coincident nodes part), and a distance under the minimum is clamped.
fn separated(mut dx: f64, mut dy: f64, mut l: f64, min2: f64, random: &mut Lcg) -> (f64, f64, f64) {
    if dx == 0.0 {
        dx = random.jiggle();
        l += dx * dx;
    }
    if dy == 0.0 {
        dy = random.jiggle();
        l += dy * dy;
    }
    if l < min2 {
        l = (min2 * l).sqrt();
    }
    (dx, dy, l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_nodes_repel_along_their_axis_with_inverse_distance() {
        let mut nodes =
            Nodes { x: vec![0.0, 10.0], y: vec![0.0, 0.0], vx: vec![0.0; 2], vy: vec![0.0; 2], fixed: vec![None; 2] };
        ManyBody::default().apply(&mut nodes, 1.0, &mut Lcg::new(1));
        // d3: v += dx · strength · alpha / l² with l² = 100 → 10 · −30 / 100 = −3 for node 0.
        assert!((nodes.vx[0] + 3.0).abs() < 1e-12 && (nodes.vx[1] - 3.0).abs() < 1e-12, "{:?}", nodes.vx);
        // As in d3, a zero offset is jiggled, so the other axis moves only negligibly.
        assert!(nodes.vy.iter().all(|v| v.abs() < 1e-6), "{:?}", nodes.vy);
    }

    #[test]
    fn barnes_hut_is_close_to_the_exact_sum() {
        let n = 300;
        let x: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64 / 3.0).collect();
        let y: Vec<f64> = (0..n).map(|i| ((i * 104_729) % 997) as f64 / 3.0).collect();
        let mut nodes = Nodes { x: x.clone(), y: y.clone(), vx: vec![0.0; n], vy: vec![0.0; n], fixed: vec![None; n] };
        ManyBody::default().apply(&mut nodes, 1.0, &mut Lcg::new(1));
        for i in (0..n).step_by(37) {
            let (mut ex, mut ey) = (0.0, 0.0);
            for j in (0..n).filter(|&j| j != i) {
                let (dx, dy) = (x[j] - x[i], y[j] - y[i]);
                let l = (dx * dx + dy * dy).max(1.0);
                ex += dx * -30.0 / l;
                ey += dy * -30.0 / l;
            }
            let error = ((nodes.vx[i] - ex).powi(2) + (nodes.vy[i] - ey).powi(2)).sqrt();
            let size = (ex * ex + ey * ey).sqrt();
            assert!(error <= 0.1 * size + 0.05, "node {i}: {error} vs |f| = {size}");
        }
    }
}
