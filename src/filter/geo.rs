//! Geo conditions: bounding box, radius (Haversine) and polygon.
//!
//! Shapes and rules follow Qdrant `lib/segment/src/types.rs` (`GeoPoint`, `GeoBoundingBox`,
//! `GeoRadius`, `GeoPolygon`); the distance and the point-in-polygon test reproduce the `geo`
//! crate Qdrant calls (`Haversine::distance`, `Polygon::contains`).
//!
//! * Filter points must have `lon ∈ [-180, 180]` and `lat ∈ [-90, 90]`, else the filter fails to
//!   parse. Stored points are any object with numeric `lon` and `lat`, not range-checked.
//! * Polygon rings need at least 4 points and must be closed (first = last within `f64::EPSILON`);
//!   Qdrant checks this while parsing, so a bad ring is a format (400) error, not a 422.

use serde::Deserialize;
use serde_json::Value;

/// Mean Earth radius in metres (the `geo` crate's `MEAN_EARTH_RADIUS`).
pub const MEAN_EARTH_RADIUS: f64 = 6_371_008.8;

/// A longitude/latitude pair in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "GeoPointShadow")]
pub struct GeoPoint {
    pub lon: f64,
    pub lat: f64,
}

#[derive(Deserialize)]
struct GeoPointShadow {
    lon: f64,
    lat: f64,
}

impl TryFrom<GeoPointShadow> for GeoPoint {
    type Error = String;
    fn try_from(p: GeoPointShadow) -> Result<Self, String> {
        if (-180.0..=180.0).contains(&p.lon) && (-90.0..=90.0).contains(&p.lat) {
            Ok(GeoPoint {
                lon: p.lon,
                lat: p.lat,
            })
        } else {
            Err(format!(
                "Wrong format of GeoPoint payload: expected `lat` = {} within [-90;90] and `lon` = {} within [-180;180]",
                p.lat, p.lon
            ))
        }
    }
}

impl GeoPoint {
    /// The point stored in a payload value: an object with numeric `lon` and `lat`.
    pub fn from_payload(value: &Value) -> Option<GeoPoint> {
        let obj = value.as_object()?;
        let lon = obj.get("lon")?.as_f64()?;
        let lat = obj.get("lat")?.as_f64()?;
        Some(GeoPoint { lon, lat })
    }
}

/// `geo_bounding_box`: strictly inside the rectangle.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GeoBoundingBox {
    pub top_left: GeoPoint,
    pub bottom_right: GeoPoint,
}

impl GeoBoundingBox {
    /// `bottom_right.lat < lat < top_left.lat` and `top_left.lon < lon < bottom_right.lon`; when
    /// `top_left.lon > bottom_right.lon` the box crosses the antimeridian and the longitude test
    /// becomes `lon > top_left.lon || lon < bottom_right.lon`.
    pub fn contains(&self, p: GeoPoint) -> bool {
        let (tl, br) = (self.top_left, self.bottom_right);
        let lon_ok = if tl.lon > br.lon {
            p.lon > tl.lon || p.lon < br.lon
        } else {
            tl.lon < p.lon && p.lon < br.lon
        };
        lon_ok && br.lat < p.lat && p.lat < tl.lat
    }
}

/// `geo_radius`: Haversine distance to `center` strictly below `radius` metres.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GeoRadius {
    pub center: GeoPoint,
    pub radius: f64,
}

impl GeoRadius {
    pub fn contains(&self, p: GeoPoint) -> bool {
        haversine(self.center, p) < self.radius
    }
}

/// Great-circle distance in metres:
/// `a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)`, `d = 2 R asin(√a)`, `R = 6 371 008.8 m`.
pub fn haversine(from: GeoPoint, to: GeoPoint) -> f64 {
    let theta1 = from.lat.to_radians();
    let theta2 = to.lat.to_radians();
    let delta_theta = (to.lat - from.lat).to_radians();
    let delta_lambda = (to.lon - from.lon).to_radians();
    let a = (delta_theta / 2.0).sin().powi(2)
        + theta1.cos() * theta2.cos() * (delta_lambda / 2.0).sin().powi(2);
    2.0 * MEAN_EARTH_RADIUS * a.sqrt().asin()
}

/// A ring of points (`{"points": [...]}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GeoLineString {
    pub points: Vec<GeoPoint>,
}

/// `geo_polygon`: strictly inside the exterior ring and strictly outside every hole.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "GeoPolygonShadow")]
pub struct GeoPolygon {
    pub exterior: GeoLineString,
    pub interiors: Vec<GeoLineString>,
}

#[derive(Deserialize)]
struct GeoPolygonShadow {
    exterior: GeoLineString,
    interiors: Option<Vec<GeoLineString>>,
}

impl TryFrom<GeoPolygonShadow> for GeoPolygon {
    type Error = String;
    fn try_from(p: GeoPolygonShadow) -> Result<Self, String> {
        let interiors = p.interiors.unwrap_or_default();
        for ring in std::iter::once(&p.exterior).chain(&interiors) {
            validate_ring(ring)?;
        }
        Ok(GeoPolygon {
            exterior: p.exterior,
            interiors,
        })
    }
}

