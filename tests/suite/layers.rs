//! The crate has a floor: every module sits on a layer and imports only from
//! its own layer or the ones below, and no files import each other in a
//! circle. Read from the source text, so a new back-up import fails here
//! naming the file, the line and the path it takes.
//!
//! The layers, bottom to top (README, "Layout"):
//! shared (diagnostics, number reading and writing, printable text) → model
//! (types and reading) → calc (the one arithmetic) → analyses → report (one
//! module per output format) → commands (the only place that prints or picks
//! an exit code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of `src/`, on its layer, bottom first.
const LAYERS: &[(&str, &[&str])] = &[
    ("shared", &["diagnostic", "format", "number", "printable"]),
    ("model", &["model"]),
    ("calc", &["calc"]),
    (
        "analyses",
        &[
            "check",
            "compare",
            "import",
            "json_schema",
            "scenario",
            "sensitivity",
            "simulate",
        ],
    ),
    ("report", &["report"]),
    (
        "commands",
        &[
            "cli",
            "cli_values",
            "commands",
            "exit",
            "fuzz",
            "lib",
            "output",
        ],
    ),
];

/// Writing to the terminal or ending the process: commands alone do either.
/// The macros are matched as whole names (`eprintln!` is not `println!`).
const PRINTING_MACROS: &[&str] = &["print!(", "println!(", "eprint!(", "eprintln!("];
const PRINTING_CALLS: &[&str] = &["process::exit(", "io::stdout(", "io::stderr("];

/// One `src/` file, as a module of the crate.
struct File {
    /// `src/model/load.rs`, as it is named in a failure.
    name: String,
    /// `["model", "load"]`; empty for `lib.rs`.
    module: Vec<String>,
    /// The text with comments, strings and character literals blanked out,
    /// newlines kept, so what remains is code and lines still count true.
    code: String,
}

