//! Turns projected rings into SVG path data, compactly: in quarters of a map unit, each point as
//! its step from the one before, simplified to a tolerance, no repeated points.
//!
//! Paths are drawn inside a group scaled by [`STEP`], so whole quarters need no decimal point,
//! and steps between neighbouring points are short numbers that compress well.

use std::fmt::Write;

/// The scale of the group path data from [`rings_to_path`] is drawn in: a quarter of a map unit,
/// about the precision of the map's data (Natural Earth's 1:110m cut, a tenth of a degree: 0.27
/// map units).
pub const STEP: f64 = 0.25;
/// The transform of the group that draws such paths: `scale(` [`STEP`] `)`, written out so the
/// page formats no float for it.
pub const SCALE_STEP: &str = "scale(0.25)";

/// Path data (`M…l…z`, in quarters of a map unit) for closed rings of map points, each ring
/// simplified (Douglas–Peucker) so no dropped point lies more than `tolerance` map units from
/// the outline kept. Points that round to the previous one are dropped, and rings that
/// collapse to fewer than three points are left out.
pub fn rings_to_path<'a>(rings: impl IntoIterator<Item = &'a [(f64, f64)]>, tolerance: f64) -> String {
    let mut out = String::new();
    for ring in rings {
        let points: Vec<(f64, f64)> = ring.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect();
        let mut steps: Vec<(i64, i64)> = Vec::with_capacity(points.len());
        for (x, y) in simplify_ring(&points, tolerance) {
            let point = ((x / STEP).round() as i64, (y / STEP).round() as i64);
            if steps.last() != Some(&point) {
                steps.push(point);
            }
        }
        while steps.len() > 1 && steps.first() == steps.last() {
            steps.pop();
        }
        if steps.len() < 3 {
            continue;
        }
        let (mut x, mut y) = steps[0];
        let _ = write!(out, "M{x},{y}l");
        for (i, &(px, py)) in steps[1..].iter().enumerate() {
            let (dx, dy) = (px - x, py - y);
            // A minus sign separates numbers by itself.
            if i > 0 && dx >= 0 {
                out.push(',');
            }
            let _ = write!(out, "{dx}");
            if dy >= 0 {
                out.push(',');
            }
            let _ = write!(out, "{dy}");
            (x, y) = (px, py);
        }
        out.push('z');
    }
    out
}

/// A closed ring (first point repeated at the end or not) with the points Douglas–Peucker
/// drops at `tolerance`; it keeps the first point and the one farthest from it.
fn simplify_ring(ring: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if ring.len() < 4 || tolerance <= 0.0 {
        return ring.to_vec();
    }
    let distance = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
    let far = (1..ring.len()).max_by(|&i, &j| distance(ring[0], ring[i]).total_cmp(&distance(ring[0], ring[j])));
    let far = far.unwrap_or(ring.len() - 1);
    let mut keep = vec![false; ring.len()];
    keep[0] = true;
    keep[far] = true;
    *keep.last_mut().expect("not empty") = true;
    mark(ring, 0, far, tolerance, &mut keep);
    mark(ring, far, ring.len() - 1, tolerance, &mut keep);
    ring.iter().zip(keep).filter_map(|(&p, kept)| kept.then_some(p)).collect()
}

/// Marks the points between `first` and `last` that the outline needs (an explicit stack:
/// a ring may have thousands of points).
fn mark(points: &[(f64, f64)], first: usize, last: usize, tolerance: f64, keep: &mut [bool]) {
    let mut spans = vec![(first, last)];
    while let Some((a, b)) = spans.pop() {
        if b <= a + 1 {
            continue;
        }
        let (worst, distance) = (a + 1..b)
            .map(|i| (i, segment_distance(points[i], points[a], points[b])))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .expect("a span with points inside");
        if distance > tolerance {
            keep[worst] = true;
            spans.push((a, worst));
            spans.push((worst, b));
        }
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0) };
    (p.0 - (a.0 + t * dx)).hypot(p.1 - (a.1 + t * dy))
}

