//! Label placement without overlaps: a greedy placer over axis-aligned boxes.

/// An axis-aligned box on the page (mm): top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl LabelBox {
    /// A box of size `w × h` centred on `(cx, cy)`.
    pub fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Self {
        LabelBox { x: cx - w / 2.0, y: cy - h / 2.0, w, h }
    }

    /// Whether the two boxes overlap (touching edges do not count).
    pub fn overlaps(&self, o: &LabelBox) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether `self` lies within `o`.
    pub fn within(&self, o: &LabelBox) -> bool {
        self.x >= o.x
            && self.y >= o.y
            && self.x + self.w <= o.x + o.w
            && self.y + self.h <= o.y + o.h
    }

    /// Centre.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The point of the box's border nearest to `(x, y)` (for leader lines).
    pub fn nearest_point(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x, self.x + self.w), y.clamp(self.y, self.y + self.h))
    }

    /// The `data-box` attribute value ("x y w h", 0.01 mm).
    pub fn attr(&self) -> String {
        use crate::svg::num;
        format!("{} {} {} {}", num(self.x), num(self.y), num(self.w), num(self.h))
    }
}

/// Boxes already taken on the page, and the area labels must stay in.
#[derive(Debug, Clone)]
pub struct Placer {
    bounds: LabelBox,
    taken: Vec<LabelBox>,
}

impl Placer {
    /// A placer for labels that must lie within `bounds`.
    pub fn new(bounds: LabelBox) -> Self {
        Placer { bounds, taken: Vec::new() }
    }

    /// Whether `b` is within bounds and overlaps nothing taken.
    pub fn is_free(&self, b: &LabelBox) -> bool {
        b.within(&self.bounds) && !self.taken.iter().any(|t| t.overlaps(b))
    }

    /// Marks `b` as taken.
    pub fn take(&mut self, b: LabelBox) {
        self.taken.push(b);
    }

    /// A free position for a `w × h` box near `(cx, cy)`, outside the anchor's own
    /// neighbourhood, for a label with a leader line: rings of increasing radius, 16 directions.
    pub fn leader_position(&self, cx: f64, cy: f64, w: f64, h: f64, step: f64) -> Option<LabelBox> {
        for ring in 1..=40 {
            let r = step * f64::from(ring);
            for dir in 0..16 {
                let a = f64::from(dir) * std::f64::consts::PI / 8.0;
                let b = LabelBox::centred(cx + r * a.cos(), cy - r * a.sin(), w, h);
                if self.is_free(&b) {
                    return Some(b);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_overlap_only_with_common_interior() {
        let a = LabelBox { x: 0.0, y: 0.0, w: 2.0, h: 1.0 };
        assert!(a.overlaps(&LabelBox { x: 1.0, y: 0.5, w: 2.0, h: 1.0 }));
        assert!(!a.overlaps(&LabelBox { x: 2.0, y: 0.0, w: 2.0, h: 1.0 }));
        let mut p = Placer::new(LabelBox { x: 0.0, y: 0.0, w: 100.0, h: 100.0 });
        p.take(a);
        assert!(!p.is_free(&LabelBox::centred(1.0, 0.5, 1.0, 1.0)));
        let b = p.leader_position(1.0, 0.5, 2.0, 1.0, 1.0).unwrap();
        assert!(!b.overlaps(&a));
    }
}
