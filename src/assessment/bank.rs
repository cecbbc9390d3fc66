//! The question bank, validated: sections and questions with unique ids,
//! options whose effects are in range, facts filled by questions of the right
//! kind, and conditions that name earlier questions and options that exist and
//! can come true. Also: which questions are asked, given the answers so far.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::answers::{Answer, Answers};
use super::raw::{Choice, Condition, Fact, Kind, RawBank, RawQuestion, Value};
use super::texts::QuestionTexts;
use crate::catalogue::Area;
use crate::catalogue::locate::{self, Segment, render_path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::ronfile;
use crate::text::{self, is_slug};

/// The question bank compiled into the binary.
pub const EMBEDDED: (&str, &str) = (
    "data/questions.ron",
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/questions.ron")),
);

/// A titled group of questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// A validated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    /// Index into [`QuestionBank::sections`].
    pub section: usize,
    pub prompt: String,
    pub help: String,
    pub more_help: Option<String>,
    pub kind: Kind,
    pub when: Option<Condition>,
    pub fills: Option<Fact>,
    pub optional: bool,
    /// An answer counts even when the question is not asked (see
    /// [`super::raw::RawQuestion::kept`]).
    pub kept: bool,
    /// In the short check ([`QuestionBank::short_check`]).
    pub short: bool,
}

impl Question {
    /// The options of a choice question; empty for other kinds.
    #[must_use]
    pub fn options(&self) -> &[Choice] {
        match &self.kind {
            Kind::Single { options } | Kind::Multiple { options } => options,
            _ => &[],
        }
    }

    #[must_use]
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options().iter().find(|o| o.id == id)
    }
}

/// A validated question bank.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuestionBank {
    sections: Vec<Section>,
    questions: Vec<Question>,
    /// Translations of the English texts, applied by [`QuestionBank::localized`].
    translations: BTreeMap<Lang, QuestionTexts>,
}

impl QuestionBank {
    /// The bank with translations to offer (see [`super::texts::load`]).
    #[must_use]
    pub fn with_translations(mut self, translations: BTreeMap<Lang, QuestionTexts>) -> Self {
        self.translations = translations;
        self
    }

    /// The languages the bank has texts in: English and its translations.
    #[must_use]
    pub fn languages(&self) -> Vec<Lang> {
        std::iter::once(Lang::En)
            .chain(self.translations.keys().copied())
            .collect()
    }