/// One file's use of another: where it is and the path as written.
#[derive(Clone)]
struct Import {
    from: usize,
    to: usize,
    line: usize,
    path: String,
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let files = read_sources();
    let imports = imports(&files);
    let mut faults = Vec::new();
    for import in &imports {
        let (from, to) = (&files[import.from], &files[import.to]);
        let (below, above) = (layer_of(from), layer_of(to));
        if above > below {
            faults.push(format!(
                "{}:{}: `{}` runs up from {} to {}",
                from.name, import.line, import.path, LAYERS[below].0, LAYERS[above].0
            ));
        }
    }
    assert!(
        faults.is_empty(),
        "imports up a layer:\n{}",
        faults.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let files = read_sources();
    // A file may lean on the face of a module that holds it (`super::Model`
    // from `model/load.rs`): the face declares its parts and hands their
    // names on, and that is one module, not a circle.
    let imports: Vec<Import> = imports(&files)
        .into_iter()
        .filter(|import| {
            !files[import.from]
                .module
                .starts_with(&files[import.to].module)
        })
        .collect();
    let faults = circles(files.len(), &imports, |index| index)
        .into_iter()
        .map(|circle| describe(&files, &imports, &circle, |index| index))
        .collect::<Vec<_>>();
    assert!(faults.is_empty(), "file circles:\n{}", faults.join("\n"));
}

/// Within one layer modules may lean on each other, but only one way: two
/// modules that reach each other through any of their files are one concept
/// split in two, or a layer missing between them.
#[test]
fn no_top_level_modules_reach_each_other() {
    let files = read_sources();
    let imports = imports(&files);
    let tops: Vec<&str> = files.iter().map(top).collect();
    let names: Vec<&str> = tops
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index_of = |file: usize| {
        names
            .iter()
            .position(|name| *name == tops[file])
            .unwrap_or(0)
    };
    // Every circle of modules holds at least one import that does not run
    // down a layer; those are the ones named.
    let sideways: Vec<Import> = imports
        .iter()
        .filter(|import| layer_of(&files[import.to]) >= layer_of(&files[import.from]))
        .cloned()
        .collect();
    let faults = circles(names.len(), &imports, index_of)
        .into_iter()
        .map(|circle| {
            let members: Vec<&str> = circle.iter().map(|index| names[*index]).collect();
            let named = describe(&files, &sideways, &circle, index_of);
            format!("{}: {named}", members.join(", "))
        })
        .collect::<Vec<_>>();
    assert!(faults.is_empty(), "module circles:\n{}", faults.join("\n"));
}

#[test]
fn only_commands_print_or_exit() {
    let files = read_sources();
    let commands = LAYERS.len() - 1;
    let mut faults = Vec::new();
    for file in files.iter().filter(|file| layer_of(file) < commands) {
        for (line, text) in file.code.lines().enumerate() {
            let macros = PRINTING_MACROS.iter().filter(|name| {
                text.match_indices(**name)
                    .any(|(at, _)| !text[..at].ends_with(is_word))
            });
            let calls = PRINTING_CALLS.iter().filter(|call| text.contains(**call));
            for call in macros.chain(calls) {
                faults.push(format!("{}:{}: {call}", file.name, line + 1));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "printing below commands:\n{}",
        faults.join("\n")
    );
}

/// The reader itself, on a file written to hold every form it must see
/// through: a path in a comment or a string is no import, a group is one
/// import per member, and `super` and a child's name are imports too.
#[test]
fn the_reader_finds_every_form_of_import() {
    let text = "// use crate::report::text;\n\
                use crate::{calc::{self, Results}, model::Model};\n\
                const NOTE: &str = \"crate::scenario\";\n\
                use super::sibling::Thing;\n\
                fn f() { let c = '{'; child::run(); crate::diagnostic::Span::default(); }\n";
    let code = blank_comments_and_strings(text);
    assert!(
        !code.contains("report") && !code.contains("scenario"),
        "{code}"
    );
    let found: Vec<(usize, String)> = paths(&code, &["child".to_owned()])
        .into_iter()
        .map(|(line, base, path)| (line, format!("{base:?} {}", path.join("::"))))
        .collect();
    let expected = [
        (2, "Crate calc"),
        (2, "Crate calc::Results"),
        (2, "Crate model::Model"),
        (4, "Super(1) sibling::Thing"),
        (5, "Child child::run"),
        (5, "Crate diagnostic::Span::default"),
    ];
    let expected: Vec<(usize, String)> = expected
        .iter()
        .map(|(line, path)| (*line, (*path).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

fn layer_of(file: &File) -> usize {
    let name = top(file);
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&name))
        .unwrap_or_else(|| panic!("{}: module `{name}` has no layer in LAYERS", file.name))
}

fn top(file: &File) -> &str {
    file.module.first().map_or("lib", String::as_str)
}

fn read_sources() -> Vec<File> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect_rust_files(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        // `main.rs` is the binary's own crate: its `crate::` is not the library.
        .filter(|path| path != &src.join("main.rs"))
        .map(|path| {
            let relative = path.strip_prefix(&src).unwrap_or(&path);
            let mut module: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if module
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            File {
                name: format!("src/{}", relative.display()),
                module,
                code: blank_comments_and_strings(&text),
            }
        })
        .collect()
}

fn collect_rust_files(directory: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, into);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            into.push(path);
        }
    }
}

/// Where a path starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    /// `crate::` (or `$crate::` in a macro).
    Crate,
    /// `super::`, so many times over.
    Super(usize),
    /// `self::`.
    SelfModule,
    /// A module the file declares with `mod name;`, named bare.
    Child,
}

/// Every file-to-file import, found by resolving each path to the deepest
/// module that has a file of its own.
fn imports(files: &[File]) -> Vec<Import> {
    let by_module: BTreeMap<&[String], usize> = files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.module.as_slice(), index))
        .collect();
    let mut imports = Vec::new();
    for (from, file) in files.iter().enumerate() {
        let children = children(file, &by_module);
        for (line, base, path) in paths(&file.code, &children) {
            let mut module: Vec<String> = match base {
                Base::Crate => Vec::new(),
                Base::Super(times) => {
                    let keep = file.module.len().saturating_sub(times);
                    file.module[..keep].to_vec()
                }
                Base::SelfModule | Base::Child => file.module.clone(),
            };
            let mut to = by_module.get(module.as_slice()).copied();
            for segment in &path {
                module.push(segment.clone());
                match by_module.get(module.as_slice()) {
                    Some(&deeper) => to = Some(deeper),
                    None => break,
                }
            }
            if let Some(to) = to.filter(|to| *to != from) {
                let written = match base {
                    Base::Crate => format!("crate::{}", path.join("::")),
                    Base::Super(times) => format!("{}{}", "super::".repeat(times), path.join("::")),
                    Base::SelfModule => format!("self::{}", path.join("::")),
                    Base::Child => path.join("::"),
                };
                imports.push(Import {
                    from,
                    to,
                    line,
                    path: written,
                });
            }
        }
    }
    imports
}

