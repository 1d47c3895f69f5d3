// Types for `simile/migrate` (js/migrate.js).

/** Anything with the `QdrantClient` methods migrate uses: simile's drop-in, or
 *  `@qdrant/js-client-rest` pointed at a Qdrant server or at `simile serve`. */
export interface MigrateClient {
  getCollections(): Promise<{ collections: { name: string }[] }>;
  getCollection(name: string): Promise<unknown>;
  collectionExists(name: string): Promise<{ exists: boolean }>;
  createCollection(name: string, args: object): Promise<boolean>;
  deleteCollection(name: string): Promise<boolean>;
  createPayloadIndex(name: string, args: object): Promise<unknown>;
  scroll(name: string, args: object): Promise<{ points: { id: unknown; payload?: unknown; vector?: unknown }[]; next_page_offset?: unknown }>;
  upsert(name: string, args: object): Promise<unknown>;
  count(name: string, args?: object): Promise<{ count: number }>;
}

/** Where a copy stopped: pass it back as `checkpoint` to resume. */
export interface MigrateCheckpoint {
  collection: string;
  /** The next page's offset (`null`: the collection is complete). */
  offset: unknown;
  copied: number;
}

export interface MigrateProgress {
  collection: string;
  copied: number;
  total: number;
  checkpoint: MigrateCheckpoint;
  done: boolean;
}

export interface MigrateOptions {
  /** Default: every collection of the source. */
  collections?: string[];
  /** Points per scroll page and upsert (default 100). */
  batchSize?: number;
  /** Copy only the points matching this Qdrant filter. */
  filter?: object;
  /** When the destination has the collection already (default "raise"). */
  onCollision?: "raise" | "recreate" | "skip";
  onProgress?: (progress: MigrateProgress) => void;
  checkpoint?: MigrateCheckpoint;
  /** Attempts per batch on transient failures (default 3), and the pause between them. */
  attempts?: number;
  pauseMs?: number;
}

/** Copies collections between two clients; resolves to the points copied per collection. */
export function migrate(from: MigrateClient, to: MigrateClient, options?: MigrateOptions): Promise<Record<string, number>>;
