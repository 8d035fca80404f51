//! Seeded synthetic ward graphs for the tests and the measurement run.

use kshetra_alloc::Problem;

pub struct TestRng(u64);

impl TestRng {
    pub fn new(seed: u64) -> TestRng {
        TestRng(seed ^ 0x1234_5678_9abc_def1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.f64().max(1e-300);
        let v = self.f64();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    /// Integer lognormal weight like the harness: round(lognormal(log 30000, sigma)).
    pub fn lognormal_weight(&mut self, sigma: f64) -> f64 {
        (30000.0 * (sigma * self.normal()).exp()).round().max(1.0)
    }
}

/// The rook edges of a `rows × cols` grid (cell `v = r × cols + c`).
pub fn rook_edges(rows: u32, cols: u32) -> Vec<(u32, u32)> {
    let mut edges = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let v = r * cols + c;
            if c + 1 < cols {
                edges.push((v, v + 1));
            }
            if r + 1 < rows {
                edges.push((v, v + cols));
            }
        }
    }
    edges
}

/// `rows × cols` square cells of 1 km with rook adjacency and lognormal weights.
pub fn grid(rows: u32, cols: u32, seed: u64, sigma: f64) -> Problem {
    let mut rng = TestRng::new(seed);
    let n = rows * cols;
    let edges = rook_edges(rows, cols);
    let centroids = (0..n)
        .map(|v| [(v % cols) as f64 * 1000.0 + 500.0, (v / cols) as f64 * 1000.0 + 500.0])
        .collect();
    let weights = (0..n).map(|_| rng.lognormal_weight(sigma)).collect();
    let areas = vec![1e6; n as usize];
    let perimeters = vec![4000.0; n as usize];
    let lengths = vec![1000.0; edges.len()];
    Problem::new(weights, centroids, edges).with_geometry(areas, perimeters, lengths)
}

/// A Voronoi-like planar graph: jittered grid points, rook edges plus one random diagonal per
/// cell (a triangulation, average degree ≈ 6), lognormal weights.
pub fn triangulated(rows: u32, cols: u32, seed: u64, sigma: f64) -> Problem {
    let mut rng = TestRng::new(seed.wrapping_add(77));
    let n = rows * cols;
    let centroids: Vec<[f64; 2]> = (0..n)
        .map(|v| {
            let (x, y) = ((v % cols) as f64, (v / cols) as f64);
            [(x + 0.6 * (rng.f64() - 0.5)) * 1000.0, (y + 0.6 * (rng.f64() - 0.5)) * 1000.0]
        })
        .collect();
    let mut edges = rook_edges(rows, cols);
    for r in 0..rows.saturating_sub(1) {
        for c in 0..cols.saturating_sub(1) {
            let v = r * cols + c;
            if rng.next_u64() % 2 == 0 {
                edges.push((v, v + cols + 1));
            } else {
                edges.push((v + 1, v + cols));
            }
        }
    }
    let weights = (0..n).map(|_| rng.lognormal_weight(sigma)).collect();
    Problem::new(weights, centroids, edges)
}
