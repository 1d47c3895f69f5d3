//! BERT's encoder forward pass for one sentence (no padding, so no attention mask), then
//! sentence-transformers' mean pooling over every token (`[CLS]` and `[SEP]` included, as the
//! attention mask is all ones) and L2 normalisation (`models.Normalize`).
//!
//! Per block (Hugging Face `BertLayer`, post-norm): `h = LN(h + Attn(h)·Wₒ)`, then
//! `h = LN(h + GELU(h·W₁)·W₂)`; attention per head is `softmax(QKᵀ/√d_head)·V`. GELU is the exact
//! `x·Φ(x)` (`hidden_act: "gelu"`). Activations are f32; weights are f16, widened by the kernel.

use super::weights::{Layer, Linear, Norm, Weights};
use crate::kernels::{dot_f32, matmul_f16};
use crate::kernels::half::f32_from_f16;

/// The shape the forward pass needs.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub dim: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub eps: f32,
}

/// The unit-length sentence embedding of `ids` (`[CLS] … [SEP]`, ids < vocab, at most
/// `max_tokens` of them: the caller's tokenizer guarantees both).
pub fn embed(w: &Weights, s: Shape, ids: &[u32]) -> Vec<f32> {
    let (t, d) = (ids.len(), s.dim);
    let mut h = embeddings(w, s, ids);
    let mut buf = Buffers {
        q: vec![0.0; t * d],
        k: vec![0.0; t * d],
        v: vec![0.0; t * d],
        ctx: vec![0.0; t * d],
        sum: vec![0.0; t * d],
        wide: vec![0.0; t * s.intermediate],
        scores: vec![0.0; t],
    };
    for layer in &w.layers {
        block(layer, s, &mut h, &mut buf);
    }
    let mut pooled = vec![0.0f32; d];
    for row in h.chunks_exact(d) {
        pooled.iter_mut().zip(row).for_each(|(p, x)| *p += x);
    }
    let norm = pooled.iter().map(|x| x * x).sum::<f32>().sqrt();
    // Mean then normalise: the 1/t of the mean cancels, so only the norm matters.
    let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
    pooled.iter_mut().for_each(|x| *x *= scale);
    pooled
}

/// Scratch activations of one sentence, `t × dim` each (`wide`: `t × intermediate`).
struct Buffers {
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    sum: Vec<f32>,
    wide: Vec<f32>,
    scores: Vec<f32>,
}

/// Row `i` of a `? × d` table (empty when out of range: the tokenizer never asks for one).
fn row(table: &[u16], i: usize, d: usize) -> &[u16] {
    i.checked_mul(d).and_then(|s| table.get(s..s + d)).unwrap_or(&[])
}

/// `LN(word + position + token_type)` per token.
fn embeddings(w: &Weights, s: Shape, ids: &[u32]) -> Vec<f32> {
    let d = s.dim;
    let mut h = vec![0.0f32; ids.len() * d];
    for (pos, (out, &id)) in h.chunks_exact_mut(d).zip(ids).enumerate() {
        let (word, place) = (row(&w.word, id as usize, d), row(&w.position, pos, d));
        for (j, x) in out.iter_mut().enumerate() {
            let get = |t: &[u16]| t.get(j).map_or(0.0, |&b| f32_from_f16(b));
            *x = get(word) + get(place) + w.token_type.get(j).copied().unwrap_or(0.0);
        }
        layer_norm(out, &w.embedding_norm, s.eps);
    }
    h
}

fn block(l: &Layer, s: Shape, h: &mut Vec<f32>, b: &mut Buffers) {
    linear(h, &l.query, &mut b.q);
    linear(h, &l.key, &mut b.k);
    linear(h, &l.value, &mut b.v);
    attention(s, b);
    linear(&b.ctx, &l.attention_out, &mut b.sum);
    residual_norm(&mut b.sum, h, &l.attention_norm, s);
    std::mem::swap(h, &mut b.sum);
    linear(h, &l.intermediate, &mut b.wide);
    b.wide.iter_mut().for_each(|x| *x = gelu(*x));
    linear(&b.wide, &l.output, &mut b.sum);
    residual_norm(&mut b.sum, h, &l.output_norm, s);
    std::mem::swap(h, &mut b.sum);
}

fn linear(x: &[f32], l: &Linear, out: &mut [f32]) {
    matmul_f16(x, &l.weight, &l.bias, out);
}

/// `x = LN(x + residual)` row by row.
fn residual_norm(x: &mut [f32], residual: &[f32], n: &Norm, s: Shape) {
    x.iter_mut().zip(residual).for_each(|(a, r)| *a += r);
    x.chunks_exact_mut(s.dim).for_each(|row| layer_norm(row, n, s.eps));
}

/// `γ·(x − μ)/√(σ² + ε) + β`, biased variance (PyTorch `LayerNorm`).
fn layer_norm(row: &mut [f32], n: &Norm, eps: f32) {
    let len = row.len().max(1) as f32;
    let mean = row.iter().sum::<f32>() / len;
    let var = row.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / len;
    let inv = 1.0 / (var + eps).sqrt();
    for ((x, g), b) in row.iter_mut().zip(&n.gamma).zip(&n.beta) {
        *x = (*x - mean) * inv * g + b;
    }
}

/// Multi-head self-attention of `b.q`, `b.k`, `b.v` into `b.ctx`.
fn attention(s: Shape, b: &mut Buffers) {
    let (d, hd) = (s.dim, s.dim / s.heads);
    let scale = 1.0 / (hd as f32).sqrt();
    b.ctx.iter_mut().for_each(|x| *x = 0.0);
    for head in 0..s.heads {
        let cols = head * hd..(head + 1) * hd;
        for (q_row, ctx_row) in b.q.chunks_exact(d).zip(b.ctx.chunks_exact_mut(d)) {
            let q = &q_row[cols.clone()];
            for (score, k_row) in b.scores.iter_mut().zip(b.k.chunks_exact(d)) {
                *score = dot_f32(q, &k_row[cols.clone()]) * scale;
            }
            softmax(&mut b.scores);
            let ctx = &mut ctx_row[cols.clone()];
            for (&p, v_row) in b.scores.iter().zip(b.v.chunks_exact(d)) {
                ctx.iter_mut().zip(&v_row[cols.clone()]).for_each(|(c, v)| *c += p * v);
            }
        }
    }
}

fn softmax(x: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in x.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    x.iter_mut().for_each(|v| *v /= sum);
}

/// `x·Φ(x) = x/2·(1 + erf(x/√2))`.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5·10⁻⁷, below f32 resolution of
/// GELU's output), evaluated in f64.
fn erf(x: f32) -> f32 {
    let (sign, x) = if x < 0.0 { (-1.0, -f64::from(x)) } else { (1.0, f64::from(x)) };
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    (sign * (1.0 - poly * (-x * x).exp())) as f32
}
