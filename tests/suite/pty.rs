//! The real `eis` binary in a pseudo-terminal, as a user at an 80×24
//! xterm meets it: it opens on the alternate screen, takes keys, and on
//! quitting (`q` or Ctrl+C) leaves the terminal as it found it — main
//! screen, cursor visible.
//!
//! This file owns only what needs a real terminal: start-up, a few key
//! presses end to end, and the restore on exit. Screens and key handling in
//! detail are tested through `update()` and ratatui's `TestBackend`.
//!
//! Every wait polls the emulated screen against a deadline (10 s, or
//! `EIS_PTY_WAIT_MS` milliseconds) and dumps the screen when it runs out;
//! nothing sleeps for a fixed time.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize};

const ROWS: u16 = 24;
const COLS: u16 = 80;

/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(20);

const ENTER: &[u8] = b"\r";
const ESC: &[u8] = b"\x1b";
const CTRL_C: &[u8] = b"\x03";

/// The home screen of a fresh session.
const HOME: &[&str] = &["EIS Navigator", "Start an assessment"];
/// F2, as xterm sends it.
const F2: &[u8] = b"\x1bOQ";

/// How long any one wait may take: `EIS_PTY_WAIT_MS`, or 10 s.
fn wait_limit() -> Duration {
    std::env::var("EIS_PTY_WAIT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(10), Duration::from_millis)
}

/// `eis` running in a pseudo-terminal, its output fed to a vt100 emulator
/// by a reader thread.
struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Says when the reader thread has seen the end of the output.
    output_done: Receiver<()>,
    /// Kept open for the life of the session: closing it hangs up the terminal.
    _master: Box<dyn MasterPty + Send>,
    /// The data folder of a session that made its own.
    data: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts `eis` with no arguments (the full-screen app) in an 80×24
    /// xterm-256color terminal, with a fixed date and colours allowed, and a
    /// data folder of its own.
    fn start() -> Self {
        let data = tempfile::tempdir().expect("a data folder");
        let mut session = Self::start_in(data.path());
        session.data = Some(data);
        session
    }

    /// Starts `eis` as [`Session::start`] does, keeping clients in `data`.
    fn start_in(data: &std::path::Path) -> Self {
        let mut command = Self::command();
        command.arg("--data-dir");
        command.arg(data);
        Self::spawn(command)
    }

    /// `eis` in the crate's scratch folder, with a fixed date and colours allowed.
    fn command() -> CommandBuilder {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_eis"));
        command.cwd(env!("CARGO_TARGET_TMPDIR"));
        command.env("TERM", "xterm-256color");
        command.env("EIS_TODAY", "2026-11-23");
        command.env(
            "EIS_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/eis-cache"),
        );
        command.env("LC_ALL", "C");
        command.env_remove("NO_COLOR");
        command
    }

    /// Runs a command in an 80×24 pseudo-terminal.
    fn spawn(command: CommandBuilder) -> Self {
        let (child, master) = spawn_in_pty(command);

        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows > 0"),
            NonZeroU16::new(COLS).expect("cols > 0"),
            0,
        )));
        let (done, output_done) = mpsc::channel();
        let sink = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0; 4096];
            // Linux reports the hang-up after the child exits as an error (EIO).
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                lock(&sink).process(&buf[..n]);
            }
            let _ = done.send(());
        });

        Self {
            screen,
            writer,
            child,
            output_done,
            _master: master,
            data: None,
        }
    }

    /// Sends bytes as if typed.
    fn press(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("keys reach eis");
        self.writer.flush().expect("keys reach eis");
    }

    /// A copy of the screen as it is now.
    fn screen(&self) -> vt100::Screen {
        lock(&self.screen).screen().clone()
    }

    /// Waits until the screen shows every one of `texts`, and returns it.
    fn wait_for(&self, texts: &[&str]) -> vt100::Screen {
        let deadline = Instant::now() + wait_limit();
        loop {
            let screen = self.screen();
            let contents = screen.contents();
            if texts.iter().all(|text| contents.contains(text)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {:?} waiting for {texts:?}\n{}",
                wait_limit(),
                describe(&screen),
            );
            thread::sleep(POLL);
        }
    }

    /// Waits for `eis` to exit and for the last of its output to reach the
    /// screen; kills it if it has not exited by the deadline.
    fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + wait_limit();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("eis can be waited for") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "eis did not exit within {:?}; killed it\n{}",
                    wait_limit(),
                    describe(&self.screen()),
                );
            }
            thread::sleep(POLL);
        };
        match self
            .output_done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => status,
            Err(RecvTimeoutError::Timeout) => panic!(
                "eis exited ({status}) but its output did not end within {:?}\n{}",
                wait_limit(),
                describe(&self.screen()),
            ),
        }
    }
}

