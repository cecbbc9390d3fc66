//! Help and the keys it names: the help lists every screen's keys, the
//! screen below first, and scrolls at 80×24; the home key bar shows help
//! and quit; the search's area filter goes both ways and shows names.

use std::time::Instant;

use eis::i18n::Lang;
use eis::kiosk::KioskConfig;
use eis::ui::App;
use eis::ui::app::Screen;
use eis::ui::keymap::Context;
use eis::ui::theme::ThemeName;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::common::{DATA, press, press_with, render};

fn app() -> App {
    App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono).keeping_clients()
}

/// The rows of a rendered screen.
fn rows(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

#[test]
fn help_lists_the_screen_below_first_then_every_other_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.screen, Screen::Search);
    press(&mut app, KeyCode::F(1));
    let sections = app.help_sections();
    assert_eq!(sections[0].context, Context::Search);
    assert!(sections[0].current);
    let listed: Vec<Context> = sections.iter().map(|s| s.context).collect();
    for context in Context::ALL {
        let expected = context != Context::Help;
        assert_eq!(listed.contains(&context), expected, "{context:?}");
    }
    assert!(sections[1..].iter().all(|s| !s.current));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Search — Keys on this screen"), "{screen}");
    press(&mut app, KeyCode::PageDown);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("│A question with options"), "{screen}");
}

#[test]
fn help_scrolls_to_every_line_at_80x24() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let total = app.help_lines();
    let first = render(&mut app, 80, 24);
    assert!(first.contains("Home — Keys on this screen"), "{first}");
    assert!(first.contains(&format!("/{total}")), "{first}");

    // End: the last screen's keys, down to the last line.
    press(&mut app, KeyCode::End);
    let last = render(&mut app, 80, 24);
    assert!(last.contains(&format!("–{total}/{total}")), "{last}");
    assert!(!last.contains("Home — Keys"), "{last}");
    let landscape = rows(&last)
        .iter()
        .position(|r| r.contains("│Support landscape"))
        .expect("the landscape's heading");
    assert!(
        rows(&last)[landscape..]
            .iter()
            .any(|r| r.contains("Esc  back")),
        "{last}"
    );
    // Down at the end stays; Up moves at once, not after a page of presses.
    let top = app.help.top;
    press(&mut app, KeyCode::Down);
    assert_eq!(app.help.top, top);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.help.top, top - 1);

    // Home, then a page down and back up.
    press(&mut app, KeyCode::Home);
    assert_eq!(app.help.top, 0);
    render(&mut app, 80, 24);
    press(&mut app, KeyCode::PageDown);
    let page = app.help.top;
    assert!(page > 10, "a page is the lines shown, {page}");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.help.top, 0);
    // Esc closes it; opened again, it starts at the top.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.help.top, 0);
}

#[test]
fn a_kiosks_help_names_no_screen_or_key_it_cannot_reach() {
    let spool = tempfile::tempdir().unwrap();
    let config = KioskConfig {
        idle_seconds: 120,
        warning_seconds: 30,
        spool: spool.path().to_owned(),
        print_command: Vec::new(),
        admin_passphrase: String::new(),
        language: None,
    };
    let mut app = App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono)
        .into_kiosk(config, Instant::now());
    press(&mut app, KeyCode::Char('?'));
    let sections = app.help_sections();
    let listed: Vec<Context> = sections.iter().map(|s| s.context).collect();
    assert!(!listed.contains(&Context::Clients));
    assert!(!listed.contains(&Context::Landscape));
    for section in &sections {
        assert!(
            !section.keys.iter().any(|(key, _)| *key == "q"),
            "{:?} names q",
            section.context
        );
    }
}

#[test]
fn the_home_key_bar_shows_help_and_quit_at_80_columns_in_every_language() {
    for lang in Lang::ALL {
        let mut app = app().speaking(lang);
        let screen = render(&mut app, 80, 24);
        let bar = rows(&screen).last().copied().unwrap_or_default();
        assert!(bar.contains("? "), "{lang:?}: {bar}");
        assert!(bar.contains("q "), "{lang:?}: {bar}");
    }
}

#[test]
fn f5_cycles_the_area_forward_and_shift_f5_back_by_name() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::F(5));
    assert_eq!(
        app.search.area.as_ref().map(eis::catalogue::Area::code),
        Some("GB")
    );
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Area: United Kingdom"), "{screen}");
    // At 80 columns the filters take a second line rather than cut the
    // name or the count.
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("F5 Area: United Kingdom"), "{screen}");
    assert!(
        rows(&screen).iter().any(|r| r.contains(" services ")),
        "{screen}"
    );
    press(&mut app, KeyCode::F(5));
    assert_eq!(
        app.search.area.as_ref().map(eis::catalogue::Area::code),
        Some("GB-HAM")
    );
    press_with(&mut app, KeyCode::F(5), KeyModifiers::SHIFT);
    assert_eq!(
        app.search.area.as_ref().map(eis::catalogue::Area::code),
        Some("GB")
    );
    press_with(&mut app, KeyCode::F(5), KeyModifiers::SHIFT);
    assert_eq!(app.search.area, None);
    // Back from "any" is the last area of the list.
    press_with(&mut app, KeyCode::F(5), KeyModifiers::SHIFT);
    assert_eq!(
        app.search.area.as_ref().map(eis::catalogue::Area::code),
        Some("EU")
    );
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Area: European Union"), "{screen}");
    assert!(!screen.contains("Area: EU "), "{screen}");
}
