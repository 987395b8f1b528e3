//! Turns projected rings into SVG path data, compactly: one decimal, no repeated points.

use std::fmt::Write;

/// Path data (`M…L…Z`) for closed rings of screen points. Points that round to the previous
/// one are dropped, and rings that collapse to fewer than three points are left out.
pub fn rings_to_path<'a>(rings: impl IntoIterator<Item = &'a [(f64, f64)]>) -> String {
    let mut out = String::new();
    let mut ring_points: Vec<(i64, i64)> = Vec::new();
    for ring in rings {
        ring_points.clear();
        for &(x, y) in ring {
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let point = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
            if ring_points.last() != Some(&point) {
                ring_points.push(point);
            }
        }
        if ring_points.len() > 1 && ring_points.first() == ring_points.last() {
            ring_points.pop();
        }
        if ring_points.len() < 3 {
            continue;
        }
        for (i, &(x, y)) in ring_points.iter().enumerate() {
            out.push(if i == 0 { 'M' } else { 'L' });
            write_tenths(&mut out, x);
            out.push(',');
            write_tenths(&mut out, y);
        }
        out.push('Z');
    }
    out
}

/// Writes a number given in tenths: 125 → "12.5", 120 → "12", -5 → "-0.5".
fn write_tenths(out: &mut String, tenths: i64) {
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, fraction) = (tenths.abs() / 10, tenths.abs() % 10);
    let _ = if fraction == 0 { write!(out, "{sign}{whole}") } else { write!(out, "{sign}{whole}.{fraction}") };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_rings_compactly() {
        let square = [(0.0, 0.0), (10.0, 0.0), (10.04, 0.01), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)];
        assert_eq!(rings_to_path([&square[..]]), "M0,0L10,0L10,10L0,10Z");
        let negative = [(-0.55, 1.25), (3.0, 1.0), (2.0, -4.0)];
        assert_eq!(rings_to_path([&negative[..]]), "M-0.6,1.3L3,1L2,-4Z");
    }

    #[test]
    fn drops_degenerate_and_non_finite_rings() {
        let dot = [(1.0, 1.0), (1.01, 1.0), (1.0, 1.0)];
        let bad = [(f64::NAN, 0.0), (1.0, 1.0), (f64::INFINITY, 2.0)];
        assert_eq!(rings_to_path([&dot[..], &bad[..]]), "");
    }
}
