//! Shell completion scripts (`kg completions SHELL`): clap_complete's
//! scripts, with the values a shell should offer filled in from the graph
//! in force (node ids after `show`, `path` and `--focus`, each with its name
//! where the shell shows one; kinds and relations).
//!
//! A node's name is data from whoever wrote the graph, and a completion
//! script is code that the user's shell runs, when it is sourced and again
//! on every Tab. clap_complete quotes descriptions for its own strings, not
//! for hostile ones (zsh evaluates its `((value:"description"))` lists and
//! clap does not escape `"` there; fish's `-a "..."` lists run `$(...)`
//! when sourced), so descriptions never reach clap: it gets a placeholder
//! for each, and the placeholder is replaced by the text quoted for every
//! layer that shell reads it through ([`zsh_description`],
//! [`fish_description`]). Ids are offered only when they are kebab-case
//! (which `kg check` enforces; a hand-made compiled graph could hold
//! anything), because bash runs its word lists through expansion.

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::graph::Graph;
use crate::model::{Kind, Relation};
use crate::text::is_kebab_case;

/// What stands in for description `i` in the script clap writes: letters,
/// digits and `_`, which no shell's quoting changes, and no prefix of
/// another placeholder.
const PLACEHOLDER: &str = "KG_DESCRIPTION_";

fn placeholder(i: usize) -> String {
    format!("{PLACEHOLDER}{i}_")
}

/// The completion script for `shell`, offering the nodes of `g`.
pub fn script(g: &Graph, shell: Shell) -> Vec<u8> {
    let (mut command, descriptions) = completion_command(g);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "kg", &mut out);
    let text = String::from_utf8_lossy(&out);
    let quote: fn(&str) -> String = match shell {
        Shell::Zsh => zsh_description,
        Shell::Fish => fish_description,
        // Bash, elvish and PowerShell show no descriptions of values, so
        // there is nothing to replace; any placeholder left is a bug the
        // tests catch, and it is inert there.
        _ => |_| String::new(),
    };
    let mut script = fill(&text, |i| quote(&descriptions[i]));
    if shell == Shell::Fish {
        script.push_str(&fish_positionals(g));
    }
    script.into_bytes()
}

