//! From the officer's project ([`kshetra_core::project::Project`]) to a [`PosterInput`]: the
//! one place where organisers become legend rows and the plan becomes the poster's areas.
//! Organisers' homes never reach the poster (privacy); mobiles only when asked for.

use std::collections::BTreeMap;

use kshetra_core::adjacency::WardGraph;
use kshetra_core::project::Project;
use kshetra_core::WardMap;

use crate::input::{AreaInfo, ContactPoint, PosterInput, Summary, TitleBlock};
use crate::style::screen_colours;

/// The project to print and what the screen shows of it.
#[derive(Debug, Clone, Copy)]
pub struct ProjectView<'a> {
    /// The city's wards.
    pub map: &'a WardMap,
    /// The ward graph the app uses (its tolerance and the officer's links).
    pub graph: &'a WardGraph,
    /// The officer's project.
    pub project: &'a Project,
    /// Poor households per ward (map order), the figures the allocation used.
    pub poor: &'a [f64],
    /// Colour index per organiser id as the screen shows it (the app's plan view); `None`
    /// colours with core's area colouring on `graph`, which is what the screen computes.
    pub colours: Option<&'a BTreeMap<u32, usize>>,
    /// Whether organisers' mobiles are printed.
    pub print_mobiles: bool,
}

/// The poster input for `view.project` on `view.map`: one area per organiser in display order
/// (numbered 1, 2, …), the assignment by ward index, poor households per ward from
/// `view.poor` and each area's total, the screen's graph and colours. Mobiles are printed
/// only with `view.print_mobiles`.
pub fn poster_input<'a>(
    view: ProjectView<'a>,
    summary: Summary,
    title: TitleBlock,
    attribution: Vec<String>,
) -> PosterInput<'a> {
    let ProjectView { map, graph, project, poor, colours, print_mobiles } = view;
    let assignment = project.plan.index_view(map, &project.organisers);
    let ids: Vec<u32> = project.organisers.iter().map(|o| o.id).collect();
    let colours = match colours {
        Some(by_id) => ids.iter().map(|id| by_id.get(id).copied().unwrap_or(0)).collect(),
        None => screen_colours(graph, &assignment, ids.len(), &ids),
    };
    let mut totals = vec![0.0; project.organisers.len()];
    for (i, a) in assignment.iter().enumerate() {
        if let Some(a) = a {
            totals[*a] += poor.get(i).copied().unwrap_or(0.0);
        }
    }
    let areas = project
        .organisers
        .iter()
        .zip(&totals)
        .enumerate()
        .map(|(j, (o, total))| AreaInfo {
            number: (j + 1).to_string(),
            organiser_name: o.name.clone(),
            mobile: if print_mobiles { o.mobile.clone() } else { None },
            role: Some(o.role.clone()).filter(|r| !r.trim().is_empty()),
            poor_households: total.round() as u64,
            contact_point: o.contact.as_ref().map(|c| ContactPoint {
                name: c.name.clone(),
                lon: c.lon.unwrap_or(f64::NAN),
                lat: c.lat.unwrap_or(f64::NAN),
                meeting: Some(
                    [c.meeting_day.clone(), c.meeting_time.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .filter(|m| !m.is_empty()),
            }),
        })
        .collect();
    PosterInput {
        wards: map,
        graph,
        assignment,
        areas,
        colours,
        ward_poor_households: poor.iter().map(|p| Some(p.round() as u64)).collect(),
        summary,
        title,
        attribution,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};
    use kshetra_core::project::{Edit, Home, Organiser};
    use kshetra_core::Ward;

    #[test]
    fn areas_follow_the_organisers_and_homes_never_print() {
        let wards = (0..4)
            .map(|i| {
                let x = 85.8 + i as f64 * 0.01;
                Ward::new((i + 1).to_string(), MultiPolygon::new(vec![polygon![(x: x, y: 20.3), (x: x + 0.01, y: 20.3), (x: x + 0.01, y: 20.31), (x: x, y: 20.31), (x: x, y: 20.3)]]))
            })
            .collect();
        let map = WardMap::new(wards);
        let mut p = Project::new("t", "T");
        let mut a = Organiser::new("Asha");
        a.mobile = Some("9876543210".into());
        a.home = Some(Home { ward: Some("1".into()), point: Some([85.8, 20.3]) });
        p.apply(&map, Edit::AddOrganisers(vec![a, Organiser::new("Ravi")])).unwrap();
        let (ia, ib) = (p.organisers[0].id, p.organisers[1].id);
        p.apply(
            &map,
            Edit::ApplyPlan {
                assignment: [("1", ia), ("2", ia), ("3", ib)]
                    .iter()
                    .map(|(w, o)| (w.to_string(), *o))
                    .collect(),
            },
        )
        .unwrap();
        let graph = kshetra_core::adjacency::build(&map, &Default::default());
        let poor = [10.0, 20.0, 30.0, 40.0];
        let view = ProjectView {
            map: &map,
            graph: &graph,
            project: &p,
            poor: &poor,
            colours: None,
            print_mobiles: false,
        };
        let input = poster_input(view, Summary::default(), TitleBlock::default(), vec![]);
        assert_eq!(input.assignment, vec![Some(0), Some(0), Some(1), None]);
        assert_eq!(
            input.areas.iter().map(|a| (a.number.as_str(), a.poor_households)).collect::<Vec<_>>(),
            [("1", 30), ("2", 30)]
        );
        assert_eq!(input.areas[0].mobile, None, "mobiles only when asked for");
        let svg = crate::render_poster(&input, &crate::PosterOptions::new(crate::Paper::A4));
        assert!(!svg.contains("9876543210"));
        let with = poster_input(
            ProjectView { print_mobiles: true, ..view },
            Summary::default(),
            TitleBlock::default(),
            vec![],
        );
        assert_eq!(with.areas[0].mobile.as_deref(), Some("9876543210"));
    }
}