impl Drop for Session {
    /// A failed test must not leave `eis` running.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The emulator, even if a panicking thread held it.
fn lock(parser: &Mutex<vt100::Parser>) -> std::sync::MutexGuard<'_, vt100::Parser> {
    parser.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The screen's state and text, for failure messages.
fn describe(screen: &vt100::Screen) -> String {
    format!(
        "alternate screen: {}, cursor hidden: {}\n--- screen\n{}\n---",
        screen.alternate_screen(),
        screen.hide_cursor(),
        screen.contents(),
    )
}

/// Asserts that `eis` left the terminal as it found it.
fn assert_restored(screen: &vt100::Screen) {
    assert!(
        !screen.alternate_screen(),
        "eis left the alternate screen on\n{}",
        describe(screen)
    );
    assert!(
        !screen.hide_cursor(),
        "eis left the cursor hidden\n{}",
        describe(screen)
    );
}

/// Waits for the home screen and checks it is drawn on the alternate screen.
fn wait_for_home(eis: &Session) {
    let home = eis.wait_for(HOME);
    assert!(
        home.alternate_screen(),
        "the app should draw on the alternate screen\n{}",
        describe(&home)
    );
}

/// Sends a signal (`-KILL`, `-TERM`) to the session's process.
fn signal(session: &Session, name: &str) {
    let pid = session.child.process_id().expect("eis has a process id");
    let sent = std::process::Command::new("kill")
        .args([name, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill {name} {pid} failed");
}

#[test]
fn a_user_answers_a_question_leaves_to_home_and_quits_leaving_the_terminal_restored() {
    let mut eis = Session::start();
    wait_for_home(&eis);

    eis.press(ENTER);
    eis.wait_for(&["Question 1 of", "What is your business called?"]);
    eis.press(b"Acme Ltd");
    eis.wait_for(&["Acme Ltd"]);
    eis.press(ENTER);
    eis.wait_for(&["Question 2 of"]);

    // A lone Esc is told from the start of an escape sequence by the pause
    // after it, so the next key waits for the dialog.
    eis.press(ESC);
    eis.wait_for(&["Leave and go back", "saved with the client"]);
    eis.press(b"y");
    // The answers went to the client's record, which is closed: home starts afresh.
    eis.wait_for(HOME);

    eis.press(b"q");
    let status = eis.wait_for_exit();
    assert!(status.success(), "eis exited with {status}");
    assert_restored(&eis.screen());
}

/// Leaving a client for the home screen lets go of it: the same window opens
/// it again from the clients screen, as often as the adviser likes.
#[test]
fn a_client_left_for_home_opens_again_in_the_same_window() {
    let mut eis = Session::start();
    wait_for_home(&eis);
    eis.press(b"c");
    eis.wait_for(&["Clients"]);
    eis.press(F2);
    eis.wait_for(&["Name of the new client"]);
    eis.press(b"Returning Ltd\r");
    eis.wait_for(&["Question 1 of", "What is your business called?"]);
    for _ in 0..2 {
        eis.press(ESC);
        eis.wait_for(&["Leave and go back"]);
        eis.press(b"y");
        eis.wait_for(HOME);
        eis.press(b"c");
        eis.wait_for(&["Returning Ltd"]);
        eis.press(ENTER);
        let screen = eis.wait_for(&["Question 1 of", "What is your business called?"]);
        assert!(
            !screen.contents().contains("another EIS Navigator window"),
            "{}",
            describe(&screen)
        );
    }
    eis.press(CTRL_C);
    assert!(eis.wait_for_exit().success());
}

#[test]
fn ctrl_c_on_the_home_screen_quits_leaving_the_terminal_restored() {
    let mut eis = Session::start();
    wait_for_home(&eis);

    eis.press(CTRL_C);
    let status = eis.wait_for_exit();
    assert!(status.success(), "eis exited with {status}");
    assert_restored(&eis.screen());
}

#[test]
fn answers_given_before_a_kill_are_there_when_the_client_is_resumed() {
    use eis::assessment::Answer;

    let data = tempfile::tempdir().expect("a data folder");
    let mut first = Session::start_in(data.path());
    first.wait_for(&["Start an assessment"]);
    first.press(b"\r");
    first.wait_for(&["What is your business called?"]);
    first.press(b"Killed Mid-Way Ltd\r");
    first.wait_for(&["Question 2 of"]);
    first.press(b"PL\r");
    first.wait_for(&["Which part of Poland"]);
    // Nothing is chosen for the user: the first option is chosen by its number.
    first.press(b"1\r");
    first.wait_for(&["Question 4 of"]);
    first.press(b"1\r");
    first.wait_for(&["Question 5 of"]);
    first.press(b"12\r");
    first.wait_for(&["Question 6 of"]);
    // No goodbye: the process is killed outright, as by a power cut.
    signal(&first, "-KILL");
    let _ = first.child.wait();
    drop(first);

    let mut second = Session::start_in(data.path());
    second.wait_for(&["Clients"]);
    second.press(b"c");
    second.wait_for(&["Killed Mid-Way Ltd"]);
    second.press(b"\r");
    // Back at the exact question it was on: the sixth, the turnover.
    second.wait_for(&["Question 6 of", "turnover"]);
    let store = eis::clients::Store::open(data.path()).expect("the data folder opens");
    // Its id is made from the company's name, given as the first answer.
    let client = store
        .load("killed-mid-way-ltd")
        .expect("the client file reads");
    assert_eq!(client.name, "Killed Mid-Way Ltd");
    let answers = &client.current().expect("an assessment").answers;
    assert_eq!(
        answers.get("company-name"),
        Some(&Answer::Text("Killed Mid-Way Ltd".to_owned()))
    );
    assert_eq!(
        answers.get("country"),
        Some(&Answer::Countries(vec!["PL".to_owned()]))
    );
    assert_eq!(
        answers.get("region-pl"),
        Some(&Answer::Choice("pomorskie".to_owned()))
    );
    // "1" chose the first option of the sector question.
    assert_eq!(
        answers.get("sector"),
        Some(&Answer::Choice("food".to_owned()))
    );
    assert_eq!(answers.get("employees"), Some(&Answer::Number(12)));
    second.press(b"\x03");
    assert!(second.wait_for_exit().success());
}

/// Every file below `root`, as paths relative to it.
fn files_below(root: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the folder reads") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_kiosk_ends_on_sigterm_with_the_terminal_restored_and_nothing_written() {
    let root = tempfile::tempdir().expect("a scratch folder");
    for folder in ["home", "data", "cwd", "spool"] {
        std::fs::create_dir(root.path().join(folder)).unwrap();
    }
    let hash = eis::kiosk::hash_passphrase("open sesame 42").unwrap();
    let config = root.path().join("kiosk.ron");
    std::fs::write(
        &config,
        format!(
            "Kiosk(spool: \"{}\", admin_passphrase: \"{hash}\")",
            root.path().join("spool").display()
        ),
    )
    .unwrap();
    let mut command = Session::command();
    command.args(["kiosk", "--config"]);
    command.arg(&config);
    command.cwd(root.path().join("cwd"));
    command.env("HOME", root.path().join("home"));
    command.env("XDG_DATA_HOME", root.path().join("data"));
    // Where a compiled catalogue would go: the kiosk must not write one.
    command.env("EIS_CACHE_DIR", root.path().join("data").join("cache"));
    command.env("XDG_CACHE_HOME", root.path().join("home").join(".cache"));
    let mut session = Session::spawn(command);
    let welcome = session.wait_for(&["Welcome", "Start over", "Start the quick check"]);
    assert!(welcome.alternate_screen());
    session.press(b"\r");
    session.wait_for(&["In which country is your business based?"]);
    session.press(b"IE\r");
    session.wait_for(&["Question 2 of"]);

    signal(&session, "-TERM");
    let status = session.wait_for_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&session.screen());
    assert_eq!(
        files_below(root.path()),
        ["kiosk.ron"],
        "the kiosk wrote nothing"
    );
}

/// Runs a command in a new 80×24 pseudo-terminal; the terminal's end is the
/// child's alone, so that the master sees the end of the output when the
/// child exits.
fn spawn_in_pty(
    command: CommandBuilder,
) -> (Box<dyn Child + Send + Sync>, Box<dyn MasterPty + Send>) {
    let pair = portable_pty::native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal opens");
    let child = pair.slave.spawn_command(command).expect("eis starts");
    drop(pair.slave);
    (child, pair.master)
}

/// A terminal that goes away (the window closed, the SSH session dropped)
/// ends the app: it must not live on, spinning on a dead terminal.
#[test]
fn the_app_ends_when_its_terminal_goes_away() {
    let data = tempfile::tempdir().expect("a data folder");
    let mut command = Session::command();
    command.arg("--data-dir");
    command.arg(data.path());
    let (mut child, master) = spawn_in_pty(command);
    // Read in this thread, so that no copy of the terminal's end outlives it.
    let mut reader = master.try_clone_reader().expect("pty reader");
    let writer = master.take_writer().expect("pty writer");
    let mut seen = Vec::new();
    let mut buf = [0; 4096];
    while !String::from_utf8_lossy(&seen).contains("Start an assessment") {
        match reader.read(&mut buf) {
            Ok(n @ 1..) => seen.extend_from_slice(&buf[..n]),
            _ => panic!("eis ended before drawing its home screen"),
        }
    }
    // Closing every copy of the terminal's end hangs the terminal up.
    drop((reader, writer, master));
    let deadline = Instant::now() + wait_limit();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("eis still runs after its terminal went away");
        }
        thread::sleep(POLL);
    };
    // The loop stopped on the signal (0), or on the terminal's error (2), or,
    // stuck inside crossterm, was ended by the watcher (128 + SIGHUP); never
    // a crash.
    assert!(
        status.signal().is_none() && matches!(status.exit_code(), 0 | 2 | 129),
        "eis ended with {status:?}"
    );
}

