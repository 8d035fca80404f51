//! The project model: organisers, the plan and its locks, allocation settings, and the edits
//! an officer makes to them.
//!
//! Ward numbers are the normalised strings of [`crate::model::Ward::number`]; organisers are
//! named by their stable [`Organiser::id`] (never reused within a project), so a saved plan
//! stays right when organisers are reordered or removed.
//!
//! Every change goes through [`Project::apply`] with an [`Edit`]: each edit is checked first
//! and then applied whole, or refused with a [`ProjectError`] leaving the project unchanged.
//! [`crate::project::History`] records the inverse of each applied edit for undo/redo.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::adjacency::WardGraph;
use crate::estimate::PoorParams;
use crate::i18n::{Lang, Msg};
use crate::model::WardMap;

/// Largest capacity an organiser can have (twice a normal share).
pub const MAX_CAPACITY: f64 = 2.0;

/// Where an organiser lives: a ward, a point, or both. Office data: never exported unless
/// asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Home {
    /// Home ward number.
    #[serde(default)]
    pub ward: Option<String>,
    /// Home location, `[longitude, latitude]` (WGS84).
    #[serde(default)]
    pub point: Option<[f64; 2]>,
}

/// Where an organiser meets the community (a public place) and when.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContactPoint {
    /// Name of the place (e.g. "Anganwadi Kendra, Aliganj").
    pub name: String,
    /// Longitude (WGS84), when known.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Latitude (WGS84), when known.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Meeting day as the office writes it (e.g. "सोमवार").
    #[serde(default)]
    pub meeting_day: Option<String>,
    /// Meeting time as the office writes it (e.g. "10–12").
    #[serde(default)]
    pub meeting_time: Option<String>,
}

fn one() -> f64 {
    1.0
}

fn default_role_hi() -> String {
    default_role(Lang::Hi).to_string()
}

/// The default role text: "सामुदायिक संगठक" / "Community Organiser".
pub fn default_role(lang: Lang) -> &'static str {
    Msg::RoleCommunityOrganiser.text(lang)
}

/// One community organiser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organiser {
    /// Stable identifier within the project, never reused (assigned by [`Project::apply`]).
    pub id: u32,
    /// Name; empty for a vacant post.
    pub name: String,
    /// Mobile number, normalised to 10 digits (see [`normalise_mobile`]). Private.
    #[serde(default)]
    pub mobile: Option<String>,
    /// Role or designation, free text (default "सामुदायिक संगठक").
    #[serde(default = "default_role_hi")]
    pub role: String,
    /// Home ward and/or point. Private.
    #[serde(default)]
    pub home: Option<Home>,
    /// Relative workload, 0 < capacity ≤ 2 (1 = a normal share).
    #[serde(default = "one")]
    pub capacity: f64,
    /// Public contact point and meeting time.
    #[serde(default)]
    pub contact: Option<ContactPoint>,
}

impl Organiser {
    /// An organiser with a name and the defaults: role "सामुदायिक संगठक", capacity 1, id 0
    /// (the project gives the id when the organiser is added).
    pub fn new(name: impl Into<String>) -> Organiser {
        Organiser {
            id: 0,
            name: name.into(),
            mobile: None,
            role: default_role_hi(),
            home: None,
            capacity: 1.0,
            contact: None,
        }
    }

    /// The organiser's home ward, if one is given.
    pub fn home_ward(&self) -> Option<&str> {
        self.home.as_ref().and_then(|h| h.ward.as_deref())
    }

    /// Checks capacity, mobile and home ward (against `map`), normalising the mobile.
    fn checked(mut self, map: &WardMap) -> Result<Organiser, ProjectError> {
        if !valid_capacity(self.capacity) {
            return Err(ProjectError::BadCapacity { name: self.name, value: self.capacity });
        }
        if let Some(m) = self.mobile.take().filter(|m| !m.trim().is_empty()) {
            match normalise_mobile(&m) {
                Some(n) => self.mobile = Some(n),
                None => return Err(ProjectError::BadMobile { name: self.name, value: m }),
            }
        }
        if let Some(w) = self.home_ward() {
            if map.ward(w).is_none() {
                return Err(ProjectError::UnknownWards { wards: vec![w.to_string()] });
            }
        }
        Ok(self)
    }
}

/// Whether `c` is a usable capacity: finite, 0 < c ≤ [`MAX_CAPACITY`].
pub fn valid_capacity(c: f64) -> bool {
    c.is_finite() && c > 0.0 && c <= MAX_CAPACITY
}