    /// The bank with its texts in `lang`, each falling back to English where
    /// the translation lacks it. Call it on the English bank (the one
    /// loaded); ids, kinds and effects are unchanged, so answers carry over.
    #[must_use]
    pub fn localized(&self, lang: Lang) -> QuestionBank {
        let mut bank = self.clone();
        let Some(texts) = self.translations.get(&lang) else {
            return bank;
        };
        let put = |target: &mut String, text: Option<&String>| {
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                target.clone_from(text);
            }
        };
        for section in &mut bank.sections {
            put(&mut section.title, texts.sections.get(&section.id));
        }
        for question in &mut bank.questions {
            let Some(t) = texts.questions.get(&question.id) else {
                continue;
            };
            put(&mut question.prompt, t.prompt.as_ref());
            put(&mut question.help, t.help.as_ref());
            if let (Some(more), Some(text)) = (&mut question.more_help, &t.more_help) {
                put(more, Some(text));
            }
            match &mut question.kind {
                Kind::Single { options } | Kind::Multiple { options } => {
                    for option in options {
                        put(&mut option.label, t.options.get(&option.id));
                    }
                }
                Kind::Scale { low, high, .. } => {
                    put(low, t.low.as_ref());
                    put(high, t.high.as_ref());
                }
                Kind::Number {
                    unit, unit_forms, ..
                } => {
                    if let Some(label) = &t.unit {
                        // A translated label with English forms would mix languages.
                        unit_forms.clear();
                        put(unit, Some(label));
                    }
                    if let Some(forms) = &t.unit_forms {
                        unit_forms.clone_from(forms);
                    }
                }
                Kind::Text { .. } | Kind::Countries { .. } => {}
            }
        }
        bank
    }

    #[must_use]
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every question, in asking order.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    #[must_use]
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The short check: the bank with only its questions marked `short`, in
    /// the same order and sections (a section with none of them is left
    /// out). Everything that works on a bank works on it — what is asked,
    /// the profile, the journey — and a dimension none of its questions
    /// scores is simply not assessed. Answers carry over to the full bank,
    /// since ids do not change.
    #[must_use]
    pub fn short_check(&self) -> QuestionBank {
        let mut sections = Vec::new();
        let mut questions = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            let mut kept = self
                .questions
                .iter()
                .filter(|q| q.short && q.section == s)
                .cloned()
                .peekable();
            if kept.peek().is_none() {
                continue;
            }
            sections.push(section.clone());
            questions.extend(kept.map(|q| Question {
                section: sections.len() - 1,
                ..q
            }));
        }
        QuestionBank {
            sections,
            questions,
            translations: self.translations.clone(),
        }
    }

    /// Whether any question is marked for the short check.
    #[must_use]
    pub fn has_short_check(&self) -> bool {
        self.questions.iter().any(|q| q.short)
    }

    /// The questions whose answers count: those asked, and those answered
    /// that are [kept](Question::kept) although not asked, in bank order.
    #[must_use]
    pub fn counted<'b>(&'b self, answers: &Answers) -> Vec<&'b Question> {
        let visible = self.visible(answers);
        self.questions
            .iter()
            .filter(|q| {
                visible.iter().any(|v| v.id == q.id) || (q.kept && answers.get(&q.id).is_some())
            })
            .collect()
    }

    /// The questions asked given these answers, in order. A condition sees only
    /// the answers of questions that are themselves asked, so an answer left
    /// behind by a question that is no longer asked has no effect.
    #[must_use]
    pub fn visible<'b>(&'b self, answers: &Answers) -> Vec<&'b Question> {
        let mut shown: HashSet<&str> = HashSet::new();
        let mut visible = Vec::new();
        for question in &self.questions {
            let asked = question.when.as_ref().is_none_or(|c| {
                holds(c, &|id| {
                    shown.contains(id).then(|| answers.get(id)).flatten()
                })
            });
            if asked {
                shown.insert(&question.id);
                visible.push(question);
            }
        }
        visible
    }
}

/// Whether a condition holds, given a look-up of the answers of asked questions.
fn holds<'a>(condition: &Condition, answer: &dyn Fn(&str) -> Option<&'a Answer>) -> bool {
    match condition {
        Condition::Chosen(question, option) => answer(question).is_some_and(|a| a.includes(option)),
        Condition::Answered(question) => answer(question).is_some(),
        Condition::AnyOf(conditions) => conditions.iter().any(|c| holds(c, answer)),
        Condition::AllOf(conditions) => conditions.iter().all(|c| holds(c, answer)),
        Condition::Not(inner) => !holds(inner, answer),
    }
}

/// Loads the embedded bank, or the one at `path`, with its translations
/// (the embedded ones, or `questions.<code>.ron` beside `path`). Any error in
/// the bank makes it unusable; a translation with errors is left out (its
/// language falls back to English) and `eis check` reports it.
pub fn load(path: Option<&Path>) -> Result<QuestionBank, Vec<Diagnostic>> {
    let bank = load_english(path)?;
    let (translations, _problems) = super::texts::load(path, &bank);
    Ok(bank.with_translations(translations))
}

