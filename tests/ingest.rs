//! Bulk row upsert (`Collection::upsert_rows`, the path behind `upsertFlat`): rows are copied
//! once into storage (new ids) or a staging buffer (existing ids, repeats), then checked and
//! preprocessed in place. Checked against the per-point `upsert` as the model: after any
//! sequence of batches both collections write the same snapshot bytes; a failing batch changes
//! nothing, memory accounting included. `SIMILE_SEED=<n>` replays a run.

use simile::collection::{Collection, PointInsert, VectorParams, VectorsConfig};
use simile::{Distance, Error, Payload, PointId};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Test-data helpers on top of the shared generator.
trait Draw {
    fn below(&mut self, n: usize) -> usize;
    fn float(&mut self) -> f32;
}

impl Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn float(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

fn collection(dim: usize, distance: Distance) -> Collection {
    Collection::new(VectorsConfig::Single(VectorParams { size: dim, distance, multivector_config: None, datatype: None })).unwrap()
}

fn id(rng: &mut Rng, range: usize) -> PointId {
    match rng.below(range) {
        k if k % 7 == 3 => PointId::Uuid(k as u128 * 0x1234_5678_9abc),
        k => PointId::Num(k as u64),
    }
}

/// A batch: ids (fresh runs, repeats, existing ones), rows (some zero, some unit, some NaN when
/// `poison`), payloads or none.
fn batch(rng: &mut Rng, dim: usize, poison: bool) -> (Vec<PointId>, Vec<f32>, Option<Vec<Payload>>) {
    let n = rng.below(30);
    let ids: Vec<PointId> = match rng.below(3) {
        0 => (0..n).map(|k| PointId::Num(1000 + rng.below(4) as u64 * 100 + k as u64)).collect(),
        _ => (0..n).map(|_| id(rng, 40)).collect(),
    };
    let mut rows: Vec<f32> = (0..n * dim).map(|_| rng.float()).collect();
    for r in rows.chunks_exact_mut(dim) {
        match rng.below(8) {
            0 => r.fill(0.0),
            1 => r.iter_mut().enumerate().for_each(|(j, x)| *x = if j == 0 { 1.0 } else { 0.0 }),
            _ => {}
        }
    }
    if poison && n > 0 {
        let at = if rng.below(2) == 0 { rows.len() - 1 } else { rng.below(rows.len()) };
        rows[at] = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY][rng.below(3)];
    }
    let payloads = (rng.below(2) == 0).then(|| {
        (0..n).map(|k| if k % 3 == 0 { Payload::new() } else { serde_json::json!({ "k": k }).as_object().unwrap().clone() }).collect()
    });
    (ids, rows, payloads)
}

fn as_points(ids: &[PointId], rows: &[f32], dim: usize, payloads: &Option<Vec<Payload>>) -> Vec<PointInsert> {
    ids.iter()
        .zip(rows.chunks_exact(dim))
        .enumerate()
        .map(|(i, (id, row))| PointInsert {
            id: *id,
            vectors: vec![(String::new(), row.to_vec())],
            payload: payloads.as_ref().map_or_else(Payload::new, |p| p[i].clone()),
        })
        .collect()
}

