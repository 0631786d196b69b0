//! Builds PaddleOCR's recognition model into the crate when `make` has fetched it (models/, or the file
//! WEIQUAN_OCR_MODEL names). Without it the crate still builds, and reading a screenshot says how to get the model.

fn main() {
    let default = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ch_PP-OCRv4_rec_infer.onnx");
    let path = std::env::var_os("WEIQUAN_OCR_MODEL").map_or(default, std::path::PathBuf::from);
    println!("cargo::rerun-if-env-changed=WEIQUAN_OCR_MODEL");
    println!("cargo::rerun-if-changed={}", path.display());
    println!("cargo::rustc-check-cfg=cfg(weiquan_ocr_model)");
    if path.is_file() {
        println!("cargo::rustc-cfg=weiquan_ocr_model");
        println!("cargo::rustc-env=WEIQUAN_OCR_MODEL_PATH={}", path.display());
    } else {
        println!(
            "cargo::warning=no text-recognition model at {}: run `make models`",
            path.display()
        );
    }
}
