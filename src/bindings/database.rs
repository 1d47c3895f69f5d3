//! The exported `Database` class: Qdrant's REST surface plus a flat typed-array fast path.

use super::convert::{bytes_from_js, floats_from_js, hits_to_js, ids_from_js, payloads_from_json, response_to_js};
use super::error::js;
use super::source::{typed_bytes, typed_floats, JsBytes, JsFloats};
use crate::collection::vectors::FloatSource;
use crate::snapshot::ByteSource;
use wasm_bindgen::prelude::*;

/// An in-memory set of collections answering Qdrant's REST requests.
#[wasm_bindgen(js_name = Database)]
#[derive(Debug)]
pub struct JsDatabase {
    inner: crate::Database,
}

#[wasm_bindgen(js_class = Database)]
impl JsDatabase {
    /// An empty database sharing this instance's memory budget, called `name` in budget
    /// errors (default "database N").
    #[wasm_bindgen(constructor)]
    pub fn new(name: Option<String>) -> JsDatabase {
        JsDatabase { inner: crate::Database::in_pool(&instance_pool(), name.as_deref()) }
    }

    /// The name budget errors give this database.
    pub fn name(&self) -> String {
        self.inner.name()
    }

    #[wasm_bindgen(js_name = setName)]
    pub fn set_name(&mut self, name: &str) {
        self.inner.set_name(name);
    }

    /// One Qdrant REST call, e.g. `request("POST", "/collections/c/points/search", "{...}")`.
    /// Never throws for request errors: they come back as a non-2xx `status` with the message
    /// in `error` and its stable `code`. The JS layer wraps `result` or `error` in Qdrant's
    /// envelope with the measured time.
    #[wasm_bindgen(unchecked_return_type = "RawResponse")]
    pub fn request(&mut self, method: &str, path: &str, body: &str) -> JsValue {
        response_to_js(&self.inner.request(method, path, body))
    }

    /// [`JsDatabase::request`] with the body as UTF-8 bytes: the JS layer encodes it with
    /// `TextEncoder`, many times faster than the per-character copy strings pass through.
    #[wasm_bindgen(js_name = requestBytes, unchecked_return_type = "RawResponse")]
    pub fn request_bytes(&mut self, method: &str, path: &str, body: &[u8]) -> JsValue {
        // TextEncoder output is always valid UTF-8: the validating `from_utf8` (word-at-a-time
        // over ASCII) is the path taken; the lossy copy only guards other callers.
        let text = std::str::from_utf8(body).map_or_else(|_| String::from_utf8_lossy(body), std::borrow::Cow::Borrowed);
        response_to_js(&self.inner.request(method, path, &text))
    }

    /// Inserts or replaces `ids.length` points of the collection's unnamed vector; `vectors`
    /// holds them row after row. `payloadsJson`: a JSON array with one object (or null) per id.
    /// A `Float32Array` is read in place: rows are copied once, straight into storage.
    #[wasm_bindgen(js_name = upsertFlat)]
    pub fn upsert_flat(
        &mut self,
        collection: &str,
        #[wasm_bindgen(unchecked_param_type = "PointIdsIn")] ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FloatsIn")] vectors: JsValue,
        #[wasm_bindgen(js_name = payloadsJson)] payloads_json: Option<String>,
    ) -> Result<(), JsValue> {
        let ids = js(ids_from_js(&ids, |b| self.out_of_memory(b)))?;
        let typed = js(typed_floats(&vectors, "vectors"))?.map(JsFloats::new);
        let copied = match typed {
            Some(_) => Vec::new(),
            None => js(floats_from_js(&vectors, "vectors", |b| self.out_of_memory(b)))?,
        };
        let rows: &dyn FloatSource = match &typed {
            Some(t) => t,
            None => &copied.as_slice(),
        };
        let payloads = match payloads_json {
            Some(text) => Some(js(payloads_from_json(&text, ids.len()))?),
            None => None,
        };
        js(self.inner.upsert_flat_from(collection, &ids, rows, payloads))
    }