#[test]
fn upsert_rows_matches_per_point_upserts() {
    let mut rng = Rng::from_env("upsert_rows", 0x5eed_1234_u64);
    for round in 0..200 {
        let dim = [1, 3, 8, 17][round % 4];
        let distance = [Distance::Cosine, Distance::Dot, Distance::Euclid, Distance::Manhattan][round / 4 % 4];
        let (mut fast, mut model) = (collection(dim, distance), collection(dim, distance));
        for step in 0..12 {
            let poison = rng.below(5) == 0;
            let (ids, rows, payloads) = batch(&mut rng, dim, poison);
            let (bytes, memory) = (fast.to_bytes(), fast.memory_bytes());
            let got = fast.upsert_rows(&ids, &rows, payloads.clone());
            let want = model.upsert(as_points(&ids, &rows, dim, &payloads));
            let what = format!("round {round} step {step} (dim {dim}, {distance:?}, ids {ids:?})");
            assert_eq!(got.is_ok(), want.is_ok(), "{what}: {got:?} vs {want:?}");
            if got.is_err() {
                assert_eq!(fast.to_bytes(), bytes, "{what}: a failed upsert changed the points");
                assert_eq!(fast.memory_bytes(), memory, "{what}: a failed upsert changed the accounting");
            }
            assert_eq!(fast.to_bytes(), model.to_bytes(), "{what}");
            assert_eq!(fast.len(), model.len(), "{what}");
            if rng.below(4) == 0 {
                let gone: Vec<PointId> = (0..3).map(|_| id(&mut rng, 40)).collect();
                fast.delete(&gone);
                model.delete(&gone);
            }
        }
    }
}

#[test]
fn nan_in_the_last_row_changes_nothing() {
    let mut c = collection(4, Distance::Cosine);
    c.upsert_rows(&[PointId::Num(1)], &[1.0, 2.0, 3.0, 4.0], None).unwrap();
    let (bytes, memory) = (c.to_bytes(), c.memory_bytes());
    let ids: Vec<PointId> = (1..=1000).map(PointId::Num).collect();
    let mut rows = vec![0.5f32; 4000];
    rows[3999] = f32::NAN;
    let err = c.upsert_rows(&ids, &rows, None).unwrap_err();
    assert!(err.to_string().contains("finite"), "{err}");
    assert_eq!(c.to_bytes(), bytes);
    assert_eq!(c.memory_bytes(), memory);
    assert_eq!(c.len(), 1);
}

#[test]
fn duplicates_keep_the_last_row_and_cosine_rows_are_normalised() {
    let mut c = collection(2, Distance::Cosine);
    let ids = [PointId::Num(7), PointId::Num(8), PointId::Num(7)];
    c.upsert_rows(&ids, &[3.0, 4.0, 0.0, 2.0, 0.0, 5.0], None).unwrap();
    assert_eq!(c.len(), 2);
    let row = |c: &Collection, id: u64| c.point(c.offset_of(&PointId::Num(id)).unwrap()).vector("").unwrap().to_vec();
    assert_eq!(row(&c, 7), vec![0.0, 1.0]);
    assert_eq!(row(&c, 8), vec![0.0, 1.0]);
    // Updating an existing point in place, and a zero vector kept as is (Qdrant's rule).
    c.upsert_rows(&[PointId::Num(8), PointId::Num(9)], &[6.0, 8.0, 0.0, 0.0], None).unwrap();
    assert_eq!(row(&c, 8), vec![0.6, 0.8]);
    assert_eq!(row(&c, 9), vec![0.0, 0.0]);
    assert_eq!(c.capacity_rows(), 3);
}

#[test]
fn over_budget_fails_before_copying_and_changes_nothing() {
    let mut c = collection(64, Distance::Dot);
    c.upsert_rows(&[PointId::Num(0)], &[1.0; 64], None).unwrap();
    let (bytes, memory) = (c.to_bytes(), c.memory_bytes());
    c.set_budget(simile::collection::BudgetShare { budget: memory + 1000, elsewhere: 0, database: String::new() });
    let ids: Vec<PointId> = (1..=100).map(PointId::Num).collect();
    let err = c.upsert_rows(&ids, &vec![1.0; 6400], None).unwrap_err();
    assert!(matches!(err, Error::MemoryBudget { .. }), "{err}");
    assert_eq!((c.to_bytes(), c.memory_bytes()), (bytes, memory));
    // Wrong lengths are rejected before anything else.
    assert!(c.upsert_rows(&ids, &[1.0; 63], None).unwrap_err().to_string().contains("100 ids need 6400 floats"));
    assert!(c.upsert_rows(&ids[..1], &[1.0; 64], Some(vec![Payload::new(); 2])).is_err());
}
