//! Colours and emphasis. Three themes: the default, a high-contrast one, and
//! a monochrome one (chosen automatically when `NO_COLOR` is set) that shows
//! state with bold, reverse and underline only — crossterm drops colour under
//! `NO_COLOR`, and with it the bold and reverse of coloured cells, so
//! monochrome styles carry no colour at all.

use ratatui::style::{Color, Modifier, Style};

use crate::vocab::Band;

/// Which theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Mono,
}

impl ThemeName {
    /// The next theme, for cycling.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            ThemeName::Default => ThemeName::HighContrast,
            ThemeName::HighContrast => ThemeName::Mono,
            ThemeName::Mono => ThemeName::Default,
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high contrast",
            ThemeName::Mono => "monochrome",
        }
    }

    /// The theme to start with: monochrome when `NO_COLOR` is set and not empty.
    #[must_use]
    pub fn from_env(requested: Option<ThemeName>) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        requested.unwrap_or(if no_color {
            ThemeName::Mono
        } else {
            ThemeName::Default
        })
    }
}

/// The styles views draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub base: Style,
    pub title: Style,
    pub muted: Style,
    pub selected: Style,
    pub highlight: Style,
    pub error: Style,
    pub key: Style,
    pub border: Style,
    pub gauge: Style,
    pub current: Style,
}

impl Theme {
    #[must_use]
    pub fn new(name: ThemeName) -> Self {
        let plain = Style::new();
        match name {
            ThemeName::Default => Self {
                name,
                base: plain,
                title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                muted: plain.fg(Color::Gray),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                highlight: plain
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                error: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
                key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                border: plain.fg(Color::DarkGray),
                gauge: plain.fg(Color::Cyan),
                current: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            },
            ThemeName::HighContrast => Self {
                name,
                base: plain.fg(Color::White).bg(Color::Black),
                title: plain
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                muted: plain.fg(Color::White).bg(Color::Black),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                highlight: plain
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                error: plain
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                key: plain
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                border: plain.fg(Color::White).bg(Color::Black),
                gauge: plain.fg(Color::White).bg(Color::Black),
                current: plain
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
            },
            ThemeName::Mono => Self {
                name,
                base: plain,
                title: plain.add_modifier(Modifier::BOLD),
                muted: plain,
                selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                highlight: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                error: plain.add_modifier(Modifier::BOLD),
                key: plain.add_modifier(Modifier::BOLD),
                border: plain,
                gauge: plain,
                current: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            },
        }
    }

    /// The style of a readiness band; always paired with its name in words.
    #[must_use]
    pub fn band(&self, band: Option<Band>) -> Style {
        match (self.name, band) {
            (ThemeName::Mono | ThemeName::HighContrast, Some(Band::Gap)) => self.error,
            (ThemeName::Mono | ThemeName::HighContrast, _) => self.base,
            (ThemeName::Default, Some(Band::Gap)) => Style::new().fg(Color::LightRed),
            (ThemeName::Default, Some(Band::Developing)) => Style::new().fg(Color::Yellow),
            (ThemeName::Default, Some(Band::Strong)) => Style::new().fg(Color::Green),
            (ThemeName::Default, None) => self.muted,
        }
    }
}
