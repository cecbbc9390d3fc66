//! The layouts at the three sizes they are made for — 80×24, 120×40 and
//! 200×60 — for home, a question, the results with their gaps, the search
//! with the selected hit's details, and the landscape findings, each with
//! only whole key hints on its bar; and a walk through every screen at
//! 80×24 in every language that finds no text cut without `…`.

use crate::common::{self, DATA, drive, press, render, rows, type_text};

use eis::i18n::{Lang, Text};
use eis::ui::App;
use eis::ui::app::Screen;
use eis::ui::keymap;
use eis::ui::theme::ThemeName;
use eis::ui::view::{Cut, record_cuts};
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn app() -> App {
    App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono)
}

/// The persona most screens are shown with: it has needs no service meets.
fn persona() -> eis::assessment::Answers {
    common::persona("pomorskie-machining-subcontractor-weak-compliance")
}

/// The hint bar shows hints and nothing else, each whole: every item
/// between the separators is one of the screen's hints in full (a hint cut
/// at the edge would match none).
#[track_caller]
fn assert_hints_whole(app: &App, screen: &str) {
    let offered: Vec<String> = keymap::hinted_bindings(app.context())
        .into_iter()
        .filter(|(_, _, action)| app.allows(*action))
        .map(|(key, text, _)| format!("{key} {}", app.lang.tr(text)))
        .collect();
    let rows = rows(screen);
    let bar = rows.last().expect("a hint bar").trim_end().to_owned();
    assert!(!bar.is_empty(), "the bar shows hints");
    for item in bar.split(" · ") {
        assert!(
            offered.iter().any(|hint| hint == item),
            "`{item}` is not a whole hint of {offered:?}"
        );
    }
}

/// Snapshots the screen at the three sizes, each with whole hints.
#[track_caller]
fn at_three_sizes(name: &str, app: &mut App, check: impl Fn(u16, &str)) {
    for (width, height) in SIZES {
        let screen = render(app, width, height);
        assert_hints_whole(app, &screen);
        check(width, &screen);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn home_at_three_sizes() {
    at_three_sizes("home", &mut app(), |_, _| {});
}

#[test]
fn a_question_at_three_sizes() {
    let mut app = app();
    drive(&mut app, &persona(), Some("modes"));
    let prompt = app.bank.question("modes").expect("modes").prompt.clone();
    at_three_sizes("question_multiple", &mut app, |_, screen| {
        assert!(screen.contains(&prompt), "{screen}");
    });
}

/// With the cursor on the last need no service meets: at 80×24 it is
/// scrolled into view; from 120 columns its fallback shows in the pane
/// beside the journey, and every need is listed, not the first three.
#[test]
fn results_with_gaps_at_three_sizes() {
    let mut app = app();
    drive(&mut app, &persona(), None);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Results);
    press(&mut app, KeyCode::End);
    let outcome = app.outcome.clone().expect("results");
    let gap = outcome
        .journey
        .gaps
        .last()
        .expect("a gap")
        .need
        .label_in(Lang::En);
    let needs = outcome.profile.needs.len();
    assert!(needs > 3, "the persona has more than three needs");
    at_three_sizes("results_gaps", &mut app, |width, screen| {
        assert!(screen.contains(Lang::En.tr(Text::GapsTitle)), "{screen}");
        assert!(screen.contains(&format!("▶ • {gap}")), "{screen}");
        if width >= 120 {
            // The pane's title is the gap, and the bars are longer than 20.
            assert!(screen.matches(gap).count() >= 2, "{screen}");
            assert!(screen.contains(&format!("{}░", "█".repeat(10))), "{screen}");
            assert!(
                screen.contains(&format!("{needs}. ")),
                "every need: {screen}"
            );
        }
    });
}

/// From 120 columns the pane beside the hits shows what the details screen
/// would: eligibility, support, source.
#[test]
fn search_with_details_at_three_sizes() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "export insurance");
    at_three_sizes("search_detail", &mut app, |width, screen| {
        let full = screen.contains(&format!("{}:", Lang::En.tr(Text::Eligibility)))
            && screen.contains(&format!("{}:", Lang::En.tr(Text::Source)));
        assert_eq!(full, width >= 120, "{screen}");
    });
}

#[test]
fn landscape_findings_at_three_sizes() {
    let mut app = app();
    press(&mut app, KeyCode::Char('l'));
    while app.landscape.survey.as_ref().map(|s| s.area.code()) != Some("PL-22") {
        press(&mut app, KeyCode::Char('a'));
    }
    press(&mut app, KeyCode::Char('f'));
    at_three_sizes("landscape_findings", &mut app, |_, _| {});
}