/// `kill -INT` and `kill -QUIT` end the app as SIGTERM does: the loop stops
/// and the terminal is restored, mouse capture included.
#[test]
fn sigint_and_sigquit_end_the_app_with_the_terminal_restored() {
    for name in ["-INT", "-QUIT"] {
        let mut eis = Session::start();
        wait_for_home(&eis);
        assert_ne!(
            eis.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "the app captures the mouse"
        );
        signal(&eis, name);
        let status = eis.wait_for_exit();
        assert!(status.success(), "kill {name}: eis exited with {status}");
        let screen = eis.screen();
        assert_restored(&screen);
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "kill {name}: mouse capture left on\n{}",
            describe(&screen)
        );
    }
}

/// A kiosk config in `root` with the passphrase "open sesame 42".
fn kiosk_config(root: &std::path::Path) -> std::path::PathBuf {
    let hash = eis::kiosk::hash_passphrase("open sesame 42").unwrap();
    std::fs::create_dir_all(root.join("spool")).unwrap();
    let config = root.join("kiosk.ron");
    std::fs::write(
        &config,
        format!(
            "Kiosk(spool: \"{}\", admin_passphrase: \"{hash}\")",
            root.join("spool").display()
        ),
    )
    .unwrap();
    config
}

/// Waits until `after` shows on the screen somewhere below `first`.
fn wait_for_after(session: &Session, first: &str, after: &str) {
    let deadline = Instant::now() + wait_limit();
    loop {
        let screen = session.screen();
        let contents = screen.contents();
        if let Some(at) = contents.rfind(first)
            && contents[at..].contains(after)
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {after:?} after {first:?}\n{}",
            describe(&screen)
        );
        thread::sleep(POLL);
    }
}

