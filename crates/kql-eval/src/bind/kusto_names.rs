//! Names Kusto knows but `kql` does not implement: a call to one is refused as
//! `kql::check::unsupported` (the query is valid KQL, `kql` cannot run it), while any
//! other unknown name is `kql::check::unknown_function` / `unknown_plugin`, a mistake a
//! Kusto engine rejects too.
//!
//! ```text
//! EmailEvents | extend g = geo_info_from_ip_address(SenderIPv4)  // unsupported
//! EmailEvents | extend g = geo_info_from_ip_adress(SenderIPv4)   // unknown_function
//! EmailEvents | evaluate narrow()                                  // unsupported
//! EmailEvents | evaluate pivott(EmailDirection)                   // unknown_plugin
//! ```
//!
//! The lists come from the Kusto function and plugin reference
//! (learn.microsoft.com/kusto/query/scalar-functions, .../aggregation-functions,
//! .../plugins). Names the registry implements are never looked up here.

/// Kusto scalar functions (the registry's own names are checked first).
#[rustfmt::skip]
const SCALAR: &[&str] = &[
    "ago", "array_concat", "array_iff", "array_index_of", "array_length", "array_reverse",
    "array_rotate_left", "array_rotate_right", "array_shift_left", "array_shift_right",
    "array_slice", "array_sort_asc", "array_sort_desc", "array_split", "array_sum",
    "asin", "acos", "atan", "atan2", "bag_has_key", "bag_keys", "bag_merge", "bag_pack",
    "bag_pack_columns", "bag_remove_keys", "bag_set_key", "bag_zip", "base64_decode_toarray",
    "base64_decode_toguid", "base64_decode_tostring", "base64_encode_fromarray",
    "base64_encode_fromguid", "base64_encode_tostring", "beta_cdf", "beta_inv", "beta_pdf",
    "bin", "bin_at", "bin_auto", "binary_and", "binary_not", "binary_or", "binary_shift_left",
    "binary_shift_right", "binary_xor", "bitset_count_ones", "case", "ceiling", "coalesce",
    "column_ifexists", "convert_angle", "convert_energy", "convert_force", "convert_length",
    "convert_mass", "convert_speed", "convert_temperature", "convert_volume", "cos", "cot",
    "countof", "current_cluster_endpoint", "current_database", "current_principal",
    "current_principal_details", "current_principal_is_member_of", "cursor_after",
    "cursor_before_or_at", "cursor_current", "datetime_add", "datetime_diff",
    "datetime_list_timezones", "datetime_local_to_utc", "datetime_part",
    "datetime_utc_to_local", "dayofmonth", "dayofweek", "dayofyear", "dcount_hll",
    "degrees", "dynamic_to_json", "endofday", "endofmonth", "endofweek", "endofyear",
    "erf", "erfc", "estimate_data_size", "exp", "exp10", "exp2", "extent_id",
    "extent_tags", "extract", "extract_all", "extract_json", "format_bytes",
    "format_datetime", "format_ipv4", "format_ipv4_mask", "format_timespan", "gamma",
    "geo_angle", "geo_azimuth", "geo_distance_2points", "geo_distance_point_to_line",
    "geo_distance_point_to_polygon", "geo_from_wkt", "geo_geohash_to_central_point",
    "geo_geohash_neighbors", "geo_geohash_to_polygon", "geo_h3cell_children",
    "geo_h3cell_level", "geo_h3cell_neighbors", "geo_h3cell_parent", "geo_h3cell_rings",
    "geo_h3cell_to_central_point", "geo_h3cell_to_polygon", "geo_info_from_ip_address",
    "geo_intersects_2lines", "geo_intersects_2polygons", "geo_intersects_line_with_polygon",
    "geo_intersection_2lines", "geo_intersection_2polygons",
    "geo_intersection_line_with_polygon", "geo_line_buffer", "geo_line_centroid",
    "geo_line_densify", "geo_line_length", "geo_line_simplify", "geo_line_to_s2cells",
    "geo_point_buffer", "geo_point_in_circle", "geo_point_in_polygon", "geo_point_to_geohash",
    "geo_point_to_h3cell", "geo_point_to_s2cell", "geo_polygon_area", "geo_polygon_buffer",
    "geo_polygon_centroid", "geo_polygon_densify", "geo_polygon_perimeter",
    "geo_polygon_simplify", "geo_polygon_to_h3cells", "geo_polygon_to_s2cells",
    "geo_s2cell_neighbors", "geo_s2cell_to_central_point", "geo_s2cell_to_polygon",
    "geo_simplify_polygons_array", "geo_union_lines_array", "geo_union_polygons_array",
    "getmonth", "gettype", "getyear", "gzip_compress_to_base64_string",
    "gzip_decompress_from_base64_string", "has_any_index", "has_any_ipv4",
    "has_any_ipv4_prefix", "has_ipv4", "has_ipv4_prefix", "hash", "hash_combine",
    "hash_many", "hash_md5", "hash_sha1", "hash_sha256", "hash_xxhash64", "hourofday",
    "iif", "indexof", "indexof_regex", "ingestion_time", "ipv4_compare", "ipv4_is_in_any_range",
    "ipv4_is_in_range", "ipv4_is_match", "ipv4_is_private", "ipv4_netmask_suffix",
    "ipv4_range_to_cidr_list", "ipv6_compare", "ipv6_is_in_any_range", "ipv6_is_in_range",
    "ipv6_is_match", "isascii", "isempty", "isfinite", "isinf", "isnan", "isnotempty",
    "isnotnull", "isnull", "isutf8", "jaccard_index", "log", "log10", "log2", "loggamma",
    "make_datetime", "make_timespan", "max_of", "min_of", "monthofyear", "new_guid",
    "not", "now", "pack", "pack_array", "pack_dictionary", "parse_command_line",
    "parse_csv", "parse_ipv4", "parse_ipv4_mask", "parse_ipv6", "parse_ipv6_mask",
    "parse_json", "parse_path", "parse_url", "parse_urlquery", "parse_user_agent",
    "parse_version", "parse_xml", "percentile_array_tdigest", "percentile_tdigest",
    "percentrank_tdigest", "pi", "pow", "punycode_domain_from_string",
    "punycode_domain_to_string", "punycode_from_string", "punycode_to_string", "radians",
    "rand", "range", "rank_tdigest", "regex_quote", "repeat", "replace", "replace_regex",
    "replace_string", "replace_strings", "reverse", "round", "series_abs", "series_acos",
    "series_add", "series_asin", "series_atan", "series_ceiling", "series_cos",
    "series_cosine_similarity", "series_decompose", "series_decompose_anomalies",
    "series_decompose_forecast", "series_divide", "series_dot_product", "series_equals",
    "series_exp", "series_fft", "series_fill_backward", "series_fill_const",
    "series_fill_forward", "series_fill_linear", "series_fir", "series_fit_2lines",
    "series_fit_2lines_dynamic", "series_fit_line", "series_fit_line_dynamic",
    "series_fit_poly", "series_floor", "series_greater", "series_greater_equals",
    "series_ifft", "series_iir", "series_less", "series_less_equals", "series_log",
    "series_magnitude", "series_multiply", "series_not_equals", "series_outliers",
    "series_pearson_correlation", "series_periods_detect", "series_periods_validate",
    "series_pow", "series_seasonal", "series_sign", "series_sin", "series_stats",
    "series_stats_dynamic", "series_subtract", "series_sum", "series_tan", "set_difference",
    "set_has_element", "set_intersect", "set_union", "sign", "sin", "split", "sqrt",
    "startofday", "startofmonth", "startofweek", "startofyear", "strcat", "strcat_array",
    "strcat_delim", "strcmp", "string_size", "strlen", "strrep", "substring", "tan",
    "to_utf8", "toarray", "tobool", "todatetime", "todecimal", "todouble", "todynamic",
    "toguid", "tohex", "toint", "tolong", "tolower", "toreal", "toscalar", "tostring",
    "totimespan", "toupper", "translate", "treepath", "trim", "trim_end", "trim_start",
    "unicode_codepoints_from_string", "unicode_codepoints_to_string",
    "unixtime_microseconds_todatetime",
    "unixtime_milliseconds_todatetime", "unixtime_nanoseconds_todatetime",
    "unixtime_seconds_todatetime", "url_decode", "url_encode", "url_encode_component",
    "week_of_year", "welch_test", "zip", "zlib_compress_to_base64_string",
    "zlib_decompress_from_base64_string",
];