/// An Indian mobile number as 10 digits, or `None` when it is not one. Spaces, hyphens, dots
/// and brackets are ignored, Devanagari digits read as digits, and a `+91`/`91` country code
/// or a leading trunk `0` is stripped; the number must then be 10 digits starting with 6–9.
///
/// ```
/// use kshetra_core::project::normalise_mobile;
/// assert_eq!(normalise_mobile("+91 98765-43210").as_deref(), Some("9876543210"));
/// assert_eq!(normalise_mobile("09876543210").as_deref(), Some("9876543210"));
/// assert_eq!(normalise_mobile("5876543210"), None);
/// ```
pub fn normalise_mobile(raw: &str) -> Option<String> {
    let s = raw.trim();
    let (plus, rest) = match s.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '०'..='९' => digits.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = if plus {
        digits.strip_prefix("91")?
    } else if digits.len() == 12 && digits.starts_with("91") {
        &digits[2..]
    } else if digits.len() == 11 && digits.starts_with('0') {
        &digits[1..]
    } else {
        &digits
    };
    (national.len() == 10 && matches!(national.as_bytes()[0], b'6'..=b'9'))
        .then(|| national.to_string())
}

/// The automatic allocation's settings, kept with the project.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocSettings {
    /// Tolerance ε: areas within ±ε of their target are balanced (default 0.05).
    pub epsilon: f64,
    /// Keep each area inside one zone (default true).
    pub respect_zones: bool,
    /// Keep each organiser's home ward in their own area (default false).
    pub keep_home_wards: bool,
    /// Seed of the engine's pseudo-random choices (default 1).
    pub seed: u64,
}

impl Default for AllocSettings {
    fn default() -> Self {
        AllocSettings { epsilon: 0.05, respect_zones: true, keep_home_wards: false, seed: 1 }
    }
}

impl AllocSettings {
    /// The engine's settings (default effort).
    pub fn engine(&self) -> kshetra_alloc::Settings {
        kshetra_alloc::Settings::new(self.seed)
            .epsilon(self.epsilon)
            .respect_zones(self.respect_zones)
    }
}

/// Which organiser each ward is assigned to, and which assignments are locked.
///
/// Invariant kept by [`Project::apply`]: every locked ward is assigned.
///
/// The plan also remembers which wards' assignment changed lately (not saved, not compared),
/// so a view of it can follow an edit from those wards alone ([`Plan::changed_since`]). Every
/// change made by [`Project::apply`] and undo/redo is recorded; code changing `assignment`
/// directly bypasses the record, so views of such a plan must be made afresh.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Plan {
    /// Ward number → organiser id. Wards not present are unassigned.
    pub assignment: BTreeMap<String, u32>,
    /// Wards whose assignment is fixed: hand edits cannot move them and automatic plans keep
    /// them.
    pub locked: BTreeSet<String>,
    #[serde(skip)]
    changes: Changes,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Plan) -> bool {
        self.assignment == other.assignment && self.locked == other.locked
    }
}

impl Eq for Plan {}

/// A point in a plan's history of assignment changes ([`Plan::mark`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanMark {
    plan: u64,
    revision: u64,
}

/// The wards whose assignment changed lately, numbered by revision. Each plan value has its own
/// id (a clone starts a history of its own), so a mark of one plan never matches another.
#[derive(Debug)]
struct Changes {
    id: u64,
    revision: u64,
    /// (revision the change made, ward), oldest first; at most [`Changes::KEPT`].
    recent: std::collections::VecDeque<(u64, String)>,
}

impl Changes {
    /// Changes remembered; a view older than that is made afresh.
    const KEPT: usize = 4096;

    /// Notes that `ward`'s assignment changed (a new revision).
    fn record(&mut self, ward: &str) {
        self.revision += 1;
        self.recent.push_back((self.revision, ward.to_string()));
        if self.recent.len() > Changes::KEPT {
            self.recent.pop_front();
        }
    }
}

impl Default for Changes {
    fn default() -> Changes {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Changes {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            revision: 0,
            recent: Default::default(),
        }
    }
}

impl Clone for Changes {
    fn clone(&self) -> Changes {
        Changes::default()
    }
}

impl Plan {
    /// A plan with these assignments and locks.
    pub fn new(assignment: BTreeMap<String, u32>, locked: BTreeSet<String>) -> Plan {
        Plan { assignment, locked, changes: Changes::default() }
    }