/// Loads the bank alone, without translations.
fn load_english(path: Option<&Path>) -> Result<QuestionBank, Vec<Diagnostic>> {
    let (bank, diagnostics) = match path {
        None => check(EMBEDDED.0, EMBEDDED.1.as_bytes()),
        Some(path) => {
            let name = path.display().to_string();
            let bytes = crate::input::read(path, crate::input::QUESTION_BANK)
                .map_err(|e| vec![Diagnostic::error(&name, format!("cannot read: {e}"))])?;
            check(&name, &bytes)
        }
    };
    match bank {
        Some(bank) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(bank),
        _ => Err(diagnostics),
    }
}

/// Parses and checks a question bank file, collecting every problem.
#[must_use]
pub fn check(name: &str, bytes: &[u8]) -> (Option<QuestionBank>, Vec<Diagnostic>) {
    let (text, raw): (&str, RawBank) = match ronfile::read(
        name,
        bytes,
        "a question bank holds `QuestionBank(sections: [...])`",
    ) {
        Ok(read) => read,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let mut checker = Checker {
        name,
        tree: locate::scan(text),
        diagnostics: Vec::new(),
        broken_conditions: HashSet::new(),
    };
    let bank = checker.bank(&raw);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| d.position);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    (ok.then_some(bank), diagnostics)
}

struct Checker<'a> {
    name: &'a str,
    tree: Option<locate::Node>,
    diagnostics: Vec<Diagnostic>,
    /// Questions whose condition names something unknown; their reachability
    /// is not judged, so one mistake is reported once.
    broken_conditions: HashSet<String>,
}

fn seg(name: &str) -> Segment {
    Segment::Field(name.to_owned().into())
}