    /// Sets sparse vector `name` of existing points from typed arrays: point `ids[i]` gets the
    /// `indices`/`values` between `offsets[i]` and `offsets[i + 1]`. No JSON per point.
    #[wasm_bindgen(js_name = setSparseFlat)]
    pub fn set_sparse_flat(
        &mut self,
        collection: &str,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "PointIdsIn")] ids: JsValue,
        offsets: &[u32],
        indices: &[u32],
        values: &[f32],
    ) -> Result<(), JsValue> {
        let ids = js(ids_from_js(&ids, |b| self.out_of_memory(b)))?;
        js(self.inner.set_sparse_flat(collection, name, &ids, offsets, indices, values))
    }

    /// Nearest `limit` points to `vector` (unnamed vector), optionally filtered by a Qdrant
    /// filter given as JSON text. Scores are the ones Qdrant reports.
    #[wasm_bindgen(js_name = searchFlat, unchecked_return_type = "FlatHits")]
    pub fn search_flat(
        &self,
        collection: &str,
        #[wasm_bindgen(unchecked_param_type = "FloatsIn")] vector: JsValue,
        limit: usize,
        #[wasm_bindgen(js_name = filterJson)] filter_json: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let vector = js(floats_from_js(&vector, "vector", |b| self.out_of_memory(b)))?;
        let hits = js(self
            .inner
            .search_flat(collection, &vector, limit, filter_json.as_deref()))?;
        Ok(hits_to_js(&hits))
    }
}

#[wasm_bindgen(js_class = Database)]
impl JsDatabase {
    /// The whole database (every collection, aliases) as snapshot bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// A database restored from `toBytes` output; the bytes are validated before use. A
    /// `Uint8Array` or `ArrayBuffer` is read in place, never copied whole into wasm memory.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(#[wasm_bindgen(unchecked_param_type = "BytesIn")] bytes: JsValue) -> Result<JsDatabase, JsValue> {
        let pool = instance_pool();
        let oom = |requested| crate::Error::MemoryBudget {
            requested,
            budget: pool.budget(),
            used: pool.total_bytes(),
            database: String::new(),
        };
        let inner = match js(typed_bytes(&bytes))? {
            Some(view) => crate::Database::from_source(&JsBytes::new(view)),
            None => crate::Database::from_bytes(&js(bytes_from_js(&bytes, oom))?),
        };
        let mut inner = js(inner)?;
        // Restored outside the pool, then seated only if it fits what the others leave.
        js(inner.join_pool(&pool, None))?;
        Ok(JsDatabase { inner })
    }

    /// One collection as snapshot bytes.
    #[wasm_bindgen(js_name = collectionToBytes)]
    pub fn collection_to_bytes(&self, name: &str) -> Result<Vec<u8>, JsValue> {
        Ok(js(self.inner.collection(name))?.to_bytes())
    }

    /// Adds (or replaces) collection `name` from `collectionToBytes` output, within the budget.
    #[wasm_bindgen(js_name = loadCollection)]
    pub fn load_collection(
        &mut self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "BytesIn")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        let view = js(typed_bytes(&bytes))?.map(JsBytes::new);
        let copied = match view {
            Some(_) => Vec::new(),
            None => js(bytes_from_js(&bytes, |b| self.out_of_memory(b)))?,
        };
        let src: &dyn ByteSource = match &view {
            Some(v) => v,
            None => &copied.as_slice(),
        };
        js(self.inner.load_collection_from(name, src))
    }

    /// Builds the HNSW graphs of collection `name` to completion (Qdrant's indexing
    /// optimizer, on demand); `onProgress(done, total)` is called after each chunk of points.
    pub fn optimize(
        &mut self,
        name: &str,
        #[wasm_bindgen(js_name = onProgress)] on_progress: Option<js_sys::Function>,
    ) -> Result<(), JsValue> {
        let mut report = |done: usize, total: usize| {
            if let Some(f) = &on_progress {
                // A throwing callback does not stop the build; the error is dropped.
                let _ = f.call2(&JsValue::NULL, &JsValue::from(done as f64), &JsValue::from(total as f64));
            }
        };
        js(self.inner.optimize(name, &mut report))
    }

    /// One chunk of `optimize`: links up to `budget` points, returns `[done, total]`; the
    /// build is complete when they are equal. The JS layer yields between chunks.
    #[wasm_bindgen(js_name = optimizeStep)]
    pub fn optimize_step(&mut self, name: &str, budget: u32) -> Result<Vec<f64>, JsValue> {
        let (done, total) = js(self.inner.optimize_step(name, budget as usize))?;
        Ok(vec![done as f64, total as f64])
    }

    /// Sets the memory budget of this wasm instance: every database in it shares the one
    /// budget; writes beyond it fail with status 507.
    #[wasm_bindgen(js_name = setMemoryBudget)]
    pub fn set_memory_budget(&mut self, bytes: f64) {
        self.inner.set_memory_budget(if bytes.is_finite() && bytes > 0.0 { bytes as usize } else { 0 });
    }

    #[wasm_bindgen(js_name = memoryBudget)]
    pub fn memory_budget(&self) -> f64 {
        self.inner.memory_budget() as f64
    }

    /// Approximate bytes held by this database's collections (vectors, payloads, bookkeeping).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> f64 {
        self.inner.memory_bytes() as f64
    }

    /// Benchmark baseline: one bare kernel pass over the unnamed vector's rows (sum of dots).
    #[wasm_bindgen(js_name = bareScan)]
    pub fn bare_scan(
        &self,
        collection: &str,
        #[wasm_bindgen(unchecked_param_type = "FloatsIn")] vector: JsValue,
    ) -> Result<f32, JsValue> {
        let vector = js(floats_from_js(&vector, "vector", |b| self.out_of_memory(b)))?;
        js(self.inner.bare_scan(collection, &vector))
    }
}

