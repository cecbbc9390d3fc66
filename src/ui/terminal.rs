//! The one module that owns the terminal: it enters raw mode and the
//! alternate screen (`ratatui::init`, which also restores the terminal on a
//! panic), turns mouse capture on — and off again on exit and on panic —,
//! and runs the event loop: read an event, map it to an action through the
//! keymap (or a click through the targets of the last frame), update the app
//! through its [`Shell`], which performs the effects the update asks for,
//! draw;
//! while a search runs on the worker, it looks for the hits every frame.
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT end the loop, so the terminal is
//! restored (and, in a kiosk, everything in memory is dropped) before the
//! process exits. (Ctrl+C and Ctrl+\ typed at the app are keys, not signals:
//! raw mode turns them into key events; these come from `kill`.) When the
//! terminal itself has gone (a closed window, a dropped SSH session), crossterm
//! can spin inside `event::poll` without ever returning to the loop
//! (crossterm issue 793), so a watcher thread ends the process itself if the
//! loop has not stopped shortly after the signal: client records are saved as
//! they change and their locks go with the process, so nothing is lost.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::iterator::Signals;

use super::app::App;
use super::keymap::{self, Action};
use super::shell::Shell;
use super::view;

/// How long the event loop has to stop after a signal before the process
/// ends without it.
const GRACE: Duration = Duration::from_secs(2);

/// The signals that end the app, the terminal restored.
const STOPPING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How long to wait for an event before drawing again.
const TICK: Duration = Duration::from_millis(250);

/// How often to look for a search's hits while one runs on the worker.
const FRAME: Duration = Duration::from_millis(16);

/// Runs the app until the user quits, and leaves the terminal as it found it.
pub fn run(mut app: Shell) -> anyhow::Result<()> {
    // Installed before `ratatui::init`, whose own hook restores the terminal
    // and then calls this one: mouse capture is ours to turn off.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = Signals::new(STOPPING)?;
    let stopper = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                stopper.store(true, Ordering::Relaxed);
                // A loop that can still run stops and restores the terminal
                // well within this; the process ends before the sleep does.
                std::thread::sleep(GRACE);
                let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, Show);
                let _ = ratatui::try_restore();
                std::process::exit(128 + signal);
            }
        })?;
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste: a pasted text arrives as one event, so its line
    // breaks cannot act as Enter and its letters cannot act as keys.
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &stop);
    // Dropping a `Terminal` whose cursor cannot be shown reports it with
    // `eprintln!`, which panics when the terminal (and so stderr) has gone,
    // and ratatui's panic hook then panics again: an abort. With no terminal
    // left there is nothing to show the cursor on, so such a `Terminal` is
    // left undropped; the process is about to end.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    drop(app);
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::try_restore()?;
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut Shell,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    while !app.quit && !stop.load(Ordering::Relaxed) {
        app.tick(Instant::now());
        app.collect_search();
        let mut targets = Vec::new();
        terminal.draw(|frame| targets = view::draw(frame, app.app()))?;
        app.targets = targets;
        let wait = if app.searching() { FRAME } else { TICK };
        if !event::poll(wait)? {
            continue;
        }
        let event = event::read()?;
        let is_input = matches!(event, Event::Key(_))
            || matches!(&event, Event::Mouse(m) if !matches!(m.kind, MouseEventKind::Moved));
        // In a kiosk, input also restarts the idle clock; a key that only
        // dismisses the "still there?" warning does nothing else.
        if is_input && app.input_at(Instant::now()) {
            continue;
        }
        let size = terminal.size()?;
        let fits = view::fits(size.width, size.height);
        if let Event::Paste(text) = &event {
            if fits {
                for action in paste_actions(app, text) {
                    app.update(action);
                }
            }
            continue;
        }
        if let Some(action) = action_for(app, &event, fits) {
            app.update(action);
        }
    }
    Ok(())
}

/// The action an event stands for on the current screen, if any. While the
/// window is too small to show the screen (`fits` false), nothing acts but
/// Ctrl+C where it quits: keys must not change what cannot be seen.
#[must_use]
pub fn action_for(app: &App, event: &Event, fits: bool) -> Option<Action> {
    if !fits {
        return match event {
            Event::Key(key)
                if key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                keymap::action(app.context(), *key).filter(|action| *action == Action::Quit)
            }
            _ => None,
        };
    }
    match event {
        Event::Key(key) => keymap::action(app.context(), *key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => app.target_at(mouse.column, mouse.row),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            _ => None,
        },
        // Pasted text is taken by `paste_actions`, one character at a time.
        Event::Paste(_) | Event::Resize(..) | Event::FocusGained | Event::FocusLost => None,
    }
}

/// The most characters one paste types: more than any text field holds.
const PASTE_LIMIT: usize = 4_096;

/// The actions a pasted text stands for: its characters typed into the
/// text field that has the focus, line breaks and tabs as spaces, other
/// control characters dropped. Where the focus is not on a text field a
/// letter would act as a key (`q` quits), so a paste there does nothing.
#[must_use]
pub fn paste_actions(app: &App, text: &str) -> Vec<Action> {
    let context = app.context();
    let typed = |c: char| {
        keymap::action(
            context,
            event::KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        ) == Some(Action::Char(c))
    };
    if !typed('a') {
        return Vec::new();
    }
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .take(PASTE_LIMIT)
        .filter(|&c| typed(c))
        .map(Action::Char)
        .collect()
}