fn with(base: &[Segment], rest: &[Segment]) -> Vec<Segment> {
    base.iter().chain(rest).cloned().collect()
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, path: &[Segment], message: String) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.name.to_owned(),
            position: self.tree.as_ref().map(|t| t.locate(path)),
            path: render_path(path),
            message,
        });
    }

    fn error(&mut self, path: &[Segment], message: String) {
        self.push(Severity::Error, path, message);
    }

    fn text(&mut self, path: &[Segment], value: &str) {
        let field = match path.last() {
            Some(Segment::Field(name)) => name.to_string(),
            _ => "text".to_owned(),
        };
        if let Some((index, c)) = text::first_forbidden(value) {
            let message = format!(
                "`{field}` contains the control character {} at character {}; texts must be plain",
                text::describe(c),
                index + 1
            );
            self.error(path, message);
        } else if value.trim().is_empty() {
            self.error(path, format!("`{field}` is empty"));
        }
    }

    fn slug(&mut self, path: &[Segment], id: &str, what: &str) {
        if !is_slug(id) {
            let message = format!(
                "{what} id `{}` is not a slug; use lowercase letters, digits and single hyphens",
                text::sanitize(id)
            );
            self.error(path, message);
        }
    }

    fn bank(&mut self, raw: &RawBank) -> QuestionBank {
        let mut bank = QuestionBank::default();
        let mut section_ids: HashSet<&str> = HashSet::new();
        let mut question_ids: HashMap<&str, usize> = HashMap::new();
        let mut filled: HashMap<Fact, String> = HashMap::new();
        if raw.sections.is_empty() {
            self.error(
                &[seg("sections")],
                "the question bank has no sections".to_owned(),
            );
        }
        for (s, section) in raw.sections.iter().enumerate() {
            let base = [seg("sections"), Segment::Index(s)];
            self.slug(&with(&base, &[seg("id")]), &section.id, "section");
            if !section_ids.insert(&section.id) {
                let message = format!("duplicate section id `{}`", section.id);
                self.error(&with(&base, &[seg("id")]), message);
            }
            self.text(&with(&base, &[seg("title")]), &section.title);
            if section.questions.is_empty() {
                let message = format!("section `{}` has no questions", section.id);
                self.error(&base, message);
            }
            bank.sections.push(Section {
                id: section.id.clone(),
                title: section.title.clone(),
            });
            for (q, question) in section.questions.iter().enumerate() {
                let qbase = with(&base, &[seg("questions"), Segment::Index(q)]);
                if let Some(&first) = question_ids.get(question.id.as_str()) {
                    let message = format!(
                        "duplicate question id `{}`; question {} has it already",
                        question.id,
                        first + 1
                    );
                    self.error(&with(&qbase, &[seg("id")]), message);
                } else {
                    question_ids.insert(&question.id, bank.questions.len());
                }
                self.question(&qbase, question, &bank, &mut filled);
                if question.short {
                    self.short_condition(&qbase, question, &bank);
                }
                bank.questions.push(Question {
                    id: question.id.clone(),
                    section: s,
                    prompt: question.prompt.clone(),
                    help: question.help.clone(),
                    more_help: question.more_help.clone(),
                    kind: question.kind.clone(),
                    when: question.when.clone(),
                    fills: question.fills,
                    optional: question.optional,
                    kept: question.kept,
                    short: question.short,
                });
            }
        }
        self.reachability(raw, &bank);
        bank
    }

    fn question(
        &mut self,
        base: &[Segment],
        raw: &RawQuestion,
        earlier: &QuestionBank,
        filled: &mut HashMap<Fact, String>,
    ) {
        self.slug(&with(base, &[seg("id")]), &raw.id, "question");
        self.text(&with(base, &[seg("prompt")]), &raw.prompt);
        self.text(&with(base, &[seg("help")]), &raw.help);
        if let Some(more) = &raw.more_help {
            self.text(&with(base, &[seg("more_help")]), more);
        }
        let kind_path = with(base, &[seg("kind")]);
        match &raw.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                let minimum = if matches!(raw.kind, Kind::Single { .. }) {
                    2
                } else {
                    1
                };
                if options.len() < minimum {
                    let message = format!("question `{}` needs at least {minimum} options", raw.id);
                    self.error(&kind_path, message);
                }
                self.options(&kind_path, &raw.id, options);
                self.exclusive(&kind_path, raw, options);
            }
            Kind::Scale { low, high, .. } => {
                self.text(&with(&kind_path, &[seg("low")]), low);
                self.text(&with(&kind_path, &[seg("high")]), high);
            }
            Kind::Number {
                min,
                max,
                unit,
                unit_forms,
            } => {
                if min > max {
                    let message =
                        format!("question `{}`: `min` {min} is above `max` {max}", raw.id);
                    self.error(&kind_path, message);
                }
                self.text(&with(&kind_path, &[seg("unit")]), unit);
                for (category, form) in unit_forms {
                    let path = with(&kind_path, &[seg("unit_forms"), seg(category)]);
                    if !["one", "other"].contains(&category.as_str()) {
                        let message = format!(
                            "question `{}`: the unit's form `{category}` is not an English plural category; English has `one` and `other`",
                            raw.id
                        );
                        self.error(&path, message);
                    }
                    self.text(&path, form);
                }
            }
            Kind::Text { max_chars } | Kind::Countries { max: max_chars } => {
                if *max_chars == 0 {
                    let message = format!("question `{}` allows no answer at all", raw.id);
                    self.error(&kind_path, message);
                }
            }
        }
        if let Some(fact) = raw.fills {
            self.fact(base, raw, fact, filled);
        } else if let Some(i) = raw.kind_options().iter().position(|o| o.value.is_some()) {
            let message = format!(
                "option value in question `{}` has no effect: the question fills no fact",
                raw.id
            );
            self.error(
                &with(
                    &kind_path,
                    &[seg("options"), Segment::Index(i), seg("value")],
                ),
                message,
            );
        }
        if let Some(condition) = &raw.when {
            let before = self.diagnostics.len();
            self.condition(&with(base, &[seg("when")]), &raw.id, condition, earlier);
            if self.diagnostics.len() > before {
                self.broken_conditions.insert(raw.id.clone());
            }
        }
    }

    /// `exclusive` means something only beside options that are not: in a
    /// single choice every option is exclusive already, and a multiple
    /// choice whose options all are is a single choice.
    fn exclusive(&mut self, kind_path: &[Segment], raw: &RawQuestion, options: &[Choice]) {
        let marked: Vec<usize> = (0..options.len())
            .filter(|&i| options[i].exclusive)
            .collect();
        let Some(&first) = marked.first() else {
            return;
        };
        let path = with(
            kind_path,
            &[seg("options"), Segment::Index(first), seg("exclusive")],
        );
        if matches!(raw.kind, Kind::Single { .. }) {
            let message = format!(
                "option `{}` of question `{}` is marked `exclusive`, which only a multiple choice can use: one option of a single choice rules out the others already",
                options[first].id, raw.id
            );
            self.error(&path, message);
        } else if marked.len() == options.len() {
            let message = format!(
                "every option of question `{}` is `exclusive`, so only one can be ticked: make it a single choice",
                raw.id
            );
            self.error(&path, message);
        }
    }

    fn options(&mut self, kind_path: &[Segment], question: &str, options: &[Choice]) {
        let mut ids = HashSet::new();
        for (i, option) in options.iter().enumerate() {
            let base = with(kind_path, &[seg("options"), Segment::Index(i)]);
            self.slug(&with(&base, &[seg("id")]), &option.id, "option");
            if !ids.insert(option.id.as_str()) {
                let message = format!(
                    "duplicate option id `{}` in question `{question}`",
                    option.id
                );
                self.error(&with(&base, &[seg("id")]), message);
            }
            self.text(&with(&base, &[seg("label")]), &option.label);
            let mut dimensions = HashSet::new();
            for (s, (dimension, score)) in option.scores.iter().enumerate() {
                let path = with(&base, &[seg("scores"), Segment::Index(s)]);
                if *score > 100 {
                    let message = format!(
                        "score {score} for {dimension} is out of range; scores run from 0 to 100"
                    );
                    self.error(&path, message);
                }
                if !dimensions.insert(*dimension) {
                    self.error(&path, format!("{dimension} is scored twice by one option"));
                }
            }
        }
    }

    /// Checks the NUTS code a region option establishes: a code of the
    /// table, in the region's country, and for a partner region the one the
    /// catalogue's summary and landscape assume (`nuts::PARTNER_NUTS`).
    fn region_nuts(&mut self, base: &[Segment], i: usize, region: &Area, nuts: Option<&str>) {
        let path = with(
            base,
            &[seg("kind"), seg("options"), Segment::Index(i), seg("nuts")],
        );
        let expected = crate::catalogue::nuts::partner(region);
        match (nuts, expected) {
            (None, Some(expected)) => self.error(
                &path,
                format!(
                    "the option for `{region}` must establish its NUTS region: add `nuts: \"{expected}\"`"
                ),
            ),
            (None, None) => {}
            (Some(code), expected) => match Area::parse(code) {
                Ok(area @ Area::Nuts(_)) if area.country() != region.country() => {
                    self.error(&path, format!("`{code}` is not in the country of `{region}`"));
                }
                Ok(area @ Area::Nuts(_)) => {
                    if let Some(expected) = expected.filter(|e| *e != area) {
                        self.error(
                            &path,
                            format!("`{region}` is placed in `{expected}` everywhere else; `{code}` disagrees"),
                        );
                    }
                }
                Ok(_) => self.error(&path, format!("`{code}` is not a NUTS code")),
                Err(e) => self.error(&path, e.to_string()),
            },
        }
    }

    /// Checks that the question's kind and option values fit the fact it fills.
    fn fact(
        &mut self,
        base: &[Segment],
        raw: &RawQuestion,
        fact: Fact,
        filled: &mut HashMap<Fact, String>,
    ) {
        let fills_path = with(base, &[seg("fills")]);
        if !matches!(fact, Fact::Region | Fact::Zones) {
            if let Some(first) = filled.get(&fact) {
                let message = format!("{fact:?} is already filled by question `{first}`");
                self.error(&fills_path, message);
            } else {
                filled.insert(fact, raw.id.clone());
            }
        }
        let kind_ok = matches!(
            (fact, &raw.kind),
            (Fact::CompanyName, Kind::Text { .. })
                | (Fact::Country, Kind::Countries { max: 1 })
                | (Fact::Markets, Kind::Countries { .. })
                | (
                    Fact::Employees
                        | Fact::TurnoverThousandEur
                        | Fact::YearsTrading
                        | Fact::ExportShare,
                    Kind::Number { .. },
                )
                | (
                    Fact::Region | Fact::Sector | Fact::Activity,
                    Kind::Single { .. }
                )
                | (
                    Fact::Modes | Fact::Scopes | Fact::SupportInUse | Fact::Memberships,
                    Kind::Multiple { .. }
                )
                | (Fact::Zones, Kind::Single { .. } | Kind::Multiple { .. })
        );
        if !kind_ok {
            let expected = match fact {
                Fact::CompanyName => "a Text question",
                Fact::Country => "a Countries question with `max: 1`",
                Fact::Markets => "a Countries question",
                Fact::Employees
                | Fact::TurnoverThousandEur
                | Fact::YearsTrading
                | Fact::ExportShare => "a Number question",
                Fact::Region | Fact::Sector | Fact::Activity => "a Single choice question",
                Fact::Modes | Fact::Scopes | Fact::SupportInUse | Fact::Memberships => {
                    "a Multiple choice question"
                }
                Fact::Zones => "a Single or Multiple choice question",
            };
            self.error(
                &fills_path,
                format!("{fact:?} must be filled by {expected}"),
            );
            return;
        }
        for (i, option) in raw.kind_options().iter().enumerate() {
            let path = with(
                base,
                &[seg("kind"), seg("options"), Segment::Index(i), seg("value")],
            );
            let fits = match (&option.value, fact) {
                (Some(Value::Mode(_)), Fact::Modes)
                | (Some(Value::Scope(_)), Fact::Scopes)
                | (Some(Value::Sector(_) | Value::Division(_)), Fact::Sector)
                | (Some(Value::Member(_)), Fact::Memberships)
                | (Some(Value::Zones(_)), Fact::Zones)
                | (Some(Value::Activity(_)), Fact::Activity)
                | (Some(Value::Support(_)), Fact::SupportInUse)
                | (None, Fact::Region | Fact::Zones) => true,
                (Some(Value::Region(code)), Fact::Region) => {
                    if let Ok(region @ Area::Subdivision(_)) = Area::parse(code) {
                        self.region_nuts(base, i, &region, option.nuts.as_deref());
                    } else {
                        let message = format!("`{code}` is not an ISO 3166-2 subdivision code");
                        self.error(&path, message);
                    }
                    true
                }
                _ => false,
            };
            if option.nuts.is_some() && !matches!(option.value, Some(Value::Region(_))) {
                let path = with(
                    base,
                    &[seg("kind"), seg("options"), Segment::Index(i), seg("nuts")],
                );
                self.error(
                    &path,
                    "`nuts` belongs only to an option with a `Region` value".to_owned(),
                );
            }
            if !fits {
                let message = format!(
                    "option `{}` of question `{}` needs a value that fits {fact:?}",
                    option.id, raw.id
                );
                self.error(&path, message);
            }
        }
    }

    /// A question of the short check may depend only on questions of the
    /// short check: asked alone, the check would never see the others'
    /// answers, so the question would never (or always) be asked.
    fn short_condition(&mut self, base: &[Segment], raw: &RawQuestion, earlier: &QuestionBank) {
        fn named<'c>(condition: &'c Condition, out: &mut Vec<&'c str>) {
            match condition {
                Condition::Chosen(target, _) | Condition::Answered(target) => out.push(target),
                Condition::AnyOf(all) | Condition::AllOf(all) => {
                    for inner in all {
                        named(inner, out);
                    }
                }
                Condition::Not(inner) => named(inner, out),
            }
        }
        let mut targets = Vec::new();
        if let Some(when) = &raw.when {
            named(when, &mut targets);
        }
        for target in targets {
            if earlier.question(target).is_some_and(|q| !q.short) {
                let message = format!(
                    "question `{}` is in the short check but its condition names `{target}`, which is not; mark `{target}` `short: true` too",
                    raw.id
                );
                self.error(&with(base, &[seg("when")]), message);
            }
        }
    }

    fn condition(
        &mut self,
        path: &[Segment],
        question: &str,
        condition: &Condition,
        earlier: &QuestionBank,
    ) {
        match condition {
            Condition::Chosen(target, option) => {
                let Some(target_question) = self.referenced(path, question, target, earlier) else {
                    return;
                };
                let known = match &target_question.kind {
                    Kind::Single { .. } | Kind::Multiple { .. } => {
                        target_question.option(option).is_some()
                    }
                    Kind::Countries { .. } => matches!(Area::parse(option), Ok(Area::Country(_))),
                    _ => {
                        let message = format!(
                            "condition of `{question}` looks for option `{option}` in `{target}`, which has no options"
                        );
                        self.error(path, message);
                        return;
                    }
                };
                if !known {
                    let message = format!(
                        "condition of `{question}` names option `{option}`, which question `{target}` does not have"
                    );
                    self.error(path, message);
                }
            }
            Condition::Answered(target) => {
                self.referenced(path, question, target, earlier);
            }
            Condition::AnyOf(all) | Condition::AllOf(all) => {
                for (i, inner) in all.iter().enumerate() {
                    self.condition(&with(path, &[Segment::Index(i)]), question, inner, earlier);
                }
            }
            Condition::Not(inner) => self.condition(path, question, inner, earlier),
        }
    }

    /// The earlier question a condition names, or an error.
    fn referenced<'b>(
        &mut self,
        path: &[Segment],
        question: &str,
        target: &str,
        earlier: &'b QuestionBank,
    ) -> Option<&'b Question> {
        let found = earlier.question(target);
        if found.is_none() {
            let message = if target == question {
                format!("the condition of `{question}` names the question itself")
            } else {
                format!(
                    "the condition of `{question}` names question `{target}`, which is not an earlier question"
                )
            };
            self.error(path, message);
        }
        found
    }

    /// Reports questions that no combination of answers can make visible.
    fn reachability(&mut self, raw: &RawBank, bank: &QuestionBank) {
        let mut reachable: HashSet<&str> = HashSet::new();
        let mut index = 0;
        for (s, section) in raw.sections.iter().enumerate() {
            for (q, question) in section.questions.iter().enumerate() {
                let ok = self.broken_conditions.contains(&question.id)
                    || question
                        .when
                        .as_ref()
                        .is_none_or(|c| satisfiable(c, bank, &reachable));
                if ok {
                    reachable.insert(&bank.questions[index].id);
                } else {
                    let path = [
                        seg("sections"),
                        Segment::Index(s),
                        seg("questions"),
                        Segment::Index(q),
                        seg("when"),
                    ];
                    let message = format!(
                        "question `{}` can never be asked: no answers make its condition true",
                        question.id
                    );
                    self.error(&path, message);
                }
                index += 1;
            }
        }
    }
}

