//! Collision: nodes are discs that push apart when they overlap. d3-force's `forceCollide`.

use crate::quadtree::{Quadtree, NONE};
use crate::random::Lcg;
use crate::simulation::{Force, Nodes};

/// Keeps node discs from overlapping.
pub struct Collide {
    /// Each node's radius.
    pub radius: Vec<f64>,
    /// How firmly overlaps are resolved, in [0, 1]. Default 1.
    pub strength: f64,
    max_radius: Vec<f64>,
    stack: Vec<u32>,
    tree: Quadtree,
}

impl Collide {
    /// Discs of the given radii.
    pub fn new(radius: Vec<f64>) -> Self {
        Collide { radius, strength: 1.0, max_radius: Vec::new(), stack: Vec::new(), tree: Quadtree::default() }
    }
}

impl Force for Collide {
    fn work(&self, nodes: &Nodes) -> usize {
        nodes.len()
    }

    /// One pass per tick (d3's default `iterations(1)`): the tree holds where nodes are about to
    /// be at the start of the tick.
    fn prepare(&mut self, nodes: &Nodes, _alpha: f64) {
        let n = nodes.len();
        let px: Vec<f64> = (0..n).map(|i| nodes.x[i] + nodes.vx[i]).collect();
        let py: Vec<f64> = (0..n).map(|i| nodes.y[i] + nodes.vy[i]).collect();
        let tree = Quadtree::new(&px, &py, 1);
        self.max_radius.clear();
        self.max_radius.resize(tree.quads.len(), 0.0);
        for q in (0..tree.quads.len()).rev() {
            let quad = &tree.quads[q];
            self.max_radius[q] = if quad.is_leaf() {
                tree.points(quad).iter().map(|&p| self.radius[p as usize]).fold(0.0, f64::max)
            } else {
                quad.children.iter().filter(|&&c| c != NONE).map(|&c| self.max_radius[c as usize]).fold(0.0, f64::max)
            };
        }
        self.tree = tree;
    }

    fn apply_range(&mut self, nodes: &mut Nodes, _alpha: f64, random: &mut Lcg, range: std::ops::Range<usize>) {
        if nodes.is_empty() {
            return;
        }
        let tree = std::mem::take(&mut self.tree);
        let mut stack = std::mem::take(&mut self.stack);
        {
            for i in range {
                // As d3: the node's own next position is read when its turn comes, after the
                // pushes of the nodes before it; the tree keeps the positions from the start.
                let (ri, xi, yi) = (self.radius[i], nodes.x[i] + nodes.vx[i], nodes.y[i] + nodes.vy[i]);
                let ri2 = ri * ri;
                stack.clear();
                stack.push(0);
                while let Some(q) = stack.pop() {
                    let quad = &tree.quads[q as usize];
                    let reach = ri + self.max_radius[q as usize];
                    if quad.x0 > xi + reach
                        || quad.x0 + quad.size < xi - reach
                        || quad.y0 > yi + reach
                        || quad.y0 + quad.size < yi - reach
                    {
                        continue;
                    }
                    if !quad.is_leaf() {
                        // Reversed, so quadrants are visited in d3's order (top-left first).
                        stack.extend(quad.children.iter().rev().copied().filter(|&c| c != NONE));
                        continue;
                    }
                    for &j in tree.points(quad) {
                        let j = j as usize;
                        if j <= i {
                            continue;
                        }
                        let rj = self.radius[j];
                        let r = ri + rj;
                        let mut x = xi - nodes.x[j] - nodes.vx[j];
                        let mut y = yi - nodes.y[j] - nodes.vy[j];
                        let mut l = x * x + y * y;
                        if l < r * r {
                            if x == 0.0 {
                                x = random.jiggle();
                                l += x * x;
                            }
                            if y == 0.0 {
                                y = random.jiggle();
                                l += y * y;
                            }
                            let d = l.sqrt();
                            let push = (r - d) / d * self.strength;
                            x *= push;
                            y *= push;
                            let rj2 = rj * rj;
                            let share = rj2 / (ri2 + rj2);
                            nodes.vx[i] += x * share;
                            nodes.vy[i] += y * share;
                            nodes.vx[j] -= x * (1.0 - share);
                            nodes.vy[j] -= y * (1.0 - share);
                        }
                    }
                }
            }
        }
        self.stack = stack;
        self.tree = tree;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    fn close(nodes: &Nodes, i: usize, (x, y, vx, vy): (f64, f64, f64, f64)) {
        let tolerance = 1e-6;
        let got = (nodes.x[i], nodes.y[i], nodes.vx[i], nodes.vy[i]);
        assert!(
            (got.0 - x).abs() < tolerance
                && (got.1 - y).abs() < tolerance
                && (got.2 - vx).abs() < tolerance
                && (got.3 - vy).abs() < tolerance,
            "node {i}: {got:?}, want {:?}",
            (x, y, vx, vy)
        );
    }

    /// d3-force's own test "forceCollide collides nodes": three nodes on the phyllotaxis
    /// spiral, 10 ticks with radius 1 (nothing touches), then 10 with radius 100.
    #[test]
    fn matches_d3_force_collides_nodes() {
        let mut first = Simulation::new(Nodes::phyllotaxis(3)).with_force(Collide::new(vec![1.0; 3]));
        first.tick(10);
        close(&first.nodes, 0, (7.0710678118654755, 0.0, 0.0, 0.0));
        close(&first.nodes, 1, (-9.03088751750192, 8.27303273571596, 0.0, 0.0));
        close(&first.nodes, 2, (1.3823220809823638, -15.750847141167634, 0.0, 0.0));
        let mut second = Simulation::new(first.nodes.clone()).with_force(Collide::new(vec![100.0; 3]));
        second.tick(10);
        close(&second.nodes, 0, (174.08616723117228, 66.51743051995625, 0.677346615710878, 0.26976816231064354));
        close(&second.nodes, 1, (-139.73606544743998, 95.69860503079263, -0.5300880593105067, 0.3545632444404687));
        close(&second.nodes, 2, (-34.9275994083864, -169.69384995620052, -0.1472585564003713, -0.6243314067511122));
    }

    /// d3-force's own test "forceCollide jiggles equal positions": two coincident nodes are
    /// pushed apart by the seeded jiggle, equally and oppositely.
    #[test]
    fn jiggles_equal_positions_apart_symmetrically() {
        let nodes =
            Nodes { x: vec![0.0; 2], y: vec![0.0; 2], vx: vec![0.0; 2], vy: vec![0.0; 2], fixed: vec![None; 2] };
        let mut simulation = Simulation::new(nodes).with_force(Collide::new(vec![1.0; 2]));
        simulation.tick(1);
        let s = &simulation.nodes;
        assert!(s.x[0] != s.x[1] && s.y[0] != s.y[1]);
        assert_eq!(s.vx[0], -s.vx[1]);
        assert_eq!(s.vy[0], -s.vy[1]);
    }

    #[test]
    fn overlapping_discs_end_apart() {
        let n = 40;
        let nodes = Nodes::phyllotaxis(n);
        let mut simulation = Simulation::new(nodes).with_force(Collide::new(vec![12.0; n]));
        simulation.settle(1000);
        let s = &simulation.nodes;
        for i in 0..n {
            for j in i + 1..n {
                let d = ((s.x[i] - s.x[j]).powi(2) + (s.y[i] - s.y[j]).powi(2)).sqrt();
                assert!(d > 24.0 - 0.5, "{i} and {j} overlap: {d}");
            }
        }
    }
}
