//! What a word-table lookup costs, in instructions (count them with
//! callgrind; nothing here is timed):
//!
//! ```sh
//! cargo build --profile profiling --example wordclass_cost
//! for n in 0 1000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/profiling/examples/wordclass_cost lookup $n 2>&1 | grep refs
//! done
//! ```
//!
//! The difference between the two runs, divided by 1000 rounds of the
//! words below, is the cost of one call. Modes: `lookup` (words the table
//! has), `inflected` (forms read through their lemma), `absent` (typos and
//! rare words: every rule is tried), `collocation` (a question's words,
//! each tried as the start of an expression).

use kg::ask::wordclass;

const PRESENT: &[&str] = &[
    "day",
    "against",
    "found",
    "listed",
    "stabbing",
    "dairy",
    "rn",
    "lol",
    "comfy",
    "principal",
    "regarded",
    "teenager",
    "kid",
    "sip",
    "pregnant",
    "creatine",
    "mattress",
    "insurance",
    "price",
    "massage",
    "spinal",
    "the",
    "a",
    "zoo",
];
const INFLECTED: &[&str] = &["spasming", "stabbed", "cramping", "relaxers", "twinging", "physios"];
const ABSENT: &[&str] = &["spsm", "acetominophen", "musle", "docter", "streching", "symtoms", "cortizone", "xyzzy"];
const QUESTION: &[&str] = &[
    "my",
    "kid",
    "has",
    "kidney",
    "stones",
    "and",
    "is",
    "throwing",
    "up",
    "can",
    "i",
    "give",
    "him",
    "ibuprofen",
    "for",
    "the",
    "back",
    "spasm",
    "lol",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "lookup".into());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let mut found = 0usize;
    for _ in 0..rounds {
        match mode.as_str() {
            "lookup" | "inflected" | "absent" => {
                let words = match mode.as_str() {
                    "lookup" => PRESENT,
                    "inflected" => INFLECTED,
                    _ => ABSENT,
                };
                for w in words {
                    found += usize::from(wordclass::lookup(std::hint::black_box(w)).is_some());
                }
            }
            "collocation" => {
                for i in 0..QUESTION.len() {
                    found += usize::from(wordclass::collocation(std::hint::black_box(&QUESTION[i..])).is_some());
                }
            }
            other => {
                eprintln!("error: unknown mode {other:?} (lookup, inflected, absent, collocation)");
                std::process::exit(2);
            }
        }
    }
    println!("{found}");
}