impl RawQuestion {
    fn kind_options(&self) -> &[Choice] {
        match &self.kind {
            Kind::Single { options } | Kind::Multiple { options } => options,
            _ => &[],
        }
    }
}

/// The most answer combinations tried when deciding whether a condition can
/// hold; beyond it a condition is assumed satisfiable rather than reported.
const MAX_COMBINATIONS: usize = 4096;

/// Whether some answers to the questions a condition names make it true.
/// Unreachable questions can only be unanswered.
fn satisfiable(condition: &Condition, bank: &QuestionBank, reachable: &HashSet<&str>) -> bool {
    let mut names = Vec::new();
    collect_questions(condition, &mut names);
    names.sort_unstable();
    names.dedup();
    // Every possible answer of each named question, "unanswered" included.
    let mut domains: Vec<(&str, Vec<Option<Answer>>)> = Vec::new();
    for name in names {
        let mut domain: Vec<Option<Answer>> = vec![None];
        if let (Some(question), true) = (bank.question(name), reachable.contains(name)) {
            domain.extend(possible_answers(question, condition).into_iter().map(Some));
        }
        domains.push((name, domain));
    }
    let combinations = domains
        .iter()
        .try_fold(1usize, |n, (_, d)| n.checked_mul(d.len()));
    if combinations.is_none_or(|n| n > MAX_COMBINATIONS) {
        return true;
    }
    let mut choice = vec![0usize; domains.len()];
    loop {
        let lookup = |id: &str| {
            domains
                .iter()
                .zip(&choice)
                .find(|((name, _), _)| *name == id)
                .and_then(|((_, domain), &i)| domain[i].as_ref())
        };
        if holds(condition, &lookup) {
            return true;
        }
        // Next combination, odometer-style.
        let mut position = 0;
        loop {
            if position == domains.len() {
                return false;
            }
            choice[position] += 1;
            if choice[position] < domains[position].1.len() {
                break;
            }
            choice[position] = 0;
            position += 1;
        }
    }
}