    /// Where the plan's history of assignment changes is now.
    pub fn mark(&self) -> PlanMark {
        PlanMark { plan: self.changes.id, revision: self.changes.revision }
    }

    /// The wards whose assignment may have changed since `mark` (each once or more, in the
    /// order changed); `None` when that is not known: a mark of another plan (or a copy), or
    /// too many changes ago.
    pub fn changed_since(&self, mark: PlanMark) -> Option<Vec<&str>> {
        let c = &self.changes;
        let oldest = c.revision - c.recent.len() as u64;
        if mark.plan != c.id || mark.revision > c.revision || mark.revision < oldest {
            return None;
        }
        Some(c.recent.iter().filter(|(r, _)| *r > mark.revision).map(|(_, w)| w.as_str()).collect())
    }

    /// [`Plan::ids_by_ward`] from the same view made at `mark`, looking only at the wards
    /// changed since; `None` when those are not known ([`Plan::changed_since`]).
    pub fn ids_by_ward_since(
        &self,
        map: &WardMap,
        mark: PlanMark,
        before: &[Option<u32>],
    ) -> Option<Vec<Option<u32>>> {
        if before.len() != map.wards().len() {
            return None;
        }
        let changed = self.changed_since(mark)?;
        let mut ids = before.to_vec();
        for w in changed {
            if let Some(i) = map.index_of(w) {
                ids[i] = self.organiser_of(w);
            }
        }
        Some(ids)
    }

    /// The organiser id of `ward`, if assigned.
    pub fn organiser_of(&self, ward: &str) -> Option<u32> {
        self.assignment.get(ward).copied()
    }

    /// Whether `ward` is locked.
    pub fn is_locked(&self, ward: &str) -> bool {
        self.locked.contains(ward)
    }

    /// Ward numbers assigned to organiser `id` (in ward-number string order).
    pub fn wards_of(&self, id: u32) -> impl Iterator<Item = &str> + '_ {
        self.assignment.iter().filter(move |(_, &o)| o == id).map(|(w, _)| w.as_str())
    }

    /// The fast view for a map: per ward (in [`WardMap::wards`] order), the organiser id.
    /// O(n log n).
    pub fn ids_by_ward(&self, map: &WardMap) -> Vec<Option<u32>> {
        map.wards().iter().map(|w| self.organiser_of(&w.number)).collect()
    }

    /// [`Plan::ids_by_ward`] by walking the assignment and the map's wards side by side in
    /// the assignment's key order ([`NumberOrder`] of the same map, made once per map):
    /// no tree search per ward, about five times faster at 10,000 wards.
    pub fn ids_by_ward_in(&self, map: &WardMap, order: &NumberOrder) -> Vec<Option<u32>> {
        let wards = map.wards();
        if order.0.len() != wards.len() {
            return self.ids_by_ward(map);
        }
        let mut out = vec![None; wards.len()];
        let mut assigned = self.assignment.iter().peekable();
        for &i in &order.0 {
            let number = wards[i].number.as_str();
            while assigned.next_if(|(k, _)| k.as_str() < number).is_some() {}
            if let Some((_, &id)) = assigned.next_if(|(k, _)| k.as_str() == number) {
                out[i] = Some(id);
            }
        }
        out
    }

    /// The index view for a map: per ward (in [`WardMap::wards`] order), the position of its
    /// organiser in `organisers` (display order); `None` when unassigned or the id is unknown.
    pub fn index_view(&self, map: &WardMap, organisers: &[Organiser]) -> Vec<Option<usize>> {
        let pos: BTreeMap<u32, usize> =
            organisers.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        map.wards()
            .iter()
            .map(|w| self.organiser_of(&w.number).and_then(|id| pos.get(&id).copied()))
            .collect()
    }
}

/// A map's ward indices in the byte order of their numbers (the order of
/// [`Plan::assignment`]'s keys), for [`Plan::ids_by_ward_in`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NumberOrder(Vec<usize>);

impl NumberOrder {
    /// Sorts the map's wards by number bytes (O(n log n), once per map).
    pub fn of(map: &WardMap) -> NumberOrder {
        let mut order: Vec<usize> = (0..map.wards().len()).collect();
        order.sort_by(|&a, &b| {
            map.wards()[a].number.as_bytes().cmp(map.wards()[b].number.as_bytes())
        });
        NumberOrder(order)
    }
}