/// The modules a file declares (`mod name;`) that have files of their own.
fn children(file: &File, by_module: &BTreeMap<&[String], usize>) -> Vec<String> {
    let mut children = Vec::new();
    for pair in file.code.split_whitespace().collect::<Vec<_>>().windows(2) {
        if pair[0] == "mod" {
            let name = pair[1].trim_end_matches(';');
            let mut module = file.module.clone();
            module.push(name.to_owned());
            if pair[1].ends_with(';') && by_module.contains_key(module.as_slice()) {
                children.push(name.to_owned());
            }
        }
    }
    children
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path in the code that leaves the file: `(line, base, segments)`.
/// A `use` group is read as one path per member.
fn paths(code: &str, children: &[String]) -> Vec<(usize, Base, Vec<String>)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let starts_word = at == 0 || !(is_word(chars[at - 1]) || chars[at - 1] == ':');
        if !starts_word || !is_word(chars[at]) {
            at += 1;
            continue;
        }
        let start = at;
        let first = word(&chars, &mut at);
        if !followed_by_path(&chars, at) {
            continue;
        }
        let base = match first.as_str() {
            "crate" => Base::Crate,
            "self" => Base::SelfModule,
            "super" => {
                let mut times = 1;
                loop {
                    let mut probe = at + 2;
                    if word(&chars, &mut probe) == "super" && followed_by_path(&chars, probe) {
                        at = probe;
                        times += 1;
                    } else {
                        break;
                    }
                }
                Base::Super(times)
            }
            name if children.iter().any(|child| child == name) => {
                at = start;
                Base::Child
            }
            _ => continue,
        };
        let line = chars[..start].iter().filter(|c| **c == '\n').count() + 1;
        if base != Base::Child {
            at += 2;
        }
        let mut trees = Vec::new();
        tree(&chars, &mut at, Vec::new(), &mut trees);
        found.extend(trees.into_iter().map(|path| (line, base, path)));
    }
    found
}

/// One use tree from `at`: `a::b`, `a::{b, c::d}`, `a::*`, `a::{self, b}`.
fn tree(chars: &[char], at: &mut usize, prefix: Vec<String>, into: &mut Vec<Vec<String>>) {
    skip_space(chars, at);
    if chars.get(*at) == Some(&'{') {
        *at += 1;
        loop {
            skip_space(chars, at);
            match chars.get(*at) {
                None => return,
                Some('}') => {
                    *at += 1;
                    return;
                }
                Some(',') => *at += 1,
                Some(_) => {
                    let before = *at;
                    tree(chars, at, prefix.clone(), into);
                    if *at == before {
                        *at += 1;
                    }
                }
            }
        }
    }
    let mut path = prefix;
    loop {
        skip_space(chars, at);
        let segment = word(chars, at);
        if segment.is_empty() {
            // `*` or nothing: the path so far.
            break;
        }
        if segment != "self" {
            path.push(segment);
        }
        skip_space(chars, at);
        if !followed_by_path(chars, *at) {
            break;
        }
        *at += 2;
        skip_space(chars, at);
        if chars.get(*at) == Some(&'{') {
            tree(chars, at, path, into);
            return;
        }
    }
    if !path.is_empty() {
        into.push(path);
    }
}

fn word(chars: &[char], at: &mut usize) -> String {
    let start = *at;
    while chars.get(*at).is_some_and(|c| is_word(*c)) {
        *at += 1;
    }
    chars[start..*at].iter().collect()
}

fn followed_by_path(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':')
}

fn skip_space(chars: &[char], at: &mut usize) {
    while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
        *at += 1;
    }
}

