//! The seeded generator the forces use to separate coincident points: d3-force's linear
//! congruential generator, so a seed gives the same sequence on every machine.

/// A linear congruential generator returning numbers in [0, 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Lcg(u32);

impl Lcg {
    /// A generator starting from `seed`.
    pub fn new(seed: u32) -> Self {
        Lcg(seed)
    }

    /// The next number, in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from(self.0) / 4_294_967_296.0
    }

    /// A tiny nudge in (-0.5e-6, 0.5e-6), for two points that would otherwise coincide.
    pub fn jiggle(&mut self) -> f64 {
        (self.next_f64() - 0.5) * 1e-6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_in_range() {
        let (mut a, mut b) = (Lcg::new(42), Lcg::new(42));
        for _ in 0..1000 {
            let x = a.next_f64();
            assert_eq!(x, b.next_f64());
            assert!((0.0..1.0).contains(&x));
        }
        assert_ne!(Lcg::new(1).next_f64(), Lcg::new(2).next_f64());
        assert!(Lcg::new(7).jiggle().abs() < 1e-6);
    }
}
