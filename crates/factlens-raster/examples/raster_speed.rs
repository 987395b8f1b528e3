//! Native timing of the rasterizer on a large graph's worth of lines and discs:
//! `cargo run --release -p factlens-raster --example raster_speed`
use std::time::Instant;

use factlens_raster::Raster;

fn main() {
    let (width, height) = (689usize, 387usize);
    let mut raster = Raster::new(width, height, [255, 255, 255]);
    // A fixed pseudo-random scatter: 20,000 points, lines between random pairs.
    let mut seed = 1u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from(seed) / 4_294_967_296.0
    };
    let points: Vec<(f64, f64)> = (0..20_000).map(|_| (next() * width as f64, next() * height as f64)).collect();
    let lines: Vec<(usize, usize)> = (0..20_000).map(|i| (i, (next() * 20_000.0) as usize)).collect();
    let start = Instant::now();
    let mut steps = 0.0;
    for &(a, b) in &lines {
        steps += raster.line_cost(points[a], points[b], 1);
        raster.line(points[a], points[b], 1, [90, 90, 90], 0.08);
    }
    let lines_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let mut flat = 0.0;
    for &(a, b) in &lines {
        let (from, to) = (points[a], (points[b].0, points[a].1 + 3.0));
        flat += raster.line_cost(from, to, 1);
        raster.line(from, to, 1, [90, 90, 90], 0.08);
    }
    let flat_ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("nearly horizontal lines: {:.1} ns per pixel", flat_ms * 1e6 / flat);
    let start = Instant::now();
    for &p in &points {
        raster.disc(p, 2.0, [200, 30, 60], 1.0);
    }
    let discs_ms = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} lines ({steps:.0} pixels) in {lines_ms:.1} ms, {:.1} ns per pixel; {} discs in {discs_ms:.1} ms",
        lines.len(),
        lines_ms * 1e6 / steps,
        points.len()
    );
}