#[test]
fn the_accessible_kiosk_ignores_ctrl_c_ctrl_backslash_ctrl_z_and_eof() {
    let root = tempfile::tempdir().expect("a scratch folder");
    let config = kiosk_config(root.path());
    let mut command = Session::command();
    command.args(["kiosk", "--accessible", "--config"]);
    command.arg(&config);
    let mut session = Session::spawn(command);
    session.wait_for(&["What is your business called?"]);

    // Ctrl+C, Ctrl+\ and Ctrl+Z: the kiosk is neither ended nor stopped,
    // and the next answer is taken.
    session.press(b"\x03\x1c\x1a");
    session.press(b"Still Here Ltd\r");
    wait_for_after(&session, "Still Here Ltd", "Question 2 of");

    // The end of the input starts over for the next visitor.
    session.press(b"\x04");
    session.wait_for(&["Input ended"]);
    wait_for_after(&session, "Input ended", "What is your business called?");
    session.press(b"Next Visitor Ltd\r");
    wait_for_after(&session, "Next Visitor Ltd", "Question 2 of");

    // Core dumps are off: a core file would hold the answers.
    let pid = session.child.process_id().expect("a process id");
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    assert_eq!(
        core.split_whitespace().skip(4).take(2).collect::<Vec<_>>(),
        ["0", "0"],
        "{core}"
    );

    // Its supervisor still ends it.
    signal(&session, "-TERM");
    let _ = session.wait_for_exit();
}

