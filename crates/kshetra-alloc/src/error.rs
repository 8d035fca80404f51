//! The one error type of the crate.
//!
//! An error means no plan can exist (or the input is malformed). A plan that exists but cannot
//! meet the tolerance is *not* an error: [`crate::allocate`] returns it with
//! [`crate::Limit`]s explaining why.

/// Why [`crate::allocate`] or [`crate::score`] produced nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AllocError {
    /// The problem has no wards.
    #[error("the map has no wards")]
    NoWards,
    /// No organisers were given.
    #[error("there are no organisers")]
    NoOrganisers,
    /// Every organiser needs at least one ward of their own.
    #[error(
        "{organisers} organisers but only {wards} wards: every organiser needs at least one ward"
    )]
    MoreOrganisersThanWards {
        /// Number of organisers.
        organisers: usize,
        /// Number of wards.
        wards: usize,
    },
    /// A per-ward or per-edge list has the wrong length.
    #[error("`{field}` has {actual} entries, expected {expected}")]
    LengthMismatch {
        /// The offending field.
        #[cfg_attr(feature = "serde", serde(deserialize_with = "static_str"))]
        field: StaticText,
        /// Its length.
        actual: usize,
        /// The length it must have.
        expected: usize,
    },
    /// A number is NaN, infinite or negative where that makes no sense.
    #[error("`{field}` of item {index} is {value}, expected a finite number >= 0")]
    InvalidNumber {
        /// The offending field.
        #[cfg_attr(feature = "serde", serde(deserialize_with = "static_str"))]
        field: StaticText,
        /// Index of the ward, edge or organiser.
        index: usize,
        /// The value found.
        value: f64,
    },
    /// An organiser's capacity must be a finite number > 0.
    #[error("organiser {organiser} has capacity {capacity}, expected a finite number > 0")]
    InvalidCapacity {
        /// Organiser index.
        organiser: usize,
        /// The value found.
        capacity: f64,
    },
    /// A ward index (in an edge, a home or a lock) is out of range.
    #[error("{context} refers to ward {ward}, but there are only {wards} wards")]
    WardOutOfRange {
        /// Where the index was found.
        #[cfg_attr(feature = "serde", serde(deserialize_with = "static_str"))]
        context: StaticText,
        /// The index.
        ward: u32,
        /// Number of wards.
        wards: usize,
    },
    /// An assignment given to [`crate::score`] names an organiser that does not exist.
    #[error("ward {ward} is assigned to organiser {organiser}, but there are only {organisers}")]
    OrganiserOutOfRange {
        /// The ward.
        ward: usize,
        /// The organiser named.
        organiser: u32,
        /// Number of organisers.
        organisers: usize,
    },
    /// The total weight is zero, so no share can be computed.
    #[error("the total weight of all wards is zero")]
    ZeroTotalWeight,
    /// A ward is locked to two different organisers.
    #[error("ward {ward} is locked to both organiser {first} and organiser {second}")]
    ConflictingLocks {
        /// The ward.
        ward: u32,
        /// One organiser.
        first: u32,
        /// The other.
        second: u32,
    },
    /// The graph (or, with zones respected, a zone) falls into more separate pieces than there
    /// are organisers to give each piece one.
    #[error("the map falls into {pieces} separate pieces (not connected to each other{zones}) but there are only {organisers} organisers; join the pieces or add organisers")]
    TooManyPieces {
        /// Number of pieces.
        pieces: usize,
        /// Number of organisers.
        organisers: usize,
        /// `" or split by zones"` when zones are respected, else empty.
        #[cfg_attr(feature = "serde", serde(deserialize_with = "static_str"))]
        zones: StaticText,
    },
    /// With zones respected, a zone cannot get an organiser (all are tied to other zones).
    #[error("zone {zone} has no organiser: every organiser is tied to another zone")]
    ZoneWithoutOrganiser {
        /// The zone.
        zone: u32,
    },
    /// An organiser is tied to a zone that has no wards.
    #[error("organiser {organiser} is tied to zone {zone}, which has no wards")]
    EmptyZone {
        /// Organiser index.
        organiser: usize,
        /// The zone.
        zone: u32,
    },
    /// An organiser's locked wards (or zone) lie in pieces of the map that are not connected,
    /// so no single-piece area can hold them all.
    #[error("organiser {organiser}'s locked wards {first} and {second} cannot be in one connected area (different pieces of the map, or a different zone)")]
    LocksApart {
        /// Organiser index.
        organiser: usize,
        /// One locked ward.
        first: u32,
        /// Another locked ward, or the ward that breaks the zone rule.
        second: u32,
    },
    /// A piece of the map has more organisers tied to it (by zone or locks) than wards.
    #[error("a piece of the map with {wards} wards has {organisers} organisers tied to it")]
    PieceOverfull {
        /// Wards in the piece.
        wards: usize,
        /// Organisers tied to it.
        organisers: usize,
    },
    /// The locks cannot all hold in one-piece areas (another organiser's locked wards cut
    /// this organiser's locked wards apart).
    #[error("the locked wards of organiser {organiser} cannot be joined into one piece without crossing wards locked to others")]
    LocksUnsatisfiable {
        /// Organiser index.
        organiser: usize,
    },
}

/// `&'static str`, spelled so that serde's derive does not borrow it from the input (it would
/// demand `'de: 'static`); [`static_str`] reads it.
type StaticText = &'static str;

/// Reads a `&'static str` field of [`AllocError`] (the texts are a few fixed words; an error
/// that crossed a serialisation boundary, e.g. from a Web Worker, keeps its own copy).
#[cfg(feature = "serde")]
fn static_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(Box::leak(s.into_boxed_str()))
}