impl JsDatabase {
    /// The 507 for an argument too big to copy into wasm memory.
    fn out_of_memory(&self, requested: usize) -> crate::Error {
        let pool = self.inner.pool();
        crate::Error::MemoryBudget { requested, budget: pool.budget(), used: pool.total_bytes(), database: self.inner.name() }
    }
}

impl Default for JsDatabase {
    fn default() -> Self {
        Self::new(None)
    }
}

thread_local! {
    /// The one memory pool of this wasm instance: every database in it shares its budget.
    static INSTANCE_POOL: crate::database::MemoryPool = crate::database::MemoryPool::new(crate::database::DEFAULT_MEMORY_BUDGET);
}

/// This instance's memory pool.
fn instance_pool() -> crate::database::MemoryPool {
    INSTANCE_POOL.with(Clone::clone)
}

/// The memory budget shared by every database of this wasm instance.
#[wasm_bindgen(js_name = memoryBudget)]
#[allow(unreachable_pub)] // wasm-bindgen requires `pub`
pub fn memory_budget() -> f64 {
    instance_pool().budget() as f64
}

/// Sets the memory budget shared by every database of this wasm instance.
#[wasm_bindgen(js_name = setMemoryBudget)]
#[allow(unreachable_pub)] // wasm-bindgen requires `pub`
pub fn set_memory_budget(bytes: f64) {
    instance_pool().set_budget(if bytes.is_finite() && bytes > 0.0 { bytes as usize } else { 0 });
}

/// Approximate bytes held by all live databases of this wasm instance together.
#[wasm_bindgen(js_name = totalMemoryBytes)]
#[allow(unreachable_pub)] // wasm-bindgen requires `pub`
pub fn total_memory_bytes() -> f64 {
    instance_pool().total_bytes() as f64
}