/// Kusto aggregation functions.
#[rustfmt::skip]
const AGGREGATE: &[&str] = &[
    "any", "anyif", "arg_max", "arg_min", "avg", "avgif", "binary_all_and", "binary_all_or",
    "binary_all_xor", "buildschema", "count", "count_distinct", "count_distinctif",
    "countif", "dcount", "dcountif", "hll", "hll_if", "hll_merge", "make_bag",
    "make_bag_if", "make_list", "make_list_if", "make_list_with_nulls", "make_set",
    "make_set_if", "max", "maxif", "min", "minif", "percentile", "percentiles",
    "percentiles_array", "percentilew", "percentilesw", "percentilesw_array", "stdev",
    "stdevif", "stdevp", "sum", "sumif", "take_any", "take_anyif", "tdigest",
    "tdigest_merge", "merge_tdigest", "variance", "varianceif", "variancep",
    "variancepif",
];

/// Kusto `evaluate` plugins.
#[rustfmt::skip]
const PLUGINS: &[&str] = &[
    "active_users_count", "activity_counts_metrics", "activity_engagement",
    "activity_metrics", "autocluster", "azure_digital_twins_query_request", "bag_unpack",
    "basket", "cosmosdb_sql_request", "dcount_intersect", "diffpatterns",
    "diffpatterns_text", "funnel_sequence", "funnel_sequence_completion", "geo_line_lookup",
    "geo_polygon_lookup", "http_request", "http_request_post", "identity_resolution",
    "infer_storage_schema", "infer_storage_schema_with_suggestions", "ipv4_lookup",
    "ipv6_lookup", "mysql_request", "narrow", "new_activity_metrics", "pivot",
    "postgresql_request", "preview", "python", "r", "rolling_percentile", "rows_near",
    "schema_merge", "sequence_detect", "session_count", "sliding_window_counts",
    "sql_request",
];

/// Whether Kusto has a scalar function of this name.
pub(crate) fn is_kusto_scalar(name: &str) -> bool {
    SCALAR.contains(&name)
}

/// Whether Kusto has an aggregation function of this name.
pub(crate) fn is_kusto_aggregate(name: &str) -> bool {
    AGGREGATE.contains(&name)
}

/// Whether Kusto has an `evaluate` plugin of this name.
pub(crate) fn is_kusto_plugin(name: &str) -> bool {
    PLUGINS.contains(&name)
}

/// Every plugin name, for "did you mean".
pub(crate) fn plugin_names() -> impl Iterator<Item = &'static str> {
    PLUGINS.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_names_only() {
        assert!(is_kusto_scalar("geo_info_from_ip_address"));
        assert!(is_kusto_scalar("parse_url"));
        assert!(!is_kusto_scalar("parse_urll"));
        assert!(is_kusto_aggregate("percentiles"));
        assert!(is_kusto_plugin("pivot"));
        assert!(!is_kusto_plugin("pivott"));
    }
}
