//! Reading one line of text: PaddleOCR's PP-OCRv4 Chinese recognition model (Apache-2.0, from the PyPI wheel
//! `rapidocr_onnxruntime`, fetched by `make`) run by tract, a pure-Rust ONNX engine, so nothing is downloaded at
//! run time and no native library ships with the app. The model is built into the binary; its character list is in
//! the model's own metadata. Only the recognition half of PaddleOCR is used: [`super::layout`] finds the lines
//! itself from the chat's bubbles, which is both faster and more exact than the detection network on a screenshot.

use std::sync::OnceLock;

use image::GrayImage;
use tract_onnx::prelude::*;

use crate::{Error, Result};

/// The height the model reads lines at.
pub const LINE_HEIGHT: u32 = 48;

/// A character the model is less sure of than this is marked for the user to check.
pub const LOW_CONFIDENCE: f32 = 0.9;

#[cfg(weiquan_ocr_model)]
static MODEL: &[u8] = include_bytes!(env!("WEIQUAN_OCR_MODEL_PATH"));
#[cfg(not(weiquan_ocr_model))]
static MODEL: &[u8] = &[];

/// One recognised line: its characters with the model's confidence in each.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub chars: Vec<(char, f32)>,
}

impl Line {
    pub fn text(&self) -> String {
        self.chars.iter().map(|(c, _)| *c).collect()
    }
}

type Plan = TypedSimplePlan<TypedModel>;

/// The widths a line is padded to: the model is compiled once per width it runs at (its graph does not take a
/// symbolic width), so lines share a handful of compiled widths, each wasting at most a third on padding.
const WIDTHS: [usize; 8] = [160, 240, 320, 480, 640, 960, 1280, 1920];

pub struct Recogniser {
    model: InferenceModel,
    plans: std::sync::Mutex<Vec<(usize, std::sync::Arc<Plan>)>>,
    /// Class 0 is CTC's blank; class i is `dict[i - 1]`; the last class is a space.
    dict: Vec<char>,
}

/// The recogniser, loaded once per process (about 0.2 s).
impl std::fmt::Debug for Recogniser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recogniser")
            .field("characters", &self.dict.len())
            .finish_non_exhaustive()
    }
}

pub fn recogniser() -> Result<&'static Recogniser> {
    static ONCE: OnceLock<std::result::Result<Recogniser, String>> = OnceLock::new();
    ONCE.get_or_init(|| Recogniser::load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::NotFound(e.clone()))
}

impl Recogniser {
    fn load() -> Result<Recogniser> {
        if MODEL.is_empty() {
            return Err(Error::NotFound(
                "this build has no text-recognition model: build it with `make` (it fetches PaddleOCR's model from \
                 PyPI into models/ before compiling)"
                    .into(),
            ));
        }
        let bad = |e: TractError| Error::Internal(format!("the text-recognition model cannot be loaded: {e}"));
        let mut proto = tract_onnx::onnx().proto_model_for_read(&mut &*MODEL).map_err(bad)?;
        let dict: Vec<char> = proto
            .metadata_props
            .iter()
            .find(|p| p.key == "character")
            .map(|p| p.value.lines().map(|l| l.chars().next().unwrap_or(' ')).collect())
            .unwrap_or_default();
        if dict.len() < 1000 {
            return Err(Error::Internal(
                "the text-recognition model has no character list".into(),
            ));
        }
        // The exporter named dynamic dimensions like `p2o.DynamicDimension.0`, which tract cannot parse; they are
        // given plain names (the input's shape is set below anyway).
        if let Some(g) = proto.graph.as_mut() {
            for vi in g
                .input
                .iter_mut()
                .chain(g.output.iter_mut())
                .chain(g.value_info.iter_mut())
            {
                if let Some(tract_onnx::pb::type_proto::Value::TensorType(t)) =
                    vi.r#type.as_mut().and_then(|t| t.value.as_mut())
                {
                    for (i, d) in t.shape.iter_mut().flat_map(|s| s.dim.iter_mut()).enumerate() {
                        if let Some(tract_onnx::pb::tensor_shape_proto::dimension::Value::DimParam(p)) =
                            d.value.as_mut()
                        {
                            *p = format!("d{i}");
                        }
                    }
                }
            }
        }
        let model = tract_onnx::onnx().model_for_proto_model(&proto).map_err(bad)?;
        let r = Recogniser {
            model,
            plans: std::sync::Mutex::new(Vec::new()),
            dict,
        };
        r.plan(WIDTHS[2])?; // fails now, not at the first line, if the model cannot run
        Ok(r)
    }

