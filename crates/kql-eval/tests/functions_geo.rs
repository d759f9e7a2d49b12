//! `geo_*` functions: expected values from the Kusto docs examples
//! (learn.microsoft.com/kusto/query/geo-<name>-function, cited per test) and the
//! conformance cases of the same names.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, rows};

#[test]
fn geohash() {
    // geo-point-to-geohash-function (conformance geo-point-to-geohash-function-02).
    let q = "datatable(id:string, lon:real, lat:real)
             ['A', -122.303404, 47.570482, 'B', -122.304745, 47.567052, 'C', -122.278156, 47.566936]
             | summarize count(), make_list(id) by h = geo_point_to_geohash(lon, lat) | sort by h asc";
    assert_eq!(rows(q), ["c23n8|2|[\"A\",\"B\"]", "c23n9|1|[\"C\"]"]);
    // "If the coordinate or accuracy is invalid, the query produces an empty result."
    assert_eq!(
        rows("print geo_point_to_geohash(300, 1), geo_point_to_geohash(1, 1, 19)"),
        ["|"]
    );
    // geo-geohash-to-central-point-function (conformance -00 and -02).
    assert_eq!(
        rows("print geo_geohash_to_central_point('sunny')"),
        [r#"{"type":"Point","coordinates":[42.47314453125,23.70849609375]}"#]
    );
    assert_eq!(
        rows(
            "print p = geo_geohash_to_central_point('sv8wzvy7') | project p.coordinates[0], p.coordinates[1]"
        ),
        ["34.80245590209961|32.15620994567871"]
    );
    // geo-geohash-neighbors-function-02: the polygon of a cell, counter-clockwise.
    assert_eq!(
        rows("print geo_geohash_to_polygon('sunny')"),
        [
            r#"{"type":"Polygon","coordinates":[[[42.451171875,23.6865234375],[42.4951171875,23.6865234375],[42.4951171875,23.73046875],[42.451171875,23.73046875],[42.451171875,23.6865234375]]]}"#
        ]
    );
    // Invalid geohashes give null (geo-geohash-to-polygon-function, -neighbors-function).
    assert_eq!(
        rows("print isnull(geo_geohash_to_polygon('a')), isnull(geo_geohash_neighbors('a'))"),
        ["true|true"]
    );
    assert!(error("print geo_geohash_neighbors('sunny')").contains("undocumented"));
    assert!(error("print geo_geohash_to_polygon('SUNNY')").contains("undocumented"));
}

#[test]
fn h3() {
    // geo-point-to-h3cell-function, geo-h3cell-level-function, geo-h3cell-parent-function.
    assert_eq!(
        rows("print geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6)"),
        ["862a1072fffffff"]
    );
    assert_eq!(
        rows("print geo_point_to_h3cell(300, 1, 8), geo_point_to_h3cell(1, 1, 16)"),
        ["|"]
    );
    assert_eq!(rows("print geo_h3cell_level('862a1072fffffff')"), ["6"]);
    assert_eq!(
        rows("print geo_h3cell_parent('862a1072fffffff')"),
        ["852a1073fffffff"]
    );
    assert_eq!(
        rows("print geo_h3cell_parent('862a1072fffffff', 1)"),
        ["812a3ffffffffff"]
    );
    assert_eq!(
        rows(
            "print isempty(geo_h3cell_parent('862a1072fffffff', 100)), isempty(geo_h3cell_parent('123'))"
        ),
        ["true|true"]
    );
    // geo-h3cell-children-function.
    assert_eq!(
        rows("print geo_h3cell_children('862a1072fffffff')"),
        [
            r#"["872a10728ffffff","872a10729ffffff","872a1072affffff","872a1072bffffff","872a1072cffffff","872a1072dffffff","872a1072effffff"]"#
        ]
    );
    assert_eq!(
        rows("print array_length(geo_h3cell_children('862a1072fffffff', 9))"),
        ["343"]
    );
    assert_eq!(
        rows("print isnull(geo_h3cell_children(geo_point_to_h3cell(1, 1, 9), 15))"),
        ["true"]
    );
    // geo-h3cell-rings-function (conformance -00 and -05).
    assert_eq!(
        rows("print geo_h3cell_rings('861f8894fffffff', 1)"),
        [
            r#"[["861f8894fffffff"],["861f88947ffffff","861f8895fffffff","861f88867ffffff","861f8d497ffffff","861f8d4b7ffffff","861f8896fffffff"]]"#
        ]
    );
    assert_eq!(
        rows("print isnull(geo_h3cell_rings('861f8894fffffff', 150))"),
        ["true"]
    );
    // geo-h3cell-to-polygon-function-01: the first cell's outline.
    // Compared to 1e-12: the last digit depends on floating-point contraction.
    let v = rows(
        "print p = geo_h3cell_to_polygon(geo_point_to_h3cell(-73.956683, 40.807907, 6))
         | project p.coordinates[0][0][0], p.coordinates[0][0][1]",
    );
    let v: Vec<f64> = v[0]
        .split('|')
        .map(|x| x.parse().unwrap_or(f64::NAN))
        .collect();
    assert!((v[0] + 73.9609635556213).abs() < 1e-12 && (v[1] - 40.82906173241991).abs() < 1e-12);
    assert_eq!(rows("print isnull(geo_h3cell_to_polygon('@'))"), ["true"]);
    assert!(error("print geo_h3cell_neighbors('862a1072fffffff')").contains("undocumented"));
}

#[test]
fn s2() {
    // geo-point-to-s2cell-function and geo-s2cell-to-central-point-function examples.
    assert_eq!(
        rows("print geo_point_to_s2cell(-80.195829, 25.802215, 8)"),
        ["88d9b"]
    );
    assert_eq!(
        rows("print geo_point_to_s2cell(10.1234, 53, 8), geo_point_to_s2cell(10.6842, 53, 8)"),
        ["47b1d|47ae3"]
    );
    assert_eq!(
        rows("print geo_point_to_s2cell(300, 1, 8), geo_point_to_s2cell(1, 1, 35)"),
        ["|"]
    );
    let c = rows(
        "print p = geo_s2cell_to_central_point('1234567') | project p.coordinates[0], p.coordinates[1]",
    );
    let v: Vec<f64> = c[0]
        .split('|')
        .map(|x| x.parse().unwrap_or(f64::NAN))
        .collect();
    assert!((v[0] - 9.86830731850408).abs() < 1e-12 && (v[1] - 27.468392925827604).abs() < 1e-12);
    assert_eq!(
        rows("print isnull(geo_s2cell_to_central_point('a')), isnull(geo_s2cell_neighbors('a'))"),
        ["true|true"]
    );
}

#[test]
fn sphere() {
    // geo-distance-2points-function: Seattle to Los Angeles, 1546754.35197381 m.
    let d = rows("print geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056)");
    let d: f64 = d[0].parse().unwrap_or(f64::NAN);
    assert!((d - 1546754.35197381).abs() < 1e-6);
    assert_eq!(
        rows("print isnull(geo_distance_2points(300, 1, 1, 1))"),
        ["true"]
    );
    // geo-point-in-circle-function (conformance -03, -04, -06).
    assert_eq!(
        rows(
            "print geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500),
                   geo_point_in_circle(-122.137575, 47.630683, -122.100896, 47.527351, 3500),
                   isnull(geo_point_in_circle(1, 1, 1, 1, -1))"
        ),
        ["true|false|true"]
    );
    // geo-angle-function (conformance -01, -02) and geo-azimuth-function.
    let a = rows("print degrees(geo_angle(0, 10, 0, 5, 3, -10))");
    assert!((a[0].parse::<f64>().unwrap_or(f64::NAN) - 168.73254319800884).abs() < 1e-9);
    assert_eq!(
        rows("print isnull(geo_angle(0, 10, 0, 10, 3, -10)), isnull(geo_azimuth(5, 10, 5, 10))"),
        ["true|true"]
    );
    let z = rows("print geo_azimuth(5, 10, 10, -40)");
    assert!((z[0].parse::<f64>().unwrap_or(f64::NAN) - 3.05459939796449).abs() < 1e-12);
    // Conformance geo-line-length-function-01.
    let l = rows(
        r#"print geo_line_length(dynamic({"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]}))"#,
    );
    assert!((l[0].parse::<f64>().unwrap_or(f64::NAN) - 8262.243397537412).abs() < 1e-6);
    assert!(error("print geo_distance_2points(1, 1, 2, 2, true)").contains("undocumented"));
}

#[test]
fn point_in_polygon() {
    // geo-point-in-polygon-function: Manhattan without Central Park (conformance -00).
    let manhattan = r#"dynamic({"type":"Polygon","coordinates":[[[-73.92597198486328,40.87821814104651],[-73.94691467285156,40.85069618625578],[-73.94691467285156,40.841865966890786],[-74.01008605957031,40.7519385984599],[-74.01866912841797,40.704586878965245],[-74.01214599609375,40.699901911003046],[-73.99772644042969,40.70875101828792],[-73.97747039794922,40.71083299030839],[-73.97026062011719,40.7290474687069],[-73.97506713867186,40.734510840309376],[-73.970947265625,40.74543623770158],[-73.94210815429688,40.77586181063573],[-73.9434814453125,40.78080140115127],[-73.92974853515625,40.79691751000055],[-73.93077850341797,40.804454347291006],[-73.93489837646484,40.80965166748853],[-73.93524169921875,40.837190668541105],[-73.92288208007812,40.85770758108904],[-73.9101791381836,40.871728144624974],[-73.92597198486328,40.87821814104651]],[[-73.95824432373047,40.80071852197889],[-73.98206233978271,40.76815921628347],[-73.97309303283691,40.76422632379533],[-73.94914627075195,40.796949998204596],[-73.95824432373047,40.80071852197889]]]})"#;
    let q = format!(
        "datatable(lon:real, lat:real) [-73.985654, 40.748487, -73.963249, 40.779525, -73.874367, 40.777356]
         | project geo_point_in_polygon(lon, lat, {manhattan})"
    );
    assert_eq!(rows(&q), ["true", "false", "false"]);
    // A ring's orientation does not matter: "the smaller of the two regions".
    let cw = r#"dynamic({"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]})"#;
    assert_eq!(
        rows(&format!(
            "print geo_point_in_polygon(0.5, 0.5, {cw}), geo_point_in_polygon(2, 2, {cw})"
        )),
        ["true|false"]
    );
    // Conformance -06: repeated vertices make the polygon invalid, so null.
    assert_eq!(
        rows(
            r#"print isnull(geo_point_in_polygon(1,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))"#
        ),
        ["true"]
    );
    // A point on an edge is refused: the docs' boundary rule is S2's.
    assert!(error(&format!("print geo_point_in_polygon(0.5, 0, {cw})")).contains("undocumented"));
}

const CENTRAL_PARK: &str = r#"dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})"#;

/// `a` within 1e-9 relative of `b` (run.py's tolerance).
fn close(a: &str, b: f64) -> bool {
    a.parse::<f64>()
        .is_ok_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1e-300))
}

