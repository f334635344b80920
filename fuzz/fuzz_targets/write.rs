//! The file writer on arbitrary bytes and targets: nothing, a regular file
//! with some mode, a symbolic link to one, a dangling link, a file with a
//! second hard link, a directory. After each write the target (through its
//! link) holds exactly the bytes, links and modes are kept, and no
//! temporary file is left; a failed write leaves the target as it was.
#![no_main]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fn leftovers(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains("kg-tmp")).count())
}

fuzz_target!(|data: &[u8]| {
    let Some((&setup, bytes)) = data.split_first() else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let target = dir.path().join("out.dot");
    let real = dir.path().join("real.dot");
    let mode = 0o600 | u32::from(setup & 0o077);
    match setup >> 5 {
        1 => std::fs::write(&target, b"old").expect("writes"),
        2 => {
            std::fs::write(&real, b"old").expect("writes");
            std::os::unix::fs::symlink("real.dot", &target).expect("links");
        }
        3 => std::os::unix::fs::symlink("real.dot", &target).expect("links"),
        4 => {
            std::fs::write(&target, b"old").expect("writes");
            std::fs::hard_link(&target, &real).expect("links");
        }
        5 => std::fs::create_dir(&target).expect("makes a directory"),
        _ => {}
    }
    if let Ok(m) = std::fs::symlink_metadata(&target)
        && m.is_file()
    {
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let private = setup & 0x10 != 0 && setup >> 5 != 5;
    let result = if private { kg::fsutil::write_private(&target, bytes) } else { kg::fsutil::write(&target, bytes) };
    match setup >> 5 {
        5 => {
            assert!(result.is_err(), "a directory is not written over");
            assert!(target.is_dir());
        }
        kind => {
            result.expect("the write succeeds");
            assert_eq!(std::fs::read(&target).expect("reads back"), bytes);
            let m = std::fs::metadata(&target).expect("metadata");
            if private {
                assert_eq!(m.mode() & 0o777, 0o600);
                assert!(!std::fs::symlink_metadata(&target).expect("lstat").file_type().is_symlink());
            } else {
                if kind == 1 || kind == 4 {
                    assert_eq!(m.mode() & 0o777, mode, "the mode is kept");
                }
                if kind == 2 || kind == 3 {
                    assert!(std::fs::symlink_metadata(&target).expect("lstat").file_type().is_symlink(), "the link stays");
                    assert_eq!(std::fs::read(&real).expect("reads the target"), bytes);
                }
                if kind == 4 {
                    assert_eq!(std::fs::read(&real).expect("reads the other name"), bytes, "the hard link is kept");
                }
            }
        }
    }
    assert_eq!(leftovers(dir.path()), 0, "no temporary file stays");
});
