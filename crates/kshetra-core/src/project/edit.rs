//! The officer's edits ([`Edit`]) and [`Project::apply`], which checks an edit first and then
//! applies it whole, or refuses it with a [`ProjectError`] leaving the project unchanged. An
//! applied edit is recorded as the values it replaced, from which
//! [`crate::project::History`] undoes and redoes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::estimate::PoorParams;
use crate::model::WardMap;
use crate::project::{AllocSettings, Organiser, Project};

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

/// What an applied edit changed, as the values before it: applying a patch restores them and
/// returns the patch that redoes the edit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct Patch {
    pub(super) organisers: Option<Vec<Organiser>>,
    pub(super) assignment: Vec<(String, Option<u32>)>,
    pub(super) locked: Vec<(String, bool)>,
    pub(super) settings: Option<AllocSettings>,
    pub(super) poor: Option<PoorParams>,
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

impl Project {
    /// Applies an edit: checked first, then applied whole; on error nothing changes.
    ///
    /// ```
    /// use geo::{MultiPolygon, Rect};
    /// use kshetra_core::project::{Edit, Organiser, Project, ProjectError};
    /// use kshetra_core::{Ward, WardMap};
    ///
    /// let square = Rect::new((80.95, 26.85), (80.96, 26.86)).to_polygon();
    /// let map = WardMap::new(vec![Ward::new("7", MultiPolygon::new(vec![square]))]);
    /// let mut project = Project::new("lucknow", "Aliganj plan");
    /// project.apply(&map, Edit::AddOrganiser { organiser: Organiser::new("Sunita"), at: None })?;
    /// let sunita = project.organisers[0].id;
    /// project.apply(&map, Edit::Assign { wards: vec!["7".into()], to: sunita })?;
    /// project.apply(&map, Edit::Lock { wards: vec!["7".into()] })?;
    /// assert_eq!(project.plan.organiser_of("7"), Some(sunita));
    ///
    /// // A locked ward cannot be taken away; the project is left as it was.
    /// let refused = project.apply(&map, Edit::Unassign { wards: vec!["7".into()] });
    /// assert_eq!(refused, Err(ProjectError::LockedWards { wards: vec!["7".into()] }));
    /// assert_eq!(project.plan.organiser_of("7"), Some(sunita));
    /// # Ok::<(), ProjectError>(())
    /// ```
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
