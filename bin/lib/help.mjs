// The text of `simile --help`.
import { FORMATS } from "./inputs.mjs";

export const HELP = `simile: build and inspect simile snapshots, serve Qdrant's REST API

Usage:
  simile build --input FILE --distance DIST --out FILE.snapshot [options]
  simile inspect FILE.snapshot [--json]
  simile serve [--port N] [--data DIR] [--api-key KEY] [options]
  simile pull URL COLLECTION -o FILE.snapshot [--filter JSON] [--api-key KEY]
  simile push FILE.snapshot URL [--collection NAME] [--api-key KEY]
  simile --help | --version

simile build reads vectors (with ids and payloads), builds one collection in a simile
Database and writes its snapshot: a collection snapshot by default, which an app restores
with db.loadCollection(name, bytes); with --database, a database snapshot for
Database.fromBytes(bytes).

Input
  -i, --input FILE           the vectors (may also be given as the first argument)
  -f, --format FORMAT        ${FORMATS.join(" | ")}; default from the extension
                             (.jsonl/.ndjson, .f32, .f16, .npy)
      --dim N                values per vector: required for f32 and f16;
                             checked against .npy shapes and JSON Lines rows
      --ids FILE             f32/f16/npy: one point id per line (an unsigned
                             integer or a UUID), line i for row i
      --start-id N           f32/f16/npy without --ids: ids N, N+1, ... (default 0)
      --payloads FILE        f32/f16/npy: JSON Lines, one object (or null) per row

  jsonl   one point per line: {"id": 7, "vector": [0.1, ...], "payload": {...}}
          ("payload" optional; "vector" may be {"name": [...], ...} for named vectors)
  f32     raw little-endian float32, row after row (rows = bytes / (4 × dim))
  f16     raw little-endian IEEE half floats, converted to float32
  npy     NumPy .npy, 2-D, C order, dtype <f4, <f2 or <f8 (converted to float32)

Collection
  -d, --distance DIST        Cosine | Dot | Euclid | Manhattan
      --vector NAME:DIM[:DIST]
                             jsonl: declare a named vector (repeatable); without
                             it, the vectors' names and sizes come from the first row
  -n, --name NAME            collection name (default: the output's base name)
      --datatype TYPE        float32 (default) | float16 | uint8: how vectors are
                             stored (uint8 keeps x as u8 of each value: 0..255)
      --hnsw                 build the HNSW graphs now: the snapshot carries them and
                             loads ready to search (Qdrant's default m 16, ef_construct 100)
      --m N                  graph links per point (implies --hnsw)
      --ef-construct N       build-time search width, at least 4 (implies --hnsw)

Output
  -o, --out FILE             where to write the snapshot (written to FILE.tmp-*,
                             then renamed)
      --database             write a database snapshot instead
      --json                 print the summary as JSON

Tuning
      --batch N              rows per upsert call (default: ~4 MiB of vectors)
      --memory-budget SIZE   bytes the collection may use in memory (default 1G;
                             suffixes K, M, G). WebAssembly has 4 GiB in all, and
                             writing the snapshot needs about as much again.
      --progress             always report progress on stderr
  -q, --quiet                never report progress
Progress is a bar when stderr is a terminal, otherwise a line every 5 s, and only for
builds that take more than a second.

Moving collections to and from a Qdrant server (or simile serve)
  pull copies one collection of the server at URL into a collection snapshot file;
  push copies the collections of a snapshot file to the server. Both recreate the
  config and payload indexes, copy points in batches, retry transient failures
  and compare counts at the end.
      --filter JSON          pull: only the points matching this Qdrant filter
      --collection NAME      push: the collection's name (default: the file's
                             base name; with a database snapshot, only this one)
      --api-key KEY          the server's API key (default: $QDRANT_API_KEY)
      --batch N              points per batch (default 256)

Examples
  simile build points.jsonl --distance Cosine --out points.snapshot
  simile build emb.npy --ids ids.txt --payloads meta.jsonl -d Dot -o docs.snapshot
  simile build vectors.f16 --dim 384 --start-id 1 -d Cosine -n debian -o debian.snapshot
  simile inspect docs.snapshot
  simile pull http://localhost:6333 docs -o docs.snapshot --filter '{"must":[{"key":"user","match":{"value":7}}]}'
  simile push docs.snapshot https://xyz.cloud.qdrant.io:6333 --api-key "$KEY"

Errors in the input are reported with their line (jsonl, ids, payloads) or row (raw
formats) and exit with status 1.

simile serve
Answers Qdrant's REST API over HTTP (any official Qdrant client can connect), in memory
or durably with --data. Prints the URL it listens on as the first line of stdout.
      --host HOST            address to bind (default 127.0.0.1); anything beyond
                             loopback is refused unless --api-key is set
      --port N               port (default 6333; 0 picks a free one)
      --api-key KEY          required on every request (header api-key or
                             Authorization: Bearer KEY) except /, /healthz, /livez, /readyz
      --read-only-api-key KEY
                             a second key that may only read (searches, queries,
                             scroll, count, retrieve, info); writes answer 403
      --data DIR             keep collections in DIR across restarts: every write is
                             logged and flushed to disk before a ?wait=true answer
      --compact-bytes SIZE   fold the log into a snapshot past this size (default 64M)
      --max-request-mb N     largest request body (default 32, as Qdrant)
      --memory-budget SIZE   bytes all collections may use (upserts beyond: 507)
  -q, --quiet                no start/stop lines on stderr
SIGINT or SIGTERM stops it gracefully (in-flight requests finish, the log is flushed).`;