fn validate_ring(ring: &GeoLineString) -> Result<(), String> {
    let pts = &ring.points;
    if pts.len() <= 3 {
        return Err(format!(
            "polygon invalid, the size must be at least 4, got {}",
            pts.len()
        ));
    }
    let (first, last) = (pts[0], pts[pts.len() - 1]);
    if (first.lat - last.lat).abs() > f64::EPSILON || (first.lon - last.lon).abs() > f64::EPSILON {
        return Err("polygon invalid, the first and the last points should be the same to form a closed line".into());
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum Position {
    Inside,
    OnBoundary,
    Outside,
}

impl GeoPolygon {
    /// The `geo` crate's `Polygon::contains(Point)`: inside the exterior, not on any boundary,
    /// not inside a hole.
    pub fn contains(&self, p: GeoPoint) -> bool {
        ring_position(p, &self.exterior.points) == Position::Inside
            && self
                .interiors
                .iter()
                .all(|h| ring_position(p, &h.points) == Position::Outside)
    }
}

/// Winding number with an on-boundary short-circuit (`geo`'s `coord_pos_relative_to_ring`):
/// upward edges include their start, downward edges their end, horizontal edges count only for
/// the boundary test.
fn ring_position(p: GeoPoint, ring: &[GeoPoint]) -> Position {
    let mut winding = 0i64;
    for edge in ring.windows(2) {
        let (a, b) = (edge[0], edge[1]);
        let orient = (b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon);
        let between = p.lon >= a.lon.min(b.lon) && p.lon <= a.lon.max(b.lon);
        if a.lat <= p.lat {
            if b.lat >= p.lat {
                if orient > 0.0 && b.lat != p.lat {
                    winding += 1;
                } else if orient == 0.0 && between {
                    return Position::OnBoundary;
                }
            }
        } else if b.lat <= p.lat {
            if orient < 0.0 {
                winding -= 1;
            } else if orient == 0.0 && between {
                return Position::OnBoundary;
            }
        }
    }
    if winding == 0 {
        Position::Outside
    } else {
        Position::Inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pt(lon: f64, lat: f64) -> GeoPoint {
        GeoPoint { lon, lat }
    }

    #[test]
    #[rustfmt::skip]
    fn point_range_checked_at_parse() {
        assert!(crate::json::from_value::<GeoPoint>(&json!({"lon": 180, "lat": -90})).is_ok());
        assert!(crate::json::from_value::<GeoPoint>(&json!({"lon": 180.5, "lat": 0})).is_err());
        assert!(crate::json::from_value::<GeoPoint>(&json!({"lon": 0, "lat": 91})).is_err());
        assert!(crate::json::from_value::<GeoPoint>(&json!({"lon": 0})).is_err());
        assert_eq!(GeoPoint::from_payload(&json!({"lon": 500, "lat": 1})), Some(pt(500.0, 1.0)));
        assert_eq!(GeoPoint::from_payload(&json!({"lon": "1", "lat": 1})), None);
    }

    #[test]
    #[rustfmt::skip]
    fn bounding_box_strict_and_antimeridian() {
        let bbox = GeoBoundingBox { top_left: pt(-10.0, 50.0), bottom_right: pt(10.0, 40.0) };
        assert!(bbox.contains(pt(0.0, 45.0)));
        assert!(!bbox.contains(pt(10.0, 45.0)), "edge excluded");
        assert!(!bbox.contains(pt(0.0, 40.0)), "edge excluded");
        let across = GeoBoundingBox { top_left: pt(170.0, 10.0), bottom_right: pt(-170.0, -10.0) };
        assert!(across.contains(pt(175.0, 0.0)));
        assert!(across.contains(pt(-175.0, 0.0)));
        assert!(!across.contains(pt(0.0, 0.0)));
    }

    #[test]
    #[rustfmt::skip]
    fn radius_haversine() {
        let berlin = pt(13.413637435864272, 52.52197645);
        let near = GeoRadius { center: pt(13.413637, 52.521976), radius: 2000.0 };
        let far = GeoRadius { center: pt(20.423637, 52.511), radius: 2000.0 };
        assert!(near.contains(berlin));
        assert!(!far.contains(berlin));
        let d = haversine(pt(0.0, 0.0), pt(1.0, 0.0));
        assert!((d - 111_195.08).abs() < 0.1, "{d}");
        let zero = GeoRadius { center: berlin, radius: 0.0 };
        assert!(!zero.contains(berlin), "strict <");
    }

    #[test]
    #[rustfmt::skip]
    fn polygon_interior_holes_boundary() {
        let poly: GeoPolygon = crate::json::from_value(&json!({
            "exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 10, "lat": 0}, {"lon": 10, "lat": 10}, {"lon": 0, "lat": 10}, {"lon": 0, "lat": 0}]},
            "interiors": [{"points": [{"lon": 4, "lat": 4}, {"lon": 6, "lat": 4}, {"lon": 6, "lat": 6}, {"lon": 4, "lat": 6}, {"lon": 4, "lat": 4}]}]
        }))
        .unwrap();
        let cases = [
            ("inside", pt(2.0, 2.0), true),
            ("in hole", pt(5.0, 5.0), false),
            ("hole boundary", pt(4.0, 5.0), false),
            ("outer boundary", pt(0.0, 5.0), false),
            ("vertex", pt(10.0, 10.0), false),
            ("outside", pt(11.0, 5.0), false),
            ("between hole and edge", pt(8.0, 5.0), true),
        ];
        for (name, p, want) in cases {
            assert_eq!(poly.contains(p), want, "{name}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn polygon_rings_validated_at_parse() {
        let open = json!({"exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 1, "lat": 1}, {"lon": 0, "lat": 1}]}});
        let short = json!({"exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 0, "lat": 0}]}});
        let bad_hole = json!({
            "exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 1, "lat": 1}, {"lon": 0, "lat": 0}]},
            "interiors": [{"points": []}]
        });
        for bad in [open, short, bad_hole] {
            assert!(
                crate::json::from_value::<GeoPolygon>(&bad).is_err(),
                "{bad}"
            );
        }
    }
}