/// Blank out comments, string and character literals (keeping newlines), so
/// that a path written in a doc comment or a message is not read as code.
fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while at < chars.len() {
        let rest = &chars[at..];
        if rest.starts_with(&['/', '/']) {
            while at < chars.len() && chars[at] != '\n' {
                out.push(' ');
                at += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            let mut depth = 0;
            while at < chars.len() {
                if chars[at..].starts_with(&['/', '*']) {
                    depth += 1;
                    out.push_str("  ");
                    at += 2;
                } else if chars[at..].starts_with(&['*', '/']) {
                    depth -= 1;
                    out.push_str("  ");
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[at]));
                    at += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&chars, at) {
            // r"..." or r#"..."#, possibly with a b before the r.
            let closing: Vec<char> = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            while at < chars.len() && chars[at] != '"' {
                out.push(' ');
                at += 1;
            }
            out.push(' ');
            at += 1;
            while at < chars.len() && !chars[at..].starts_with(&closing) {
                out.push(blank(chars[at]));
                at += 1;
            }
            for _ in 0..closing.len().min(chars.len() - at) {
                out.push(' ');
                at += 1;
            }
        } else if chars[at] == '"' {
            out.push(' ');
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                let step = if chars[at] == '\\' { 2 } else { 1 };
                for offset in 0..step {
                    if let Some(c) = chars.get(at + offset) {
                        out.push(blank(*c));
                    }
                }
                at += step;
            }
            out.push(' ');
            at += 1;
        } else if chars[at] == '\'' && is_char_literal(&chars, at) {
            out.push(' ');
            at += 1;
            while at < chars.len() && chars[at] != '\'' {
                let step = if chars[at] == '\\' { 2 } else { 1 };
                for _ in 0..step.min(chars.len() - at) {
                    out.push(' ');
                }
                at += step;
            }
            out.push(' ');
            at += 1;
        } else {
            out.push(chars[at]);
            at += 1;
        }
    }
    out
}

/// At `r"`, `r#"`, `br"` (not inside a word): how many `#` the string uses.
fn raw_string_start(chars: &[char], at: usize) -> Option<usize> {
    if at > 0 && is_word(chars[at - 1]) {
        return None;
    }
    let mut probe = at;
    if chars.get(probe) == Some(&'b') {
        probe += 1;
    }
    if chars.get(probe) != Some(&'r') {
        return None;
    }
    probe += 1;
    let hashes = chars[probe..].iter().take_while(|c| **c == '#').count();
    (chars.get(probe + hashes) == Some(&'"')).then_some(hashes)
}

/// `'x'` or `'\n'` is a character; `'a` in `&'a str` is a lifetime.
fn is_char_literal(chars: &[char], at: usize) -> bool {
    match chars.get(at + 1) {
        Some('\\') => true,
        Some(_) => chars.get(at + 2) == Some(&'\''),
        None => false,
    }
}

/// The circles of a graph of imports seen through `node` (a file, or its
/// top-level module): each strongly connected set of more than one node, by
/// Tarjan's algorithm.
fn circles(nodes: usize, imports: &[Import], node: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
    let mut next: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); nodes];
    for import in imports {
        let (from, to) = (node(import.from), node(import.to));
        if from != to {
            next[from].insert(to);
        }
    }
    let mut state = Tarjan {
        next,
        index: vec![None; nodes],
        low: vec![0; nodes],
        on_stack: vec![false; nodes],
        stack: Vec::new(),
        counter: 0,
        circles: Vec::new(),
    };
    for start in 0..nodes {
        if state.index[start].is_none() {
            state.visit(start);
        }
    }
    state.circles
}

struct Tarjan {
    next: Vec<BTreeSet<usize>>,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    counter: usize,
    circles: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.counter);
        self.low[node] = self.counter;
        self.counter += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for next in self.next[node].clone() {
            match self.index[next] {
                None => {
                    self.visit(next);
                    self.low[node] = self.low[node].min(self.low[next]);
                }
                Some(index) if self.on_stack[next] => self.low[node] = self.low[node].min(index),
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let mut circle = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                circle.push(member);
                if member == node {
                    break;
                }
            }
            if circle.len() > 1 {
                circle.sort_unstable();
                self.circles.push(circle);
            }
        }
    }
}

/// A circle as the imports that close it, one `file:line: path` a line.
fn describe(
    files: &[File],
    imports: &[Import],
    circle: &[usize],
    node: impl Fn(usize) -> usize,
) -> String {
    let mut lines = vec![format!(
        "a circle of {} (each import inside it):",
        circle.len()
    )];
    for import in imports {
        let (from, to) = (node(import.from), node(import.to));
        if from != to && circle.contains(&from) && circle.contains(&to) {
            lines.push(format!(
                "  {}:{}: `{}` ({})",
                files[import.from].name, import.line, import.path, files[import.to].name
            ));
        }
    }
    lines.join("\n")
}
