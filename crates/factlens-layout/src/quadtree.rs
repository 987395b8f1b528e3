//! A point quadtree over node positions, rebuilt by the forces that need one each tick.
//!
//! Built by partitioning an index array in place, so every quad covers a contiguous run of
//! `order`, and stored in an arena. Leaves hold one point, or several when they coincide (or
//! the tree is already very deep). Forces keep their per-quad sums in vectors of their own,
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
    /// Builds the tree over points `(x[i], y[i])`.
    pub fn new(x: &[f64], y: &[f64]) -> Self {
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
        tree.build(x, y, 0, n, x0, y0, size, 0, &mut scratch);
        tree
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        x: &[f64],
        y: &[f64],
        start: usize,
        end: usize,
        x0: f64,
        y0: f64,
        size: f64,
        depth: u32,
        scratch: &mut [u32],
    ) -> u32 {
        let index = self.quads.len() as u32;
        self.quads.push(Quad { x0, y0, size, start: start as u32, end: end as u32, children: [NONE; 4] });
        let points = &self.order[start..end];
        let first = points[0] as usize;
        let coincident = points.iter().all(|&p| x[p as usize] == x[first] && y[p as usize] == y[first]);
        if end - start == 1 || coincident || depth >= MAX_DEPTH {
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
            let child = self.build(x, y, s, e, cx, cy, half, depth + 1, scratch);
            self.quads[index as usize].children[q] = child;
        }
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
        let tree = Quadtree::new(&x, &y);
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
        let tree = Quadtree::new(&x, &y);
        for (i, quad) in tree.quads.iter().enumerate() {
            for &c in quad.children.iter().filter(|&&c| c != NONE) {
                assert!(c as usize > i);
                let child = &tree.quads[c as usize];
                assert!(child.start >= quad.start && child.end <= quad.end);
            }
        }
        assert!(Quadtree::new(&[], &[]).quads.is_empty());
    }
}