    /// The model compiled for lines `width` pixels wide (compiled on first use, about 0.15 s).
    fn plan(&self, width: usize) -> Result<std::sync::Arc<Plan>> {
        let bad = |e: TractError| Error::Internal(format!("the text-recognition model cannot run: {e}"));
        let mut plans = self
            .plans
            .lock()
            .map_err(|_| Error::Internal("text recognition stopped".into()))?;
        if let Some((_, p)) = plans.iter().find(|(w, _)| *w == width) {
            return Ok(p.clone());
        }
        let plan = self
            .model
            .clone()
            .with_input_fact(0, f32::fact([1, 3, LINE_HEIGHT as usize, width]).into())
            .map_err(bad)?
            .into_optimized()
            .map_err(bad)?
            .into_runnable()
            .map_err(bad)?;
        let plan = std::sync::Arc::new(plan);
        plans.push((width, plan.clone()));
        Ok(plan)
    }

    /// Reads one line: `img` is dark text on a light ground, [`LINE_HEIGHT`] pixels high.
    pub fn read(&self, img: &GrayImage) -> Result<Line> {
        let (w, h) = (img.width() as usize, img.height() as usize);
        if h != LINE_HEIGHT as usize || w < 8 {
            return Err(Error::Internal(format!("a text line of {w}×{h} px cannot be read")));
        }
        // A line wider than the widest compiled width is narrowed to fit (a line of some 40 characters).
        let widest = WIDTHS[WIDTHS.len() - 1];
        let narrowed;
        let img = if w > widest {
            narrowed = image::imageops::resize(img, widest as u32, LINE_HEIGHT, image::imageops::FilterType::Triangle);
            &narrowed
        } else {
            img
        };
        let w = img.width() as usize;
        let padded = WIDTHS.iter().copied().find(|&p| p >= w).unwrap_or(widest);
        // The padding is 0 after normalisation (mid-grey), as in PaddleOCR's own preprocessing.
        let input: Tensor = tract_ndarray::Array4::from_shape_fn((1, 3, h, padded), |(_, _, y, x)| {
            if x < w {
                f32::from(img.get_pixel(x as u32, y as u32)[0]) / 127.5 - 1.0
            } else {
                0.0
            }
        })
        .into();
        let out = self
            .plan(padded)?
            .run(tvec!(input.into()))
            .map_err(|e| Error::Internal(format!("text recognition failed: {e}")))?;
        let probs = out[0]
            .to_array_view::<f32>()
            .map_err(|e| Error::Internal(format!("text recognition gave no scores: {e}")))?;
        let shape = probs.shape();
        if shape.len() != 3 || shape[2] != self.dict.len() + 2 {
            return Err(Error::Internal(format!(
                "text recognition gave scores of shape {shape:?}"
            )));
        }
        // CTC greedy decoding: the best class per step, repeats collapsed, blanks dropped.
        let mut chars = Vec::new();
        let mut last = 0usize;
        for row in probs.index_axis(tract_ndarray::Axis(0), 0).outer_iter() {
            let (best, p) = row
                .iter()
                .enumerate()
                .fold((0, f32::MIN), |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc });
            if best != 0 && best != last {
                let c = self.dict.get(best - 1).copied().unwrap_or(' ');
                chars.push((c, p));
            }
            last = best;
        }
        Ok(Line { chars })
    }
}
