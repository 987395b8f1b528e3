//! factlens-layout: a deterministic force-directed layout in the manner of d3-force: a [`Simulation`] of
//! [`Nodes`] that [`Force`]s push around, cooled by `alpha` until it settles.
//!
//! One force per file, as in d3-force: [`link`], [`many_body`] (Barnes–Hut over a
//! [`quadtree`]), [`collide`], [`center`] and [`position`]. Randomness only breaks ties between
//! coincident points and comes from a seeded generator ([`random`]), and nodes start on a
//! phyllotaxis spiral, so the same graph always settles into the same picture.

pub mod center;
pub mod collide;
pub mod link;
pub mod many_body;
pub mod position;
pub mod quadtree;
pub mod random;
pub mod simulation;

pub use simulation::{Force, Nodes, Simulation};