/// Two advisers start an assessment in two windows on one data folder at
/// the same moment: each gets a client of its own, and both keep their work.
#[test]
fn two_windows_starting_at_once_both_keep_their_work() {
    let data = tempfile::tempdir().expect("a data folder");
    let mut first = Session::start_in(data.path());
    let mut second = Session::start_in(data.path());
    wait_for_home(&first);
    wait_for_home(&second);
    first.press(ENTER);
    second.press(ENTER);
    for (session, name) in [
        (&mut first, "First Window Ltd"),
        (&mut second, "Second Window Ltd"),
    ] {
        session.wait_for(&["What is your business called?"]);
        session.press(name.as_bytes());
        session.press(ENTER);
    }
    for session in [&mut first, &mut second] {
        session.wait_for(&["Question 2 of"]);
        session.press(CTRL_C);
        assert!(session.wait_for_exit().success());
    }
    let store = eis::clients::Store::open(data.path()).expect("the data folder opens");
    let mut names: Vec<String> = store
        .list()
        .expect("the clients list")
        .into_iter()
        .map(|listed| match listed {
            eis::clients::Listed::Client(client) => client.name,
            eis::clients::Listed::Unreadable { path, message } => {
                panic!("{} unreadable: {message}", path.display())
            }
        })
        .collect();
    names.sort();
    assert_eq!(names, ["First Window Ltd", "Second Window Ltd"]);
}

/// The keys a visitor presses to answer `question` as `answer` says: an
/// option by its number (scales too), typed text or codes; then Enter.
fn keys_for(question: &eis::assessment::Question, answer: &eis::assessment::Answer) -> Vec<u8> {
    use eis::assessment::Answer;
    let number = |id: &str| -> u8 {
        let row = question
            .options()
            .iter()
            .position(|o| o.id == id)
            .expect("the option exists");
        b'1' + u8::try_from(row)
            .ok()
            .filter(|r| *r < 9)
            .expect("one of the first nine")
    };
    let mut keys = match answer {
        Answer::Choice(id) => vec![number(id)],
        Answer::Choices(ids) => ids.iter().map(|id| number(id)).collect(),
        Answer::Scale(v) => vec![b'0' + v],
        Answer::Number(n) => n.to_string().into_bytes(),
        Answer::Text(t) => t.clone().into_bytes(),
        Answer::Countries(codes) => codes.join(" ").into_bytes(),
    };
    keys.push(b'\r');
    keys
}

/// A help-desk visitor at the real kiosk: from the welcome screen through
/// the short check to the results and the referral slip, every key typed
/// into the terminal and counted.
#[test]
fn a_kiosk_visitor_goes_from_welcome_through_the_short_check_to_a_referral_slip() {
    let root = tempfile::tempdir().expect("a scratch folder");
    let config = kiosk_config(root.path());
    let mut command = Session::command();
    command.args(["kiosk", "--config"]);
    command.arg(&config);
    let mut session = Session::spawn(command);
    session.wait_for(&["Welcome", "Start the quick check", "about three minutes"]);

    let mut keys = 0;
    session.press(ENTER);
    keys += 1;
    let short = crate::common::DATA.0.short_check();
    let answers = crate::common::persona("pomorskie-machining-subcontractor-weak-compliance");
    let path = short.visible(&answers);
    let n = path.len();
    assert!(n <= 12, "{n} questions");
    for (k, question) in path.iter().enumerate() {
        let counter = format!("Quick check · Question {} of ", k + 1);
        session.wait_for(&[&counter]);
        let typed = keys_for(question, answers.get(&question.id).expect("answered"));
        keys += typed.len();
        session.press(&typed);
    }
    // The review, then the results of the short check.
    session.wait_for(&["r results"]);
    session.press(b"r");
    keys += 1;
    session.wait_for(&["Your stage", "p referral slip", "f full assessment"]);
    session.press(b"p");
    keys += 1;
    session.wait_for(&["Your referral slip is ready"]);

    let spool: Vec<_> = std::fs::read_dir(root.path().join("spool"))
        .expect("the spool")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(spool.len(), 1, "{spool:?}");
    let slip = std::fs::read_to_string(&spool[0]).expect("the slip reads");
    assert!(slip.contains("Reference:"), "{slip}");
    // The whole visit, welcome to slip, typed: {n} questions and the keys
    // to start, see the results and ask for the slip.
    assert!(keys <= 40, "{keys} keys for {n} questions");
    eprintln!("kiosk short check: {n} questions, {keys} keys from welcome to slip");

    signal(&session, "-TERM");
    assert!(session.wait_for_exit().success());
}