/// An officer's project for one ward map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's title, as the officer names it.
    pub name: String,
    /// Which map the project is for (a bundled city id, or the imported file's name).
    pub map_key: String,
    /// Organisers in display order.
    pub organisers: Vec<Organiser>,
    /// The plan and its locks.
    pub plan: Plan,
    /// Automatic allocation settings.
    pub settings: AllocSettings,
    /// Poor-household estimation settings.
    pub poor: PoorParams,
    /// The id the next added organiser gets (ids are never reused).
    pub(crate) next_id: u32,
}

/// One officer action. Apply with [`Project::apply`] (or [`crate::project::History::apply`]
/// to make it undoable).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Adds an organiser at position `at` (end when `None` or past the end). Its `id` is
    /// ignored: the project gives the next free id.
    AddOrganiser {
        /// The organiser.
        organiser: Organiser,
        /// Display position.
        at: Option<usize>,
    },
    /// Adds several organisers at the end in one step (e.g. an imported list).
    AddOrganisers(Vec<Organiser>),
    /// Replaces the organiser with the same id (name, mobile, role, home, capacity, contact).
    UpdateOrganiser(Organiser),
    /// Removes an organiser; their wards become unassigned and unlocked.
    RemoveOrganiser {
        /// Organiser id.
        id: u32,
    },
    /// Moves an organiser to display position `to` (clamped).
    MoveOrganiser {
        /// Organiser id.
        id: u32,
        /// New position.
        to: usize,
    },
    /// Assigns wards to an organiser (one ward, or many with the brush). Locked wards of
    /// another organiser refuse the edit.
    Assign {
        /// Ward numbers.
        wards: Vec<String>,
        /// Organiser id.
        to: u32,
    },
    /// Makes wards unassigned. Locked wards refuse the edit.
    Unassign {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Locks wards (they must be assigned).
    Lock {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Unlocks wards.
    Unlock {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Locks every ward of an organiser's area.
    LockArea {
        /// Organiser id.
        organiser: u32,
    },
    /// Unlocks every ward of an organiser's area.
    UnlockArea {
        /// Organiser id.
        organiser: u32,
    },
    /// Replaces the whole assignment (e.g. with the engine's plan, see
    /// [`Project::plan_from_engine`]). Locked wards must keep their organiser.
    ApplyPlan {
        /// Ward number → organiser id; wards not present become unassigned.
        assignment: BTreeMap<String, u32>,
    },
    /// Unassigns every ward; with `keep_locked`, locked wards stay as they are, otherwise the
    /// locks go too.
    ClearPlan {
        /// Keep locked wards.
        keep_locked: bool,
    },
    /// Sets the allocation settings.
    SetSettings(AllocSettings),
    /// Sets the poor-household estimation settings.
    SetPoorParams(PoorParams),
}

/// Why an edit was refused. The project is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectError {
    /// No organiser has this id.
    #[error("no organiser with id {id}")]
    UnknownOrganiser {
        /// The id.
        id: u32,
    },
    /// Ward numbers not on the map.
    #[error("wards not on the map: {wards:?}")]
    UnknownWards {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Locked wards that the edit would move.
    #[error("wards are locked: {wards:?}")]
    LockedWards {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Wards that must be assigned first (to lock them).
    #[error("wards are not assigned: {wards:?}")]
    NotAssigned {
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// Capacity outside (0, 2].
    #[error("capacity {value} of {name:?} is not in (0, 2]")]
    BadCapacity {
        /// Organiser's name.
        name: String,
        /// The capacity.
        value: f64,
    },
    /// Not a 10-digit Indian mobile number.
    #[error("mobile {value:?} of {name:?} is not a 10-digit mobile number")]
    BadMobile {
        /// Organiser's name.
        name: String,
        /// As written.
        value: String,
    },
    /// A setting out of range.
    #[error("setting {field} = {value} is out of range")]
    BadSetting {
        /// Which setting (`epsilon`, `poor_share`, `household_size`, `norm`).
        field: &'static str,
        /// The value.
        value: String,
    },
}

/// Ward numbers for a message: at most 20, then "… (+N)".
pub(crate) fn ward_list(wards: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = wards.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
    if wards.len() > SHOWN {
        s.push_str(&format!(" … (+{})", wards.len() - SHOWN));
    }
    s
}

impl ProjectError {
    /// The bilingual text of this error.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ProjectError::UnknownOrganiser { id } => {
                Msg::ErrUnknownOrganiser.fill(lang, &[("id", &id.to_string())])
            }
            ProjectError::UnknownWards { wards } => {
                Msg::ErrUnknownWards.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::LockedWards { wards } => {
                Msg::ErrLockedWards.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::NotAssigned { wards } => {
                Msg::ErrNotAssigned.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::BadCapacity { name, value } => Msg::ErrBadCapacity
                .fill(lang, &[("name", name), ("value", &crate::import::number_to_text(*value))]),
            ProjectError::BadMobile { name, value } => {
                Msg::ErrBadMobile.fill(lang, &[("name", name), ("value", value)])
            }
            ProjectError::BadSetting { field, value } => {
                Msg::ErrBadSetting.fill(lang, &[("field", field), ("value", value)])
            }
        }
    }
}

/// What an applied edit changed, as the values before it: applying a patch restores them and
/// returns the patch that redoes the edit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct Patch {
    organisers: Option<Vec<Organiser>>,
    assignment: Vec<(String, Option<u32>)>,
    locked: Vec<(String, bool)>,
    settings: Option<AllocSettings>,
    poor: Option<PoorParams>,
}

impl Patch {
    /// Whether the edit changed nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.organisers.is_none()
            && self.assignment.is_empty()
            && self.locked.is_empty()
            && self.settings.is_none()
            && self.poor.is_none()
    }
}

impl Plan {
    /// Sets a ward's organiser, recording the old value in `undo` when it changes.
    fn set(&mut self, ward: &str, to: Option<u32>, undo: &mut Patch) {
        let old = self.organiser_of(ward);
        if old != to {
            undo.assignment.push((ward.to_string(), old));
            self.changes.record(ward);
            match to {
                Some(id) => self.assignment.insert(ward.to_string(), id),
                None => self.assignment.remove(ward),
            };
        }
    }

    /// Locks or unlocks a ward, recording the old state in `undo` when it changes.
    fn set_lock(&mut self, ward: &str, locked: bool, undo: &mut Patch) {
        if self.is_locked(ward) != locked {
            undo.locked.push((ward.to_string(), !locked));
            if locked {
                self.locked.insert(ward.to_string());
            } else {
                self.locked.remove(ward);
            }
        }
    }
}

impl Project {
    /// An empty project for a map.
    pub fn new(map_key: impl Into<String>, name: impl Into<String>) -> Project {
        Project {
            name: name.into(),
            map_key: map_key.into(),
            organisers: Vec::new(),
            plan: Plan::default(),
            settings: AllocSettings::default(),
            poor: PoorParams::default(),
            next_id: 1,
        }
    }

    /// The id the next added organiser will get.
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// Display position of organiser `id`.
    pub fn position(&self, id: u32) -> Option<usize> {
        self.organisers.iter().position(|o| o.id == id)
    }

    /// Every organiser's position in the list, by id (for many lookups).
    pub fn positions(&self) -> BTreeMap<u32, usize> {
        self.organisers.iter().enumerate().map(|(j, o)| (o.id, j)).collect()
    }

    /// The organiser with this id.
    pub fn organiser(&self, id: u32) -> Option<&Organiser> {
        self.organisers.iter().find(|o| o.id == id)
    }

    /// Applies an edit: checked first, then applied whole; on error nothing changes.
    pub fn apply(&mut self, map: &WardMap, edit: Edit) -> Result<(), ProjectError> {
        self.apply_recorded(map, edit).map(|_| ())
    }

    /// Applies an edit and returns the patch that undoes it.
    pub(crate) fn apply_recorded(
        &mut self,
        map: &WardMap,
        edit: Edit,
    ) -> Result<Patch, ProjectError> {
        let mut undo = Patch::default();
        match edit {
            Edit::AddOrganiser { organiser, at } => {
                let mut o = organiser.checked(map)?;
                o.id = self.next_id;
                self.next_id += 1;
                undo.organisers = Some(self.organisers.clone());
                let at = at.unwrap_or(usize::MAX).min(self.organisers.len());
                self.organisers.insert(at, o);
            }
            Edit::AddOrganisers(list) => {
                let checked =
                    list.into_iter().map(|o| o.checked(map)).collect::<Result<Vec<_>, _>>()?;
                if !checked.is_empty() {
                    undo.organisers = Some(self.organisers.clone());
                    for mut o in checked {
                        o.id = self.next_id;
                        self.next_id += 1;
                        self.organisers.push(o);
                    }
                }
            }
            Edit::UpdateOrganiser(organiser) => {
                let pos = self
                    .position(organiser.id)
                    .ok_or(ProjectError::UnknownOrganiser { id: organiser.id })?;
                let o = organiser.checked(map)?;
                if self.organisers[pos] != o {
                    undo.organisers = Some(self.organisers.clone());
                    self.organisers[pos] = o;
                }
            }
            Edit::RemoveOrganiser { id } => {
                let pos = self.position(id).ok_or(ProjectError::UnknownOrganiser { id })?;
                let wards: Vec<String> = self.plan.wards_of(id).map(str::to_string).collect();
                for w in &wards {
                    self.plan.set_lock(w, false, &mut undo);
                    self.plan.set(w, None, &mut undo);
                }
                undo.organisers = Some(self.organisers.clone());
                self.organisers.remove(pos);
            }
            Edit::MoveOrganiser { id, to } => {
                let pos = self.position(id).ok_or(ProjectError::UnknownOrganiser { id })?;
                let to = to.min(self.organisers.len() - 1);
                if to != pos {
                    undo.organisers = Some(self.organisers.clone());
                    let o = self.organisers.remove(pos);
                    self.organisers.insert(to, o);
                }
            }
            Edit::Assign { wards, to } => {
                self.position(to).ok_or(ProjectError::UnknownOrganiser { id: to })?;
                let wards = known_wards(map, wards)?;
                self.refuse_locked(wards.iter().filter(|w| self.plan.organiser_of(w) != Some(to)))?;
                for w in &wards {
                    self.plan.set(w, Some(to), &mut undo);
                }
            }
            Edit::Unassign { wards } => {
                let wards = known_wards(map, wards)?;
                self.refuse_locked(wards.iter())?;
                for w in &wards {
                    self.plan.set(w, None, &mut undo);
                }
            }
            Edit::Lock { wards } => {
                let wards = known_wards(map, wards)?;
                let unassigned: Vec<String> =
                    wards.iter().filter(|w| self.plan.organiser_of(w).is_none()).cloned().collect();
                if !unassigned.is_empty() {
                    return Err(ProjectError::NotAssigned { wards: unassigned });
                }
                for w in &wards {
                    self.plan.set_lock(w, true, &mut undo);
                }
            }
            Edit::Unlock { wards } => {
                for w in &known_wards(map, wards)? {
                    self.plan.set_lock(w, false, &mut undo);
                }
            }
            Edit::LockArea { organiser } | Edit::UnlockArea { organiser }
                if self.position(organiser).is_none() =>
            {
                return Err(ProjectError::UnknownOrganiser { id: organiser });
            }
            Edit::LockArea { organiser } => {
                let wards: Vec<String> =
                    self.plan.wards_of(organiser).map(str::to_string).collect();
                for w in &wards {
                    self.plan.set_lock(w, true, &mut undo);
                }
            }
            Edit::UnlockArea { organiser } => {
                let wards: Vec<String> =
                    self.plan.wards_of(organiser).map(str::to_string).collect();
                for w in &wards {
                    self.plan.set_lock(w, false, &mut undo);
                }
            }
            Edit::ApplyPlan { assignment } => {
                let unknown: Vec<String> =
                    assignment.keys().filter(|w| map.ward(w).is_none()).cloned().collect();
                if !unknown.is_empty() {
                    return Err(ProjectError::UnknownWards { wards: unknown });
                }
                if let Some(&id) = assignment.values().find(|&&id| self.position(id).is_none()) {
                    return Err(ProjectError::UnknownOrganiser { id });
                }
                self.refuse_locked(
                    self.plan
                        .locked
                        .iter()
                        .filter(|w| assignment.get(*w) != self.plan.assignment.get(*w)),
                )?;
                let old: Vec<String> = self
                    .plan
                    .assignment
                    .keys()
                    .filter(|w| !assignment.contains_key(*w))
                    .cloned()
                    .collect();
                for w in &old {
                    self.plan.set(w, None, &mut undo);
                }
                for (w, &id) in &assignment {
                    self.plan.set(w, Some(id), &mut undo);
                }
            }
            Edit::ClearPlan { keep_locked } => {
                let wards: Vec<String> = self.plan.assignment.keys().cloned().collect();
                for w in &wards {
                    if keep_locked && self.plan.is_locked(w) {
                        continue;
                    }
                    self.plan.set_lock(w, false, &mut undo);
                    self.plan.set(w, None, &mut undo);
                }
            }
            Edit::SetSettings(s) => {
                if !(s.epsilon.is_finite() && s.epsilon > 0.0 && s.epsilon <= 1.0) {
                    return Err(ProjectError::BadSetting {
                        field: "epsilon",
                        value: s.epsilon.to_string(),
                    });
                }
                if s != self.settings {
                    undo.settings = Some(std::mem::replace(&mut self.settings, s));
                }
            }
            Edit::SetPoorParams(p) => {
                if !(p.poor_share.is_finite() && (0.0..=1.0).contains(&p.poor_share)) {
                    return Err(ProjectError::BadSetting {
                        field: "poor_share",
                        value: p.poor_share.to_string(),
                    });
                }
                if !(p.household_size.is_finite() && p.household_size > 0.0) {
                    return Err(ProjectError::BadSetting {
                        field: "household_size",
                        value: p.household_size.to_string(),
                    });
                }
                if p.norm == 0 {
                    return Err(ProjectError::BadSetting { field: "norm", value: "0".into() });
                }
                if p != self.poor {
                    undo.poor = Some(std::mem::replace(&mut self.poor, p));
                }
            }
        }
        Ok(undo)
    }

    fn refuse_locked<'a>(
        &self,
        wards: impl Iterator<Item = &'a String>,
    ) -> Result<(), ProjectError> {
        let locked: Vec<String> = wards.filter(|w| self.plan.is_locked(w)).cloned().collect();
        if locked.is_empty() {
            Ok(())
        } else {
            Err(ProjectError::LockedWards { wards: locked })
        }
    }

    /// Restores what `patch` recorded; returns the patch that reverts this.
    pub(crate) fn apply_patch(&mut self, patch: Patch) -> Patch {
        let mut redo = Patch::default();
        if let Some(list) = patch.organisers {
            redo.organisers = Some(std::mem::replace(&mut self.organisers, list));
        }
        // Reverse order, so a ward recorded twice ends at its first (oldest) value.
        for (w, id) in patch.assignment.iter().rev() {
            self.plan.set(w, *id, &mut redo);
        }
        for (w, l) in patch.locked.iter().rev() {
            self.plan.set_lock(w, *l, &mut redo);
        }
        if let Some(s) = patch.settings {
            redo.settings = Some(std::mem::replace(&mut self.settings, s));
        }
        if let Some(p) = patch.poor {
            redo.poor = Some(std::mem::replace(&mut self.poor, p));
        }
        redo
    }

    /// The organisers as the engine sees them, in display order: capacity, home (ward index,
    /// or the point in the same local metres as [`crate::allocation::problem_for`]) and
    /// locked wards (plus the home ward when [`AllocSettings::keep_home_wards`] is on and no
    /// other organiser has it locked).
    pub fn engine_organisers(&self, map: &WardMap) -> Vec<kshetra_alloc::Organiser> {
        let proj = map
            .bounds()
            .map(crate::projection::LocalProjection::for_rect)
            .unwrap_or_else(|| crate::projection::LocalProjection::new(0.0, 0.0));
        let index: BTreeMap<&str, u32> =
            map.wards().iter().enumerate().map(|(i, w)| (w.number.as_str(), i as u32)).collect();
        let mut locks: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for w in &self.plan.locked {
            if let (Some(&i), Some(id)) = (index.get(w.as_str()), self.plan.organiser_of(w)) {
                locks.entry(id).or_default().push(i);
            }
        }
        self.organisers
            .iter()
            .map(|o| {
                let home_ward = o.home_ward().and_then(|w| index.get(w).copied());
                let home = match (home_ward, o.home.as_ref().and_then(|h| h.point)) {
                    (Some(i), _) => Some(kshetra_alloc::Home::Ward(i)),
                    (None, Some([lon, lat])) => {
                        Some(kshetra_alloc::Home::Point(proj.project(lon, lat)))
                    }
                    _ => None,
                };
                let mut locked = locks.get(&o.id).cloned().unwrap_or_default();
                if let (true, Some(h), Some(w)) =
                    (self.settings.keep_home_wards, home_ward, o.home_ward())
                {
                    if !self.plan.is_locked(w) && !locked.contains(&h) {
                        locked.push(h);
                    }
                }
                locked.sort_unstable();
                let mut e = kshetra_alloc::Organiser::new()
                    .with_capacity(o.capacity)
                    .with_locked_wards(locked);
                e.home = home;
                e
            })
            .collect()
    }

    /// The edit that applies an engine plan (`assignment[ward index]` = organiser position as
    /// in [`Project::engine_organisers`]). Positions out of range leave the ward unassigned.
    pub fn plan_from_engine(&self, map: &WardMap, assignment: &[u32]) -> Edit {
        let assignment = map
            .wards()
            .iter()
            .zip(assignment)
            .filter_map(|(w, &j)| self.organisers.get(j as usize).map(|o| (w.number.clone(), o.id)))
            .collect();
        Edit::ApplyPlan { assignment }
    }
}

/// Deduplicates ward numbers (keeping first order) and refuses unknown ones.
fn known_wards(map: &WardMap, wards: Vec<String>) -> Result<Vec<String>, ProjectError> {
    let mut seen = BTreeSet::new();
    let wards: Vec<String> = wards.into_iter().filter(|w| seen.insert(w.clone())).collect();
    let unknown: Vec<String> = if wards.len() > 8 {
        let all: BTreeSet<&str> = map.wards().iter().map(|w| w.number.as_str()).collect();
        wards.iter().filter(|w| !all.contains(w.as_str())).cloned().collect()
    } else {
        wards.iter().filter(|w| map.ward(w).is_none()).cloned().collect()
    };
    if unknown.is_empty() {
        Ok(wards)
    } else {
        Err(ProjectError::UnknownWards { wards: unknown })
    }
}

/// Would giving `wards` to organiser `to` (`None`: unassigning them) split an area? Checks
/// every organiser losing a ward and the receiving one; returns the first, in display order,
/// whose area would then be in more pieces than now: `(organiser id, pieces after)`.
/// O(n + m).
pub fn splits_area(
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    wards: &[String],
    to: Option<u32>,
) -> Option<(u32, usize)> {
    splits_area_of(map, graph, project, &project.plan.ids_by_ward(map), wards, to)
}

/// [`splits_area`] with each ward's organiser id already known (`before`, as
/// [`Plan::ids_by_ward`] gives it). Only the areas involved are searched: O(their wards' edges)
/// plus one copy of `before`.
pub fn splits_area_of(
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    before: &[Option<u32>],
    wards: &[String],
    to: Option<u32>,
) -> Option<(u32, usize)> {
    let n = map.wards().len().min(graph.len()).min(before.len());
    let mut after = before.to_vec();
    let mut affected: BTreeSet<u32> = to.into_iter().collect();
    for w in wards {
        if let Some(i) = map.index_of(w).filter(|&i| i < n) {
            if let Some(old) = before[i] {
                affected.insert(old);
            }
            after[i] = to;
        }
    }
    let pieces = |owner: &[Option<u32>], id: u32| -> usize {
        let mut seen = vec![false; n];
        let mut count = 0;
        for start in 0..n {
            if seen[start] || owner[start] != Some(id) {
                continue;
            }
            count += 1;
            seen[start] = true;
            let mut stack = vec![start];
            while let Some(v) = stack.pop() {
                for nb in graph.neighbours(v) {
                    if nb.ward < n && !seen[nb.ward] && owner[nb.ward] == Some(id) {
                        seen[nb.ward] = true;
                        stack.push(nb.ward);
                    }
                }
            }
        }
        count
    };
    project
        .organisers
        .iter()
        .filter(|o| affected.contains(&o.id))
        .map(|o| (o.id, pieces(&before, o.id), pieces(&after, o.id)))
        .find(|&(_, b, a)| a > b.max(1))
        .map(|(id, _, a)| (id, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        for (raw, want) in [
            ("9876543210", Some("9876543210")),
            ("+91 98765 43210", Some("9876543210")),
            ("+91-6000000000", Some("6000000000")),
            ("919876543210", Some("9876543210")),
            ("09876543210", Some("9876543210")),
            ("(0)98765-43210", Some("9876543210")),
            ("९८७६५४३२१०", Some("9876543210")),
            ("5876543210", None),
            ("987654321", None),
            ("98765432101", None),
            ("+1 9876543210", None),
            ("98765x3210", None),
            ("", None),
        ] {
            assert_eq!(normalise_mobile(raw).as_deref(), want, "{raw}");
        }
    }
}
