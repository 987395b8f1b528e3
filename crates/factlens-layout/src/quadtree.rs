//! A point quadtree over node positions, rebuilt by the forces that need one each tick.
//!
//! Built by partitioning an index array in place, so every quad covers a contiguous run of
//! `order`, and stored in an arena in pre-order. Leaves hold up to a given number of points
//! (any number when they coincide or the tree is very deep). Each quad knows where its subtree
//! ends ([`Quad::next`]), so a walk is a forward scan that skips whole subtrees, with no stack,
//! visiting quadrants in d3's order. Forces keep their per-quad sums in vectors of their own,
//! indexed like [`Quadtree::quads`].

/// No child in that quadrant.
pub const NONE: u32 = u32::MAX;
const MAX_DEPTH: u32 = 40;

/// One square of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Quad {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Width and height.
    pub size: f64,
    /// The run of [`Quadtree::order`] holding this quad's points.
    pub start: u32,
    /// See [`Quad::start`].
    pub end: u32,
    /// Children by quadrant (top-left, top-right, bottom-left, bottom-right), or [`NONE`].
    pub children: [u32; 4],
    /// The index just past this quad's subtree: where a walk goes when it skips it.
    pub next: u32,
}

impl Quad {
    /// Whether this quad holds points directly rather than through children.
    pub fn is_leaf(&self) -> bool {
        self.children == [NONE; 4]
    }
}

/// The tree: quads in pre-order (the root first, every parent before its children).
#[derive(Debug, Clone, Default)]
pub struct Quadtree {
    /// Every quad; index 0 is the root when there are points.
    pub quads: Vec<Quad>,
    /// Point indices, permuted so each quad's points are contiguous.
    pub order: Vec<u32>,
}

impl Quadtree {
    /// Builds the tree over points `(x[i], y[i])`, splitting quads of more than `leaf_size`
    /// points (d3's trees are `leaf_size` 1).
    pub fn new(x: &[f64], y: &[f64], leaf_size: usize) -> Self {
        let n = x.len();
        let mut tree = Quadtree { quads: Vec::with_capacity(2 * n), order: (0..n as u32).collect() };
        if n == 0 {
            return tree;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..n {
            x0 = x0.min(x[i]);
            y0 = y0.min(y[i]);
            x1 = x1.max(x[i]);
            y1 = y1.max(y[i]);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9) * (1.0 + 1e-9);
        let mut scratch = vec![0u32; n];
        tree.build(x, y, (0, n), (x0, y0, size), leaf_size.max(1), 0, &mut scratch);
        tree
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        x: &[f64],
        y: &[f64],
        (start, end): (usize, usize),
        (x0, y0, size): (f64, f64, f64),
        leaf_size: usize,
        depth: u32,
        scratch: &mut [u32],
    ) -> u32 {
        let index = self.quads.len() as u32;
        let quad = Quad { x0, y0, size, start: start as u32, end: end as u32, children: [NONE; 4], next: index + 1 };
        self.quads.push(quad);
        let points = &self.order[start..end];
        let first = points[0] as usize;
        if end - start <= leaf_size
            || depth >= MAX_DEPTH
            || points.iter().all(|&p| x[p as usize] == x[first] && y[p as usize] == y[first])
        {
            return index;
        }
        // Stable four-way partition by quadrant.
        let (mx, my) = (x0 + size / 2.0, y0 + size / 2.0);
        let quadrant = |p: u32| usize::from(x[p as usize] >= mx) + 2 * usize::from(y[p as usize] >= my);
        let mut counts = [0usize; 4];
        for &p in points {
            counts[quadrant(p)] += 1;
        }
        let mut offsets = [0usize; 4];
        for q in 1..4 {
            offsets[q] = offsets[q - 1] + counts[q - 1];
        }
        let mut cursor = offsets;
        for &p in points {
            let q = quadrant(p);
            scratch[cursor[q]] = p;
            cursor[q] += 1;
        }
        self.order[start..end].copy_from_slice(&scratch[..end - start]);
        let half = size / 2.0;
        for q in 0..4 {
            if counts[q] == 0 {
                continue;
            }
            let (cx, cy) = (x0 + half * (q % 2) as f64, y0 + half * (q / 2) as f64);
            let (s, e) = (start + offsets[q], start + offsets[q] + counts[q]);
            let child = self.build(x, y, (s, e), (cx, cy, half), leaf_size, depth + 1, scratch);
            self.quads[index as usize].children[q] = child;
        }
        self.quads[index as usize].next = self.quads.len() as u32;
        index
    }

    /// The points of a quad.
    pub fn points(&self, quad: &Quad) -> &[u32] {
        &self.order[quad.start as usize..quad.end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_in_exactly_one_leaf_inside_its_bounds() {
        let x = [0.0, 10.0, 10.0, 3.0, 3.0, 7.5, -2.0];
        let y = [0.0, 10.0, 0.0, 3.0, 3.0, 1.0, 9.0];
        let tree = Quadtree::new(&x, &y, 1);
        let mut seen = vec![0; x.len()];
        for quad in tree.quads.iter().filter(|q| q.is_leaf()) {
            for &p in tree.points(quad) {
                seen[p as usize] += 1;
                let (px, py) = (x[p as usize], y[p as usize]);
                assert!(px >= quad.x0 && px <= quad.x0 + quad.size && py >= quad.y0 && py <= quad.y0 + quad.size);
            }
        }
        assert_eq!(seen, vec![1; x.len()]);
        // The two points at (3, 3) coincide and share a leaf.
        assert!(tree.quads.iter().any(|q| q.is_leaf() && tree.points(q).len() == 2));
    }

    #[test]
    fn parents_come_before_children_and_cover_them() {
        let x: Vec<f64> = (0..200).map(|i| f64::from(i * 37 % 101)).collect();
        let y: Vec<f64> = (0..200).map(|i| f64::from(i * 53 % 97)).collect();
        for leaf_size in [1, 3, 8] {
            let tree = Quadtree::new(&x, &y, leaf_size);
            for (i, quad) in tree.quads.iter().enumerate() {
                let children: Vec<u32> = quad.children.iter().copied().filter(|&c| c != NONE).collect();
                for &c in &children {
                    assert!(c as usize > i);
                    let child = &tree.quads[c as usize];
                    assert!(child.start >= quad.start && child.end <= quad.end);
                }
                // Pre-order: the first child follows its parent, each next child follows the
                // subtree before it, and the subtree ends where the last child's does.
                if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
                    assert_eq!(first as usize, i + 1);
                    for pair in children.windows(2) {
                        assert_eq!(tree.quads[pair[0] as usize].next, pair[1]);
                    }
                    assert_eq!(quad.next, tree.quads[last as usize].next);
                } else {
                    assert_eq!(quad.next as usize, i + 1);
                    assert!(quad.end - quad.start <= leaf_size as u32);
                }
            }
            assert_eq!(tree.quads[0].next as usize, tree.quads.len());
        }
        assert!(Quadtree::new(&[], &[], 1).quads.is_empty());
    }
}
