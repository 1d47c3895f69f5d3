// Qdrant REST models (v1.19), part of js/models.d.ts: filters (conditions, matches, ranges).

import type { ExtendedPointId } from "./basics.js";

export type ValueVariants = string | number | boolean;
export type AnyVariants = string[] | number[];
export type MatchValue = {
  value: ValueVariants;
};
export type MatchText = {
  text: string;
};
export type MatchTextAny = {
  text_any: string;
};
export type MatchPhrase = {
  phrase: string;
};
export type MatchPrefix = {
  prefix: string;
};
export type MatchAny = {
  any: AnyVariants;
};
export type MatchExcept = {
  except: AnyVariants;
};
export type Match = MatchValue | MatchText | MatchTextAny | MatchPhrase | MatchPrefix | MatchAny | MatchExcept;
export type Range = {
  lt?: number | null;
  gt?: number | null;
  gte?: number | null;
  lte?: number | null;
};
/** RFC 3339 datetimes (a date alone, or without a zone, means UTC). */
export type DatetimeRange = {
  lt?: string | null;
  gt?: string | null;
  gte?: string | null;
  lte?: string | null;
};
export type RangeInterface = Range | DatetimeRange;
export type GeoPoint = {
  lon: number;
  lat: number;
};
export type GeoBoundingBox = {
  top_left: GeoPoint;
  bottom_right: GeoPoint;
};
export type GeoRadius = {
  center: GeoPoint;
  /** Meters. */
  radius: number;
};
export type GeoLineString = {
  points: GeoPoint[];
};
export type GeoPolygon = {
  exterior: GeoLineString;
  interiors?: GeoLineString[] | null;
};
export type ValuesCount = {
  lt?: number | null;
  gt?: number | null;
  gte?: number | null;
  lte?: number | null;
};
/** A condition on one payload field (`key` is a JSON path such as `a.b[].c`). */
export type FieldCondition = {
  key: string;
  match?: Match | null;
  range?: RangeInterface | null;
  geo_bounding_box?: GeoBoundingBox | null;
  geo_radius?: GeoRadius | null;
  geo_polygon?: GeoPolygon | null;
  values_count?: ValuesCount | null;
  is_empty?: boolean | null;
  is_null?: boolean | null;
};
export type PayloadField = {
  key: string;
};
export type IsEmptyCondition = {
  is_empty: PayloadField;
};
export type IsNullCondition = {
  is_null: PayloadField;
};
export type HasIdCondition = {
  has_id: ExtendedPointId[];
};
export type HasVectorCondition = {
  has_vector: string;
};
export type Slice = {
  total: number;
  index: number;
};
export type SliceCondition = {
  slice: Slice;
};
export type Nested = {
  key: string;
  filter: Filter;
};
export type NestedCondition = {
  nested: Nested;
};
export type Condition =
  | FieldCondition
  | IsEmptyCondition
  | IsNullCondition
  | HasIdCondition
  | HasVectorCondition
  | SliceCondition
  | NestedCondition
  | Filter;
export type MinShould = {
  conditions: Condition[];
  min_count: number;
};
export type Filter = {
  should?: Condition | Condition[] | null;
  min_should?: MinShould | null;
  must?: Condition | Condition[] | null;
  must_not?: Condition | Condition[] | null;
};