#[test]
fn polygon_measures() {
    // geo-polygon-area-function (conformance -00): 3475207.28346606 m².
    let area = rows(&format!("print geo_polygon_area({CENTRAL_PARK})"));
    assert!(close(&area[0], 3475207.28346606), "{area:?}");
    // geo-polygon-centroid-function (conformance -00).
    let c = rows(&format!(
        "print c = geo_polygon_centroid({CENTRAL_PARK}) | project c.coordinates[0], c.coordinates[1]"
    ));
    let (lon, lat) = c[0].split_once('|').unwrap_or_default();
    assert!(
        close(lon, -73.96573568990762) && close(lat, 40.78255053805781),
        "{c:?}"
    );
    // geo-distance-point-to-polygon-function (conformance -00): 259.9407560705964 m.
    let d = rows(&format!(
        "print geo_distance_point_to_polygon(-73.9839, 40.7705, {CENTRAL_PARK})"
    ));
    assert!(close(&d[0], 259.9407560705964), "{d:?}");
    // geo-closest-point-on-polygon-function (conformance -00, -01, -02).
    let p = rows(&format!(
        "print p = geo_closest_point_on_polygon(-73.9839, 40.7705, {CENTRAL_PARK}) | project p.coordinates[0], p.coordinates[1]"
    ));
    let (lon, lat) = p[0].split_once('|').unwrap_or_default();
    assert!(
        close(lon, -73.98120558015391) && close(lat, 40.76935945284321),
        "{p:?}"
    );
    assert_eq!(
        rows(
            r#"print isnull(geo_closest_point_on_polygon(500,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))),
                     isnull(geo_closest_point_on_polygon(1,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))"#
        ),
        ["true|true"]
    );
    // Inside, the distance is 0 and the point is its own closest point.
    assert_eq!(
        rows(&format!(
            "print geo_distance_point_to_polygon(-73.9656, 40.7825, {CENTRAL_PARK})"
        )),
        ["0"]
    );
}

