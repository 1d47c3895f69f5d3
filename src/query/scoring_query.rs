//! What an exact scan or a graph walk scores: a strategy over example *indices* into one flat
//! buffer of example vectors, so a row's similarity to every example is computed while the row
//! is in cache (see `scan.rs`).

use super::feedback::{Feedback, NaiveCoefficients};
use super::strategy::{BestScore, Context, ContextPair, Discover, Nearest, SumScores};

/// A strategy over example indices into [`ScoringQuery`]'s flat example buffer.
#[derive(Debug, Clone)]
pub enum Strategy {
    Nearest(Nearest<usize>),
    BestScore(BestScore<usize>),
    SumScores(SumScores<usize>),
    Discover(Discover<usize>),
    Context(Context<usize>),
    Feedback(Feedback<usize>),
}

/// A query ready to score: example vectors already checked and preprocessed.
#[derive(Debug, Clone)]
pub struct ScoringQuery {
    pub strategy: Strategy,
    /// Every example vector, concatenated (`count × dim`).
    pub examples: Vec<f32>,
    /// Where each example starts in `examples`, then its total length: multivector examples
    /// differ in length (`query/multi.rs`).
    pub bounds: Vec<usize>,
}

/// Appends example vectors to a flat buffer and hands out their indices.
#[derive(Debug, Default)]
struct Examples(Vec<f32>, usize, Vec<usize>);

impl Examples {
    fn add(&mut self, v: Vec<f32>) -> usize {
        self.2.push(self.0.len());
        self.0.extend_from_slice(&v);
        self.1 += 1;
        self.1 - 1
    }
    fn add_all(&mut self, vs: Vec<Vec<f32>>) -> Vec<usize> {
        vs.into_iter().map(|v| self.add(v)).collect()
    }
    fn bounds(&self) -> Vec<usize> {
        self.2.iter().copied().chain([self.0.len()]).collect()
    }
    fn pairs(&mut self, ps: Vec<ContextPair<Vec<f32>>>) -> Vec<ContextPair<usize>> {
        ps.into_iter().map(|p| ContextPair { positive: self.add(p.positive), negative: self.add(p.negative) }).collect()
    }
}

impl ScoringQuery {
    pub fn nearest(vector: Vec<f32>) -> Self {
        let bounds = vec![0, vector.len()];
        ScoringQuery { strategy: Strategy::Nearest(Nearest { vector: 0 }), examples: vector, bounds }
    }
    pub fn best_score(positives: Vec<Vec<f32>>, negatives: Vec<Vec<f32>>) -> Self {
        let mut ex = Examples::default();
        let q = BestScore { positives: ex.add_all(positives), negatives: ex.add_all(negatives) };
        ScoringQuery { strategy: Strategy::BestScore(q), bounds: ex.bounds(), examples: ex.0 }
    }
    pub fn sum_scores(positives: Vec<Vec<f32>>, negatives: Vec<Vec<f32>>) -> Self {
        let mut ex = Examples::default();
        let q = SumScores { positives: ex.add_all(positives), negatives: ex.add_all(negatives) };
        ScoringQuery { strategy: Strategy::SumScores(q), bounds: ex.bounds(), examples: ex.0 }
    }
    pub fn discover(target: Vec<f32>, pairs: Vec<ContextPair<Vec<f32>>>) -> Self {
        let mut ex = Examples::default();
        let q = Discover { target: ex.add(target), pairs: ex.pairs(pairs) };
        ScoringQuery { strategy: Strategy::Discover(q), bounds: ex.bounds(), examples: ex.0 }
    }
    pub fn context(pairs: Vec<ContextPair<Vec<f32>>>) -> Self {
        let mut ex = Examples::default();
        let q = Context { pairs: ex.pairs(pairs) };
        ScoringQuery { strategy: Strategy::Context(q), bounds: ex.bounds(), examples: ex.0 }
    }
    /// Naive relevance feedback: the target, then each feedback example once; pairs refer to
    /// the examples by index.
    pub fn feedback(target: Vec<f32>, items: Vec<(Vec<f32>, f32)>, k: NaiveCoefficients) -> Self {
        let mut ex = Examples::default();
        let target = ex.add(target);
        let items: Vec<(usize, f32)> = items.into_iter().map(|(v, score)| (ex.add(v), score)).collect();
        let q = Feedback::naive(target, &items, k);
        ScoringQuery { strategy: Strategy::Feedback(q), bounds: ex.bounds(), examples: ex.0 }
    }
    pub fn is_nearest(&self) -> bool {
        matches!(self.strategy, Strategy::Nearest(_))
    }
}