fn collect_questions<'c>(condition: &'c Condition, out: &mut Vec<&'c str>) {
    match condition {
        Condition::Chosen(question, _) | Condition::Answered(question) => out.push(question),
        Condition::AnyOf(all) | Condition::AllOf(all) => {
            for inner in all {
                collect_questions(inner, out);
            }
        }
        Condition::Not(inner) => collect_questions(inner, out),
    }
}

/// The answers of a question worth trying for a condition: each option alone
/// and each pair for multiple choice, the countries the condition names plus
/// one other for countries questions, any value for the rest.
fn possible_answers(question: &Question, condition: &Condition) -> Vec<Answer> {
    match &question.kind {
        Kind::Single { options } => options
            .iter()
            .map(|o| Answer::Choice(o.id.clone()))
            .collect(),
        Kind::Multiple { options } => {
            let mut answers: Vec<Answer> = Vec::new();
            for (i, a) in options.iter().enumerate() {
                answers.push(Answer::Choices(vec![a.id.clone()]));
                for b in &options[i + 1..] {
                    answers.push(Answer::Choices(vec![a.id.clone(), b.id.clone()]));
                }
            }
            answers
        }
        Kind::Countries { .. } => {
            let mut named = Vec::new();
            countries_named(condition, &question.id, &mut named);
            let mut answers: Vec<Answer> = named
                .iter()
                .map(|c| Answer::Countries(vec![c.clone()]))
                .collect();
            answers.push(Answer::Countries(vec!["ZZ-other".to_owned()]));
            answers
        }
        Kind::Scale { .. } => vec![Answer::Scale(3)],
        Kind::Number { min, .. } => vec![Answer::Number(*min)],
        Kind::Text { .. } => vec![Answer::Text("x".to_owned())],
    }
}

fn countries_named(condition: &Condition, question: &str, out: &mut Vec<String>) {
    match condition {
        Condition::Chosen(q, option) if q == question => out.push(option.clone()),
        Condition::Chosen(..) | Condition::Answered(_) => {}
        Condition::AnyOf(all) | Condition::AllOf(all) => {
            for inner in all {
                countries_named(inner, question, out);
            }
        }
        Condition::Not(inner) => countries_named(inner, question, out),
    }
}