#[test]
fn line_measures() {
    let line = r#"dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]})"#;
    // geo-line-interpolate-point-function (conformance -02).
    let p = rows(&format!(
        "print p = geo_line_interpolate_point({line}, 0.9) | project p.coordinates[0], p.coordinates[1]"
    ));
    let (lon, lat) = p[0].split_once('|').unwrap_or_default();
    assert!(
        close(lon, -73.96556545832799) && close(lat, 40.79052937973534),
        "{p:?}"
    );
    // geo-line-centroid-function (conformance -01).
    let c = rows(&format!(
        "print c = geo_line_centroid({line}) | project c.coordinates[0]"
    ));
    assert!(close(&c[0], -73.96606756268372), "{c:?}");
    // geo-line-locate-point-function (conformance -00).
    let f = rows(
        r#"print geo_line_locate_point(dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]}), -73.965, 40.792)"#,
    );
    assert!(close(&f[0], 0.2556013510030755), "{f:?}");
    // geo-line-interpolate-point-function-03: a one-point line is invalid.
    assert_eq!(
        rows(
            r#"print isnull(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 0.5))"#
        ),
        ["true"]
    );
    assert!(
        error(&format!("print geo_line_interpolate_point({line}, 2)")).contains("undocumented")
    );
}

#[test]
fn from_wkt() {
    // geo-from-wkt-function, "Examples".
    assert_eq!(
        rows(r#"print geo_from_wkt("LINESTRING (1 2, 3 4)"), isnull(geo_from_wkt("nonsense"))"#),
        [r#"{"type":"LineString","coordinates":[[1.0,2.0],[3.0,4.0]]}|true"#]
    );
}

#[test]
fn intersects_and_null_shapes() {
    let cross = r#"print geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[0,0],[2,2]]}), dynamic({"type":"LineString","coordinates":[[0,2],[2,0]]})),
        geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[0,0],[1,0]]}), dynamic({"type":"LineString","coordinates":[[0,2],[2,3]]}))"#;
    assert_eq!(rows(cross), ["true|false"]);
    // Conformance geo-intersects-2polygons-function-02, geo-line-buffer-function-03,
    // geo-polygon-buffer-function-03, geo-point-buffer-function-02,
    // geo-polygon-densify-function-03.
    assert_eq!(
        rows(&format!(
            r#"print isnull(geo_intersects_2polygons(dynamic({{"type":"Polygon"}}), {CENTRAL_PARK})),
                     isnull(geo_line_buffer(dynamic({{"type":"LineString","coordinates":[[0,0],[1,1]]}}), 0)),
                     isnull(geo_polygon_buffer(dynamic({{"type":"Polygon","coordinates":[[[10,10],[0,10],[0,0],[10,10]]]}}), 0)),
                     isnull(geo_point_buffer(200, 1, 0.1)),
                     isnull(geo_polygon_densify({CENTRAL_PARK}, 0))"#
        )),
        ["true|true|true|true|true"]
    );
    assert!(error("print geo_point_buffer(1, 1, 100)").contains("undocumented"));
}

#[test]
fn lookup_plugins() {
    // geo-line-lookup-plugin (conformance -03): 350 m from the roads.
    let q = r#"let roads = datatable(road_name:string, road:dynamic)
        [
            "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
            "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
        ];
        datatable(location_name:string, longitude:real, latitude:real)
        [
            "Empire State Building", -73.98567337898565, 40.74842629977377,
            "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
            "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
            "Kensington Palace", -0.1885272501232862,  51.504906159672316
        ]
        | evaluate geo_line_lookup(roads, road, longitude, latitude, 350)
        | summarize count() by road_name | sort by road_name asc"#;
    assert_eq!(rows(q), ["5th Avenue NY|2", "Palace Ave|1"]);
    // geo-polygon-lookup-plugin (conformance -01): unmatched rows kept with empty lookup columns.
    let q = format!(
        r#"let polygons = datatable(polygon_name:string, polygon:dynamic) ["Central Park", {CENTRAL_PARK}];
        datatable(name:string, longitude:real, latitude:real) ["in", -73.9656, 40.7825, "out", 2.29, 48.85]
        | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_unmatched = true)
        | project name, polygon_name"#
    );
    assert_eq!(rows(&q), ["in|Central Park", "out|"]);
}