/// No screen cuts text without `…`, in any language, at 80×24.
///
/// How a cut is found: every deliberate cut goes through the views'
/// truncation helpers ([`eis::ui::view::truncate`] and its kin, and the
/// row-fitting of wrapped panes), which record each cut while
/// [`record_cuts`] runs; the walk checks that each ends with `…` and fits
/// its columns, in all six languages over every screen, so every real text
/// the views cut (prompts, services, providers, needs, titles) is checked.
/// Two places ratatui would clip by itself are checked on the screen as
/// drawn: the title, which must leave the frame's rule before the corner
/// (a clipped title runs into it), and the hint bar, whose every item must
/// be a whole hint. What this does not see is a line ratatui clips at the
/// edge of an inner area without the helper: scanning rows for text at an
/// edge cannot tell a clip from a wrapped line or a number column that
/// ends there, so it would fail on sound screens; the views therefore cut
/// every unwrapped line of data with the helper.
///
/// The walk: home and its help, every question of a whole assessment, the
/// review at its top and end, the results at the top and the last gap, a
/// service's details, the search with a query, and the landscape and its
/// findings; in each of the six languages.
#[test]
fn no_screen_cuts_text_without_an_ellipsis() {
    let answers = persona();
    let mut cuts_seen = 0;
    let mut right_cuts = 0;
    for lang in Lang::ALL {
        let mut app = app().speaking(lang);
        let mut screens: Vec<(String, String, Vec<Cut>)> = Vec::new();
        let mut look = |app: &mut App, name: &str| {
            let (screen, cuts) = record_cuts(|| render(app, 80, 24));
            assert_hints_whole(app, &screen);
            screens.push((format!("{lang} {name}"), screen, cuts));
        };
        look(&mut app, "home");
        press(&mut app, KeyCode::Char('?'));
        look(&mut app, "help");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Enter);
        for _ in 0..100 {
            if app.screen != Screen::Question {
                break;
            }
            let id = app.form.question.clone();
            look(&mut app, &id);
            common::answer_with_keys(&mut app, answers.get(&id));
        }
        assert_eq!(app.screen, Screen::Review);
        look(&mut app, "review");
        press(&mut app, KeyCode::End);
        look(&mut app, "review end");
        press(&mut app, KeyCode::Char('r'));
        look(&mut app, "results");
        press(&mut app, KeyCode::End);
        look(&mut app, "results end");
        press(&mut app, KeyCode::Home);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Details);
        look(&mut app, "details");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "export");
        look(&mut app, "search");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('l'));
        look(&mut app, "landscape");
        press(&mut app, KeyCode::Char('f'));
        look(&mut app, "landscape findings");
        for (name, screen, cuts) in &screens {
            for cut in cuts {
                // What is left out is where a mark is: the pieces between
                // the marks are the text's own, in order, the first its
                // beginning unless a mark comes first, the last its end
                // unless a mark comes last; and something was left out.
                let pieces: Vec<&str> = cut.shown.split('…').collect();
                let mut rest = cut.text.as_str();
                for (i, piece) in pieces.iter().enumerate() {
                    // Around a mark a cut may drop a space.
                    let piece = if i == 0 {
                        piece.trim_end()
                    } else {
                        piece.trim()
                    };
                    let at = rest.find(piece);
                    assert!(at.is_some(), "{name}: `{piece}` is not in {cut:?}");
                    let at = at.unwrap_or(0);
                    if i == 0 && !piece.is_empty() {
                        assert_eq!(
                            at, 0,
                            "{name}: text left out unmarked at the start: {cut:?}"
                        );
                    }
                    rest = &rest[at + piece.len()..];
                }
                assert!(
                    pieces.len() > 1 && (pieces.last() == Some(&"") || rest.trim().is_empty()),
                    "{name}: {cut:?}"
                );
                let tail = pieces.last().copied().unwrap_or_default();
                right_cuts += usize::from(tail.is_empty());
                assert!(
                    unicode_width::UnicodeWidthStr::width(cut.shown.as_str()) <= cut.width,
                    "{name}: {cut:?}"
                );
            }
            cuts_seen += cuts.len();
            assert_title_whole(name, screen);
            if name.ends_with("review") || name.ends_with("review end") {
                assert_review_labels_differ(name, screen);
            }
        }
    }
    assert!(
        right_cuts > 0 && cuts_seen > right_cuts,
        "the walk met texts too long for their room, and review labels cut in the middle"
    );
}

/// The screen's title leaves the rule before the corner: ratatui clips a
/// title too long for the frame at the corner, without a mark.
#[track_caller]
fn assert_title_whole(name: &str, screen: &str) {
    let rows = rows(screen);
    let top: Vec<char> = rows[0].chars().collect();
    if top.first() != Some(&'┌') {
        return;
    }
    let before_corner = top[top.len() - 2];
    assert!(
        before_corner == '─' || before_corner == ' ',
        "{name}: the title runs into the corner:\n{}",
        rows[0]
    );
}

/// The review's cut labels differ from each other: a series of questions
/// that begin alike must not read as the same question.
#[track_caller]
fn assert_review_labels_differ(name: &str, screen: &str) {
    // The label column: after the border, padding and the cursor mark,
    // two fifths of the 76 text columns.
    let labels: Vec<String> = rows(screen)
        .iter()
        .map(|row| row.chars().skip(4).take(30).collect::<String>())
        .filter(|label| label.contains('…'))
        .collect();
    for (i, label) in labels.iter().enumerate() {
        assert!(
            !labels[i + 1..].contains(label),
            "{name}: two questions read `{label}`:\n{screen}"
        );
    }
}
