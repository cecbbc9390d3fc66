//! Embeds every `.ron` file of `data/catalogue/` into the binary, so that
//! `eis` works on the shipped catalogue with no files beside it. Listing the
//! folder here, rather than by hand in the code, means a new region's file
//! cannot be forgotten. (The question bank is one file, `data/questions.ron`,
//! embedded with `include_str!` where it is loaded.)

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data/catalogue");
    let mut names: Vec<String> = std::fs::read_dir("data/catalogue")
        .expect("the data/catalogue folder exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Path::new(&name)
                .extension()
                .is_some_and(|ext| ext == "ron")
                .then_some(name)
        })
        .collect();
    names.sort();
    let mut code = String::from("&[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=data/catalogue/{name}");
        writeln!(
            code,
            "    (\"data/catalogue/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/catalogue/{name}\"))),"
        )
        .expect("writing to a String cannot fail");
    }
    code.push(']');
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("embedded_data.rs"), code)
        .expect("the build script can write to OUT_DIR");
}
