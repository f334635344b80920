//! The `kg` binary: a thin shell around [`kg::run::main`].

fn main() -> std::process::ExitCode {
    kg::run::main()
}

/// Notes whether standard output was closed at start (`kg export >&-`).
/// The Rust runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null`
/// before `main`, after which output would vanish with status 0; an
/// initializer in `.init_array` runs before the runtime does.
#[cfg(unix)]
extern "C" fn note_closed_stdout() {
    // SAFETY: F_GETFD only asks about the descriptor; -1 means it is not open.
    kg::terminal::set_stdout_closed(unsafe { libc::fcntl(1, libc::F_GETFD) } == -1);
}

#[cfg(all(unix, not(target_vendor = "apple")))]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

#[cfg(target_vendor = "apple")]
#[used]
#[unsafe(link_section = "__DATA,__mod_init_func")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;
