//! The model's parameters in memory: matrices as f16 bits (widened inside the matmul kernel),
//! vectors as f32. Names follow the PyTorch `BertModel` state dict.

pub mod format;

use self::format::{Header, TensorReader};
use crate::error::Result;
use crate::snapshot::ByteSource;

/// A `Linear` layer: `y = x·Wᵀ + b`, `W` being `out × in` f16 bits.
#[derive(Debug)]
pub struct Linear {
    pub weight: Vec<u16>,
    pub bias: Vec<f32>,
}

/// A `LayerNorm`: `γ·(x − μ)/√(σ² + ε) + β`.
#[derive(Debug)]
pub struct Norm {
    pub gamma: Vec<f32>,
    pub beta: Vec<f32>,
}

/// One transformer block (post-norm, as BERT).
#[derive(Debug)]
pub struct Layer {
    pub query: Linear,
    pub key: Linear,
    pub value: Linear,
    pub attention_out: Linear,
    pub attention_norm: Norm,
    pub intermediate: Linear,
    pub output: Linear,
    pub output_norm: Norm,
}

/// Embedding tables and blocks.
#[derive(Debug)]
pub struct Weights {
    /// `vocab × dim` f16 bits.
    pub word: Vec<u16>,
    /// `max_tokens × dim` f16 bits.
    pub position: Vec<u16>,
    /// Token type 0 (a single sentence), `dim` floats.
    pub token_type: Vec<f32>,
    pub embedding_norm: Norm,
    pub layers: Vec<Layer>,
}

impl Weights {
    /// Reads every tensor in file order, then checks the checksum.
    pub fn read(src: &dyn ByteSource, header: &Header, data_start: usize) -> Result<Weights> {
        let (d, v) = (header.dim, header.vocab.len());
        let mut r = TensorReader::new(src, header, data_start);
        let word = r.f16("embeddings.word_embeddings.weight", &[v, d])?;
        let position = r.f16("embeddings.position_embeddings.weight", &[header.max_tokens, d])?;
        let mut token_type = r.f32("embeddings.token_type_embeddings.weight", &[2, d])?;
        token_type.truncate(d);
        let embedding_norm = norm(&mut r, "embeddings.LayerNorm", d)?;
        let layers = (0..header.layers).map(|i| layer(&mut r, header, i)).collect::<Result<Vec<_>>>()?;
        r.finish()?;
        Ok(Weights { word, position, token_type, embedding_norm, layers })
    }

    /// Bytes held by the parameters.
    pub fn bytes(&self) -> usize {
        let lin = |l: &Linear| l.weight.len() * 2 + l.bias.len() * 4;
        let norm = |n: &Norm| (n.gamma.len() + n.beta.len()) * 4;
        let layer = |l: &Layer| {
            [&l.query, &l.key, &l.value, &l.attention_out, &l.intermediate, &l.output].into_iter().map(lin).sum::<usize>()
                + norm(&l.attention_norm)
                + norm(&l.output_norm)
        };
        (self.word.len() + self.position.len()) * 2
            + self.token_type.len() * 4
            + norm(&self.embedding_norm)
            + self.layers.iter().map(layer).sum::<usize>()
    }
}

fn linear(r: &mut TensorReader<'_>, name: &str, out: usize, inp: usize) -> Result<Linear> {
    Ok(Linear { weight: r.f16(&format!("{name}.weight"), &[out, inp])?, bias: r.f32(&format!("{name}.bias"), &[out])? })
}

fn norm(r: &mut TensorReader<'_>, name: &str, dim: usize) -> Result<Norm> {
    Ok(Norm { gamma: r.f32(&format!("{name}.weight"), &[dim])?, beta: r.f32(&format!("{name}.bias"), &[dim])? })
}

/// Block `i`, in the converter's order: the six linears, then the two norms.
fn layer(r: &mut TensorReader<'_>, h: &Header, i: usize) -> Result<Layer> {
    let (d, f) = (h.dim, h.intermediate);
    let p = format!("encoder.layer.{i}");
    Ok(Layer {
        query: linear(r, &format!("{p}.attention.self.query"), d, d)?,
        key: linear(r, &format!("{p}.attention.self.key"), d, d)?,
        value: linear(r, &format!("{p}.attention.self.value"), d, d)?,
        attention_out: linear(r, &format!("{p}.attention.output.dense"), d, d)?,
        intermediate: linear(r, &format!("{p}.intermediate.dense"), f, d)?,
        output: linear(r, &format!("{p}.output.dense"), d, f)?,
        attention_norm: norm(r, &format!("{p}.attention.output.LayerNorm"), d)?,
        output_norm: norm(r, &format!("{p}.output.LayerNorm"), d)?,
    })
}