/// A number written with a fixed count of decimals (at most 6), by integer arithmetic:
/// `Fixed(-1.25, 1)` is `-1.3`, `Fixed(2.0, 2)` is `2.00`. The page writes every coordinate
/// this way, so its wasm carries no float formatting (which is several KiB).
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f64, pub u8);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Fixed(value, decimals) = *self;
        let decimals = u32::from(decimals.min(6));
        let scale = 10i64.pow(decimals);
        let scaled = if value.is_finite() { (value * scale as f64).round() as i64 } else { 0 };
        let sign = if scaled < 0 { "-" } else { "" };
        let (whole, fraction) = (scaled.unsigned_abs() / scale as u64, scaled.unsigned_abs() % scale as u64);
        if decimals == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{fraction:0width$}", width = decimals as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_rings_as_steps_in_quarters() {
        let square = [(0.0, 0.0), (10.0, 0.0), (10.04, 0.01), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)];
        assert_eq!(rings_to_path([&square[..]], 0.0), "M0,0l40,0,0,40-40,0z");
        let negative = [(-0.55, 1.25), (3.0, 1.0), (2.0, -4.0)];
        assert_eq!(rings_to_path([&negative[..]], 0.0), "M-2,5l14-1-4-20z");
    }

    #[test]
    fn fixed_numbers_read_as_rust_writes_them() {
        for value in [0.0, 1.0, -1.25, 2.675, 123.456_78, -0.6, 960.0, 0.049, -12.5, 1e-9, 5.0e5] {
            for decimals in 0..5u8 {
                let ours = Fixed(value, decimals).to_string();
                let rusts = format!("{value:.*}", usize::from(decimals));
                // Rust keeps a sign on values that round to zero; ties may round either way.
                let same = ours == rusts || rusts == format!("-{ours}");
                let close =
                    (ours.parse::<f64>().unwrap() - value).abs() <= 0.5 * 10f64.powi(-i32::from(decimals)) + 1e-12;
                assert!(same || close, "{value} to {decimals}: {ours} against {rusts}");
            }
        }
        assert_eq!(Fixed(-1.25, 1).to_string(), "-1.3");
        assert_eq!(Fixed(2.0, 2).to_string(), "2.00");
        assert_eq!(Fixed(f64::NAN, 1).to_string(), "0.0");
    }

    #[test]
    fn drops_degenerate_and_non_finite_rings() {
        let dot = [(1.0, 1.0), (1.1, 1.0), (1.0, 1.0)];
        let bad = [(f64::NAN, 0.0), (1.0, 1.0), (f64::INFINITY, 2.0)];
        assert_eq!(rings_to_path([&dot[..], &bad[..]], 0.0), "");
    }

    #[test]
    fn simplifying_drops_only_points_within_the_tolerance() {
        // A square with a bump of 0.05 on one side and a spike of 2 on another.
        let ring = [(0.0, 0.0), (5.0, 0.05), (10.0, 0.0), (10.0, 10.0), (5.0, 12.0), (0.0, 10.0), (0.0, 0.0)];
        let kept = simplify_ring(&ring, 0.1);
        assert_eq!(kept, vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (5.0, 12.0), (0.0, 10.0), (0.0, 0.0)]);
        // Every dropped point stays within the tolerance of the outline kept.
        let long: Vec<(f64, f64)> = (0..=400)
            .map(|i| f64::from(i) / 400.0 * std::f64::consts::TAU)
            .map(|a| (50.0 * a.cos(), 50.0 * a.sin()))
            .collect();
        let kept = simplify_ring(&long, 0.1);
        assert!(kept.len() < long.len() / 2, "{} of {}", kept.len(), long.len());
        for &p in &long {
            let nearest = kept.windows(2).map(|w| segment_distance(p, w[0], w[1])).fold(f64::MAX, f64::min);
            assert!(nearest <= 0.1 + 1e-9, "{p:?} is {nearest} from the outline");
        }
    }
}