/// `text` with every placeholder replaced by `with(i)`.
fn fill(text: &str, with: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match (after[..digits].parse::<usize>(), after.as_bytes().get(digits)) {
            (Ok(i), Some(b'_')) => {
                out.push_str(&with(i));
                rest = &after[digits + 1..];
            }
            _ => {
                out.push_str(PLACEHOLDER);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The node ids a shell may offer, sorted, each with its name.
fn node_ids(g: &Graph) -> Vec<(&str, &str)> {
    let mut ids: Vec<(&str, &str)> =
        g.nodes().map(|ix| (g.node(ix).id, g.node(ix).name)).filter(|(id, _)| is_kebab_case(id)).collect();
    ids.sort_unstable();
    ids
}

/// The command line as clap knows it, with the values a shell should offer
/// filled in from the graph: node ids after `show`, `path` and `--focus`;
/// kinds and relations. Each value's help is a placeholder; the second
/// part holds the descriptions they stand for, by number.
pub fn completion_command(g: &Graph) -> (clap::Command, Vec<String>) {
    let mut descriptions = Vec::new();
    let mut value = |name: &str, help: &str| {
        descriptions.push(help.to_string());
        PossibleValue::new(name.to_string()).help(placeholder(descriptions.len() - 1))
    };
    let nodes: Vec<PossibleValue> = node_ids(g).into_iter().map(|(id, name)| value(id, name)).collect();
    let kinds: Vec<PossibleValue> = Kind::ALL.iter().map(|k| value(k.as_str(), k.describe())).collect();
    let relations: Vec<PossibleValue> = Relation::ALL.iter().map(|r| value(r.as_str(), r.describe())).collect();
    let schema = [value("kinds", "every kind of node"), value("relations", "every relation")];
    let listable: Vec<PossibleValue> = kinds.iter().cloned().chain(schema).collect();
    let values = |v: &[PossibleValue]| PossibleValuesParser::new(v.to_vec());
    let command = Cli::command()
        .mut_subcommand("show", |c| c.mut_arg("node", |a| a.value_parser(values(&nodes))))
        .mut_subcommand("path", |c| c.mut_arg("nodes", |a| a.value_parser(values(&nodes))))
        .mut_subcommand("list", |c| c.mut_arg("kind", |a| a.value_parser(values(&listable))))
        .mut_subcommand("dot", |c| {
            c.mut_arg("focus", |a| a.value_parser(values(&nodes)))
                .mut_arg("kinds", |a| a.value_parser(values(&kinds)))
                .mut_arg("relations", |a| a.value_parser(values(&relations)))
        });
    (command, descriptions)
}

/// A description as a shell should show it: control characters escaped as
/// everywhere else (`\x1b`), and line ends and tabs as spaces (each value
/// is one line of a menu).
fn shown(text: &str) -> String {
    crate::terminal::safe(text, false).replace(['\n', '\t'], " ")
}

/// A description in clap's zsh script, where it sits in
/// `'... ((id\:"DESCRIPTION" ...))'`, after `show` as after `--focus`.
/// zsh reads it through four layers, outermost first, so they are quoted
/// for innermost first:
/// 1. `_describe` takes a backslash as quoting the next character: `\` is
///    written `\\` (a colon needs nothing after the first, the id's);
/// 2. `_arguments` evaluates the list in double quotes: `\`, `"`, `$` and
///    `` ` `` get a backslash (so backslashes now come in pairs);
/// 3. before that, `_arguments` parses the spec: an option's action ends at
///    a colon that no backslash quotes, and then every backslash just
///    before a colon is dropped: each colon gets one;
/// 4. the script holds it all in single quotes: `'` is written `'\''`.
pub fn zsh_description(text: &str) -> String {
    let described = shown(text).replace('\\', "\\\\");
    let mut out = String::with_capacity(described.len() + 8);
    for c in described.chars() {
        match c {
            '\\' | '"' | '$' | '`' | ':' => out.push('\\'),
            '\'' => {
                out.push_str("'\\''");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A description in clap's fish script, where it sits in
/// `-a "id\t'DESCRIPTION' ..."`. fish reads the double quotes when the
/// script is sourced (`\`, `"` and `$` get a backslash, so no `$(...)`
/// runs), then expands the list on every Tab, where the single quotes keep
/// it literal (`\` and `'` get a backslash).
pub fn fish_description(text: &str) -> String {
    let single = shown(text).replace('\\', "\\\\").replace('\'', "\\'");
    fish_double(&single)
}

/// `text` for the inside of a fish double-quoted string.
fn fish_double(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '"' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Lines clap's fish script lacks: the values of positional arguments
/// (node ids after `show` and `path`, kinds after `list`), which it leaves
/// to file names.
fn fish_positionals(g: &Graph) -> String {
    let list = |values: &mut dyn Iterator<Item = (&str, &str)>| {
        values.map(|(v, help)| format!("{v}\\t'{}'", fish_description(help))).collect::<Vec<_>>().join("\n")
    };
    let nodes = list(&mut node_ids(g).into_iter());
    let kinds = list(
        &mut Kind::ALL
            .iter()
            .map(|k| (k.as_str(), k.describe()))
            .chain([("kinds", "every kind of node"), ("relations", "every relation")]),
    );
    let mut out = String::from("\n# Node ids and kinds for the arguments of show, path and list.\n");
    for (command, values) in [("show", &nodes), ("path", &nodes), ("list", &kinds)] {
        out.push_str(&format!("complete -c kg -n \"__fish_kg_using_subcommand {command}\" -f -a \"{values}\"\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_and_nothing_else() {
        let text =
            format!("a {} b {}{} KG_DESCRIPTION_x {PLACEHOLDER}", placeholder(1), placeholder(10), placeholder(2));
        let filled = fill(&text, |i| format!("<{i}>"));
        assert_eq!(filled, format!("a <1> b <10><2> KG_DESCRIPTION_x {PLACEHOLDER}"));
    }

    #[test]
    fn descriptions_are_quoted_for_each_layer() {
        assert_eq!(zsh_description("plain words"), "plain words");
        assert_eq!(zsh_description(r#"a"$(x)`y`"#), r#"a\"\$(x)\`y\`"#);
        assert_eq!(zsh_description("it's"), "it'\\''s");
        assert_eq!(zsh_description(r"a\:b"), r"a\\\\\:b");
        assert_eq!(zsh_description("a:b"), r"a\:b");
        assert_eq!(zsh_description("a\nb\x1b"), "a b\\\\\\\\x1b");
        assert_eq!(fish_description("plain words"), "plain words");
        assert_eq!(fish_description(r#"it's $(x) "q" \"#), r#"it\\'s \$(x) \"q\" \\\\"#);
    }

    /// A compiled graph is not checked on opening, so its ids may be
    /// anything; bash expands its word lists, so only kebab-case ids go in.
    #[test]
    fn ids_that_are_not_kebab_case_are_left_out() {
        let mut data = crate::bundled::data().expect("the bundled graph");
        let hostile = "$(touch /tmp/kg-pwned)";
        data.nodes[0].id = hostile.into();
        let g = Graph::new(data);
        assert!(!node_ids(&g).iter().any(|(id, _)| *id == hostile));
        assert!(node_ids(&g).len() > 100, "the rest are offered");
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let text = String::from_utf8(script(&g, shell)).expect("UTF-8");
            assert!(!text.contains("touch /tmp/kg-pwned"), "{shell}");
            assert!(text.contains("ice-pack"), "{shell}");
        }
    }
}
