//! Links pull connected nodes towards a rest distance. d3-force's `forceLink`, with its
//! defaults: strength 1 / min(degree), bias towards moving the less connected end.

use crate::random::Lcg;
use crate::simulation::{Force, Nodes};

/// Springs between pairs of nodes.
pub struct Link {
    /// `(source, target)` node indices.
    pub links: Vec<(usize, usize)>,
    /// Rest length. Default 30.
    pub distance: f64,
    strength: Vec<f64>,
    bias: Vec<f64>,
}

impl Link {
    /// Springs for `links` among `node_count` nodes, with d3's default strengths.
    pub fn new(links: Vec<(usize, usize)>, node_count: usize) -> Self {
        let mut degree = vec![0usize; node_count];
        for &(s, t) in &links {
            degree[s] += 1;
            degree[t] += 1;
        }
        let strength = links.iter().map(|&(s, t)| 1.0 / degree[s].min(degree[t]) as f64).collect();
        let bias = links.iter().map(|&(s, t)| degree[s] as f64 / (degree[s] + degree[t]) as f64).collect();
        Link { links, distance: 30.0, strength, bias }
    }
}

impl Force for Link {
    fn work(&self, _nodes: &Nodes) -> usize {
        self.links.len()
    }

    /// One pass per tick (d3's default `iterations(1)`), link by link in order.
    fn apply_range(&mut self, nodes: &mut Nodes, alpha: f64, random: &mut Lcg, range: std::ops::Range<usize>) {
        {
            for (k, &(s, t)) in self.links.iter().enumerate().skip(range.start).take(range.len()) {
                let mut x = nodes.x[t] + nodes.vx[t] - nodes.x[s] - nodes.vx[s];
                let mut y = nodes.y[t] + nodes.vy[t] - nodes.y[s] - nodes.vy[s];
                if x == 0.0 {
                    x = random.jiggle();
                }
                if y == 0.0 {
                    y = random.jiggle();
                }
                let mut l = (x * x + y * y).sqrt();
                l = (l - self.distance) / l * alpha * self.strength[k];
                x *= l;
                y *= l;
                let b = self.bias[k];
                nodes.vx[t] -= x * b;
                nodes.vy[t] -= y * b;
                nodes.vx[s] += x * (1.0 - b);
                nodes.vy[s] += y * (1.0 - b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    #[test]
    fn a_lone_link_settles_at_its_rest_distance() {
        let nodes =
            Nodes { x: vec![0.0, 100.0], y: vec![0.0, 0.0], vx: vec![0.0; 2], vy: vec![0.0; 2], fixed: vec![None; 2] };
        let mut simulation = Simulation::new(nodes).with_force(Link::new(vec![(0, 1)], 2));
        simulation.settle(1000);
        let n = &simulation.nodes;
        let length = ((n.x[1] - n.x[0]).powi(2) + (n.y[1] - n.y[0]).powi(2)).sqrt();
        assert!((length - 30.0).abs() < 0.5, "{length}");
        // Equal degrees: both ends move equally, so the midpoint stays put.
        assert!(((n.x[0] + n.x[1]) / 2.0 - 50.0).abs() < 1e-9);
    }

    #[test]
    fn defaults_follow_degree() {
        let link = Link::new(vec![(0, 1), (0, 2), (0, 3)], 4);
        assert_eq!(link.strength, vec![1.0; 3]);
        assert_eq!(link.bias, vec![0.75; 3]);
    }
}
