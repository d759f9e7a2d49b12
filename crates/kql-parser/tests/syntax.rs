//! The grammar, construct by construct, with inputs written for this project: each parses,
//! has nested spans and prints back to the same AST. The canonical print of every input
//! is snapshotted (`snapshots/syntax__constructs.snap`) for review.

mod common;

use kql_parser::ast::*;
use kql_parser::literal::*;

/// (what it exercises, KQL).
const CONSTRUCTS: &[(&str, &str)] = &[
    // Statements
    ("let scalar", "let n = 10; T | take n"),
    (
        "let tabular",
        "let Recent = T | where x > 1; Recent | count",
    ),
    (
        "let function",
        "let f = (a:long, b:string = \"x\") { a + strlen(b) }; print f(1)",
    ),
    (
        "let function with lets",
        "let f = (n:long) { let m = n * 2; let k = m + 1; k }; print f(2)",
    ),
    (
        "let tabular parameter",
        "let g = (T:(*), since:timespan = 1d) { T | where Timestamp > ago(since) }; g(EmailEvents)",
    ),
    (
        "let tabular schema",
        "let g = (T:(Sender:string, Size:long, *)) { T | project Sender }; g(U)",
    ),
    ("let view", "let v = view () { EmailEvents | take 5 }; v"),
    (
        "let quoted name",
        "let ['some number'] = 20; print ['some number']",
    ),
    (
        "declare query_parameters",
        "declare query_parameters(Since:datetime, Limit:long = 10); T | take Limit",
    ),
    ("set", "set querytrace; set truncationmaxrecords = 100; T"),
    ("several queries", "T | count; U | count; print 1"),
    ("trailing semicolon", "T | take 1;"),
    (
        "materialize and toscalar",
        "let m = materialize(T | summarize c = count() by k); let total = toscalar(m | summarize sum(c)); m | extend share = c * 1.0 / total",
    ),
    // Sources
    ("table name", "EmailEvents"),
    (
        "datatable",
        "datatable(Name:string, Size:long, When:datetime, Bag:dynamic) [\"a\", 1, datetime(2024-01-01), dynamic({\"k\": [1, 2]}), \"b\", -2, datetime(null), dynamic(null),]",
    ),
    ("datatable empty", "datatable(a:int) []"),
    ("print", "print x = 1, strcat(\"a\", \"b\"), y = now()"),
    ("print keyword name", "print print = 1, count = 2"),
    ("range", "range Day from ago(7d) to now() step 1d"),
    (
        "union source",
        "union kind=outer withsource=Table isfuzzy=true EmailEvents, (EmailUrlInfo | take 5), Device*",
    ),
    ("union star", "union * | count"),
    ("union operator", "T | union U, V | count"),
    (
        "externaldata",
        "externaldata(Url:string, Score:long) [@\"https://example.invalid/feed.csv\", h@'https://example.invalid/secret.csv'] with (format=\"csv\", ignoreFirstRecord=true)",
    ),
    ("evaluate source", "evaluate some_plugin(1, \"a\")"),
    (
        "search source",
        "search in (EmailEvents, Email*) \"evil.example\"",
    ),
    ("parenthesised subquery", "(T | where x > 1) | union (U)"),
    ("invoke", "T | invoke Recent(2d) | invoke g()"),
    // Filtering and columns
    ("where filter", "T | where a == 1 | filter b != 2"),
    ("extend", "T | extend A = x + 1, strlen(s), (B, C) = f(y)"),
    ("project", "T | project A, B = x * 2, ['Bad Traffic %'] = y"),
    ("project-away", "T | project-away Tmp*, B, ['odd name']"),
    ("project-keep", "T | project-keep Sender*, Subject"),
    (
        "project-rename",
        "T | project-rename Sender = SenderFromAddress, ['To'] = RecipientEmailAddress",
    ),
    (
        "project-reorder",
        "T | project-reorder Timestamp, Sender* asc, *Id granny-desc, B desc",
    ),
    // Aggregation
    (
        "summarize named and unnamed",
        "T | summarize count(), Total = sum(Size), dcount(Sender) by Domain, Day = bin(Timestamp, 1d)",
    ),
    (
        "summarize arg_max star",
        "T | summarize arg_max(Timestamp, *) by NetworkMessageId, RecipientEmailAddress",
    ),
    ("summarize by only", "T | summarize by Sender, Subject"),
    (
        "summarize hint",
        "T | summarize hint.shufflekey = Sender count() by Sender",
    ),
    (
        "summarize multiple names",
        "T | summarize (Latest, Who) = arg_max(Timestamp, Sender) by Domain",
    ),
    ("distinct", "T | distinct Sender, Subject | distinct *"),
    ("count", "T | count"),
    (
        "top-nested",
        "T | top-nested 3 of Domain by Total = count() desc, top-nested 2 of Sender with others = \"rest\" by count()",
    ),
    (
        "make-series",
        "T | make-series Count = count() default = 0, Big = countif(Size > 10) on Timestamp from ago(30d) to now() step 1d by Sender",
    ),
    (
        "make-series in range",
        "T | make-series kind=nonempty avg(Size) on Timestamp in range(ago(7d), now(), 1h)",
    ),
    // Joins
    ("join default", "T | join (U) on Key"),
    (
        "join kinds",
        "T | join kind=inner U on Key | join kind=leftouter (V) on A | join kind=leftanti W on B | join kind=rightsemi X on C | join kind=fullouter Y on D | join kind=innerunique Z on E",
    ),
    (
        "join hints",
        "T | join kind=inner hint.strategy=broadcast hint.remote=auto (U | where x) on Key",
    ),
    (
        "join left right",
        "T | join (U) on $left.A == $right.B, Key2, $left.C == $right.D",
    ),
    (
        "join and",
        "T | join (U) on $left.A == $right.B and $left.C == $right.D",
    ),
    (
        "lookup",
        "T | lookup kind=leftouter Dim on Country | lookup (D2) on $left.a == $right.b",
    ),
    // Ordering and limits
    (
        "sort",
        "T | sort by Count desc nulls last, Sender asc nulls first | order by x",
    ),
    ("sort hint", "T | sort hint.strategy=shuffle by x"),
    ("take limit", "T | take 10 | limit 5"),
    ("top", "T | top 10 by Count desc nulls last | top 1 by x"),
    ("sample", "T | sample 5 | sample-distinct 3 of Sender"),
    ("serialize", "T | serialize | serialize Rank = row_number()"),
    ("getschema", "T | getschema"),
    ("as", "T | as Recent | as hint.materialized=true R2"),
    ("consume", "T | consume"),
    // Expansion and parsing
    (
        "mv-expand",
        "T | mv-expand Phish = parse_json(DetectionMethods).Phish to typeof(string)",
    ),
    (
        "mv-expand options limit",
        "T | mv-expand kind=array with_itemindex=I Items, Other to typeof(long) limit 100",
    ),
    (
        "mv-expand bagexpansion",
        "T | mv-expand bagexpansion=array Bag",
    ),
    (
        "mv-apply",
        "T | mv-apply Item = Items to typeof(long) on (top 2 by Item | summarize make_list(Item))",
    ),
    (
        "mv-apply index",
        "T | mv-apply with_itemindex=i v = Arr on (where i >= 2)",
    ),
    (
        "parse",
        "T | parse Message with * \"user=\" User:string \" id=\" Id:long *",
    ),
    (
        "parse kind",
        "T | parse kind=regex flags=i Message with \"id=\" Id:long",
    ),
    (
        "parse-where",
        "T | parse-where Message with \"[\" Level \"] \" Text",
    ),
    (
        "parse-kv",
        "T | parse-kv Text as (Key:string, Value:long) with (pair_delimiter=\",\", kv_delimiter=\"=\")",
    ),
    (
        "evaluate",
        "T | evaluate bag_unpack(parse_json(AuthenticationDetails)) | evaluate ipv4_lookup(R, Ip, Net, return_unmatched = true)",
    ),
    (
        "evaluate hint",
        "T | evaluate hint.distribution = per_node pivot(Type)",
    ),
    // Presentation
    ("render", "T | render timechart"),
    (
        "render with",
        "T | render columnchart with (kind=stacked, title=\"Mail per day\", ycolumns=Inbound, Outbound, ymax=100)",
    ),
    ("render legacy", "T | render columnchart kind=stacked"),
    // Pattern matching and sub-pipelines
    (
        "search operator",
        "T | search \"x\" | search kind=case_sensitive Subject has \"Invoice\" | search * has \"y\"",
    ),
    (
        "scan",
        "T | scan with_match_id=Id declare (Start:timespan, N:long = 0) with (step s1: Event == \"Start\" => Start = Ts, N = 1; step s2 output=none: Ts - s1.Start <= 5m;)",
    ),
    (
        "fork",
        "T | fork (where Size > 10 | take 5) Counts = (summarize count() by Sender)",
    ),
    (
        "facet",
        "T | facet by Sender, Domain with (where Size > 10 | take 5)",
    ),
    (
        "partition",
        "T | partition hint.strategy=native by Sender (top 3 by Size)",
    ),
    // Expressions
    (
        "precedence",
        "print a or b and c, a + b * c - d / e % f, x < 1 == y",
    ),
    ("not", "T | where not(a == 1) and not(isempty(b))"),
    (
        "comparisons",
        "T | where a == 1 and b != 2 and c <> 3 and d < 4 and e <= 5 and f > 6 and g >= 7",
    ),
    (
        "case-insensitive equality",
        "T | where a =~ \"x\" and b !~ \"y\"",
    ),
    (
        "string operators",
        "T | where s has \"a\" or s !has \"a\" or s has_cs \"a\" or s !has_cs \"a\" or s hasprefix \"a\" or s !hasprefix_cs \"a\" or s hassuffix \"a\" or s !hassuffix \"a\"",
    ),
    (
        "contains family",
        "T | where s contains \"a\" or s !contains \"a\" or s contains_cs \"a\" or s !contains_cs \"a\"",
    ),
    (
        "starts and ends",
        "T | where s startswith \"a\" or s !startswith \"a\" or s startswith_cs \"a\" or s endswith \"a\" or s !endswith_cs \"a\"",
    ),
    ("matches regex", "T | where s matches regex @\"^\\d+$\""),
    (
        "in family",
        "T | where a in (1, 2) and b !in (\"x\") and c in~ (\"X\") and d !in~ (\"y\")",
    ),
    (
        "in subquery",
        "T | where Sender in (U | project Sender) and Domain !in (Known)",
    ),
    (
        "in dynamic",
        "T | where x in (dynamic([1, 2, 3])) and y in (list)",
    ),
    (
        "has_any has_all",
        "T | where s has_any (\"a\", \"b\") and s has_all (words) and s has_any (dynamic([\"c\"]))",
    ),
    (
        "between",
        "T | where Timestamp between (ago(1d) .. now()) and Size !between (1 .. 10)",
    ),
    (
        "arithmetic",
        "print (a + b) * -c, -(1 + 2), +x, Timestamp - 1d, a-b",
    ),
    (
        "member access",
        "T | extend p = parse_json(x).Phish, g = GeoInfo.country, d = a.b.c",
    ),
    (
        "indexing",
        "T | extend first = split(s, \"@\")[0], last = words[-1], v = d[\"key\"], w = d['k'].x[1]",
    ),
    ("quoted member", "T | extend v = d.['odd key']"),
    (
        "calls",
        "T | summarize count(*), countif(x > 1), make_set(y, 100), arg_min(t, *)",
    ),
    (
        "named argument",
        "T | extend b = bin_at(t, 1d, datetime(2024-01-01))",
    ),
    (
        "keywords as names",
        "T | project count, search, kind, title, type, ['by'], ['and'] | where count > 0 and type == \"x\"",
    ),
    ("dollar names", "T | join (U) on $left.Id == $right.Id"),
    (
        "comments",
        "T // table\n| where x > 1 // predicate\n// a whole line\n| take 5 // limit",
    ),
    (
        "column ifexists",
        "T | extend c = column_ifexists(\"Malware\", \"\")",
    ),
    (
        "iff case",
        "T | extend a = iff(x > 1, \"big\", \"small\"), b = case(x == 1, \"one\", x == 2, \"two\", \"many\")",
    ),
    // Literals
    (
        "bool",
        "print true, false, bool(true), bool(null), boolean(false)",
    ),
    (
        "numbers",
        "print 42, 0x1F, 1.5, 1e3, 2.5E-3, int(7), int(-7), long(-9223372036854775808), real(2), double(1.5), decimal(1.50)",
    ),
    (
        "special reals",
        "print real(nan), real(+inf), real(-inf), real(null)",
    ),
    (
        "typed nulls",
        "print int(null), long(null), real(null), double(null), decimal(null), datetime(null), timespan(null), guid(null), dynamic(null), bool(null)",
    ),
    (
        "strings",
        "print \"a\\\"b\\n\", 'it\\'s', @\"C:\\dir\", @'it''s', h\"secret\", H'x', \"\\u00e9\"",
    ),
    ("adjacent strings", "print \"a\" 'b' // comment\n \"c\""),
    ("multi-line string", "print ```line one\nline \"two\"```"),
    (
        "timespans",
        "print 4hrs, 30d, 1.5h, 10min, 100ms, 1tick, 2microseconds, 5nanos, 1day, 2hours, 3minute, 4sec, 5seconds, 6millis, 7ticks",
    ),
    (
        "timespan literal",
        "print timespan(1d), time(1.02:03:04.5), timespan(15 seconds), timespan(2), time(00:01:00), timespan(-1h)",
    ),
    (
        "datetimes",
        "print datetime(2015-12-31 23:59:59.9), datetime(2015-12-31), datetime(2014-05-25T08:20:03.123456Z), datetime(2014-11-08 15:55), date(2020-02-29), datetime('2007-04-07'), datetime(\"Sat, 8 Nov 14 15:05:02 GMT\"), datetime(Saturday, 08-Nov-14 15:05:02 GMT)",
    ),
    ("guid", "print guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"),
    (
        "dynamic",
        "print dynamic([1, \"a\", 2.5, true, null, -3]), dynamic({\"a\": {\"b\": [1, 2]}, 'c': datetime(2020-01-01), \"d\": 1h}), dynamic(4), dynamic(\"s\"), dynamic([])",
    ),
    (
        "typeof",
        "T | mv-expand x to typeof(long) | extend y = extract(\"(\\\\d+)\", 1, s, typeof(long))",
    ),
    (
        "unicode",
        "T | where Subject has_any (\"Überprüfungscode\") | extend Größe = 1",
    ),
    ("no-break spaces", "T\u{a0}| where\u{a0}x\u{a0}> 1"),
];

#[test]
fn every_construct_parses_round_trips_and_has_nested_spans() {
    let mut listing = String::new();
    for (what, src) in CONSTRUCTS {
        let canonical = common::check(src);
        listing.push_str(&format!("## {what}\n{src}\n=>\n{canonical}\n"));
    }
    insta::assert_snapshot!("constructs", listing);
}

/// The single expression of `print <expr>`.
fn expr(src: &str) -> Expr {
    let script = common::parse_ok(&format!("print {src}"));
    let StatementKind::Query(query) = &script.statements[0].kind else {
        panic!("not a query");
    };
    let ExprKind::Source(op) = &query.kind else {
        panic!("not a source");
    };
    let OperatorKind::Print(items) = &op.kind else {
        panic!("not print");
    };
    items[0].expr.clone()
}

fn lit(src: &str) -> Literal {
    match expr(src).kind {
        ExprKind::Literal(l) => l,
        other => panic!("{src} is not a literal: {other:?}"),
    }
}

fn binary(e: &Expr) -> (BinaryOp, &Expr, &Expr) {
    match &e.kind {
        ExprKind::Binary { op, left, right } => (*op, left, right),
        other => panic!("not binary: {other:?}"),
    }
}

#[test]
fn precedence_follows_kusto() {
    let e = expr("a or b and c");
    let (op, _, right) = binary(&e);
    assert_eq!(op, BinaryOp::Or);
    assert_eq!(binary(right).0, BinaryOp::And);

    let e = expr("a + b * c");
    let (op, _, right) = binary(&e);
    assert_eq!((op, binary(right).0), (BinaryOp::Add, BinaryOp::Mul));

    let e = expr("a - b - c");
    let (op, left, _) = binary(&e);
    assert_eq!((op, binary(left).0), (BinaryOp::Sub, BinaryOp::Sub));

    // Relational binds tighter than equality.
    let e = expr("x < 1 == y");
    let (op, left, _) = binary(&e);
    assert_eq!((op, binary(left).0), (BinaryOp::Eq, BinaryOp::Lt));

    // String predicates bind looser than arithmetic, tighter than `and`.
    let e = expr("s has \"a\" and t + 1 > 2");
    let (op, left, right) = binary(&e);
    assert_eq!(op, BinaryOp::And);
    assert!(matches!(binary(left).0, BinaryOp::Str(_)));
    assert_eq!(binary(right).0, BinaryOp::Gt);

    let e = expr("-a.b");
    let ExprKind::Unary { op, operand } = &e.kind else {
        panic!()
    };
    assert_eq!(*op, UnaryOp::Neg);
    assert!(matches!(operand.kind, ExprKind::Member { .. }));

    let e = expr("a in (1, 2) and b");
    assert_eq!(binary(&e).0, BinaryOp::And);
}

#[test]
fn hyphenated_operators_and_subtraction() {
    let script =
        common::parse_ok("T | extend x = a-b, y = Timestamp - 1d | project-away x | mv-expand y");
    let text = dump(&script);
    assert!(text.contains("Binary -"), "{text}");
    assert!(text.contains("| ProjectAway x"), "{text}");
    assert!(text.contains("| MvExpand"), "{text}");
}

#[test]
fn string_operator_variants() {
    let cases = [
        ("has", StrOpKind::Has, false, false),
        ("!has", StrOpKind::Has, true, false),
        ("has_cs", StrOpKind::Has, false, true),
        ("!has_cs", StrOpKind::Has, true, true),
        ("hasprefix", StrOpKind::HasPrefix, false, false),
        ("hassuffix_cs", StrOpKind::HasSuffix, false, true),
        ("contains", StrOpKind::Contains, false, false),
        ("!contains_cs", StrOpKind::Contains, true, true),
        ("startswith", StrOpKind::StartsWith, false, false),
        ("!endswith", StrOpKind::EndsWith, true, false),
        ("matches regex", StrOpKind::MatchesRegex, false, true),
    ];
    for (spelling, kind, negated, case_sensitive) in cases {
        let e = expr(&format!("s {spelling} \"x\""));
        let (op, _, _) = binary(&e);
        assert_eq!(
            op,
            BinaryOp::Str(StrOp {
                kind,
                negated,
                case_sensitive
            }),
            "{spelling}"
        );
        assert_eq!(op.spelling(), spelling);
    }
    for (spelling, want) in [
        ("in", ListOp::In),
        ("!in", ListOp::NotIn),
        ("in~", ListOp::InCi),
        ("!in~", ListOp::NotInCi),
        ("has_any", ListOp::HasAny),
        ("has_all", ListOp::HasAll),
    ] {
        let e = expr(&format!("s {spelling} (\"x\", \"y\")"));
        let ExprKind::List { op, items, .. } = &e.kind else {
            panic!("{spelling}")
        };
        assert_eq!((*op, items.len()), (want, 2), "{spelling}");
    }
    assert_eq!(binary(&expr("a =~ b")).0, BinaryOp::EqTilde);
    assert_eq!(binary(&expr("a !~ b")).0, BinaryOp::NotEqTilde);
    assert_eq!(binary(&expr("a <> b")).0, BinaryOp::NotEq);
}

#[test]
fn timespan_literals_are_exact_ticks() {
    let h = TICKS_PER_HOUR;
    let cases = [
        ("4hrs", 4 * h),
        ("4h", 4 * h),
        ("30d", 30 * TICKS_PER_DAY),
        ("1.5h", 3 * h / 2),
        ("10min", 10 * TICKS_PER_MINUTE),
        ("100ms", 100 * TICKS_PER_MILLISECOND),
        ("1tick", 1),
        ("10microsecond", 100),
        ("300nanoseconds", 3),
        ("2days", 2 * TICKS_PER_DAY),
        ("1sec", TICKS_PER_SECOND),
        (
            "timespan(1.02:03:04.5)",
            TICKS_PER_DAY + 2 * h + 3 * TICKS_PER_MINUTE + 45 * TICKS_PER_SECOND / 10,
        ),
        ("timespan(15 seconds)", 15 * TICKS_PER_SECOND),
        ("timespan(2)", 2 * TICKS_PER_DAY),
        ("time(00:01:00)", TICKS_PER_MINUTE),
    ];
    for (src, ticks) in cases {
        assert_eq!(lit(src), Literal::TimeSpan(Some(ticks)), "{src}");
    }
    assert_eq!(lit("timespan(null)"), Literal::TimeSpan(None));
}

#[test]
fn datetime_literals_decode_to_ticks() {
    let day = |y, m, d| {
        parse_datetime(&format!("{y:04}-{m:02}-{d:02}"))
            .unwrap()
            .unwrap()
    };
    let base = day(2015, 12, 31);
    assert_eq!(lit("datetime(2015-12-31)"), Literal::DateTime(Some(base)));
    assert_eq!(
        lit("datetime(2015-12-31 23:59:59.9)"),
        Literal::DateTime(Some(base + TICKS_PER_DAY - TICKS_PER_SECOND / 10))
    );
    assert_eq!(
        lit("datetime(2014-05-25T08:20:03.1234567Z)"),
        Literal::DateTime(Some(
            day(2014, 5, 25)
                + 8 * TICKS_PER_HOUR
                + 20 * TICKS_PER_MINUTE
                + 3 * TICKS_PER_SECOND
                + 1_234_567
        ))
    );
    assert_eq!(lit("datetime(0001-01-01)"), Literal::DateTime(Some(0)));
    assert_eq!(lit("datetime(null)"), Literal::DateTime(None));
    assert_eq!(format_datetime(day(2024, 2, 29)), "2024-02-29T00:00:00Z");
}

#[test]
fn other_literals() {
    assert_eq!(lit("42"), Literal::Long(Some(42)));
    assert_eq!(lit("0x10"), Literal::Long(Some(16)));
    assert_eq!(lit("int(7)"), Literal::Int(Some(7)));
    assert_eq!(
        lit("long(-9223372036854775808)"),
        Literal::Long(Some(i64::MIN))
    );
    assert_eq!(lit("1.5e3"), Literal::Real(Some(1500.0)));
    assert_eq!(lit("real(nan)"), Literal::Real(Some(f64::NAN)));
    assert_eq!(lit("real(-inf)"), Literal::Real(Some(f64::NEG_INFINITY)));
    assert_eq!(lit("long(null)"), Literal::Long(None));
    assert_eq!(lit("decimal(1.50)"), Literal::Decimal(Some("1.50".into())));
    assert_eq!(lit("true"), Literal::Bool(Some(true)));
    assert_eq!(
        lit("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"),
        Literal::Guid(Some(0x74be27de_1e4e_49d9_b579_fe0b331d3642))
    );
    let s = |value: &str, obfuscated| {
        Literal::String(StringLiteral {
            value: value.into(),
            obfuscated,
        })
    };
    assert_eq!(lit(r#""a\tb""#), s("a\tb", false));
    assert_eq!(lit(r#"@"C:\dir""#), s(r"C:\dir", false));
    assert_eq!(lit(r#"h'secret'"#), s("secret", true));
    assert_eq!(lit("\"a\" // c\n 'b'"), s("ab", false));
    assert_eq!(lit("```x\ny```"), s("x\ny", false));
    assert_eq!(
        lit("dynamic({\"a\": [1, 'b', null], \"t\": 1h})"),
        Literal::Dynamic(DynamicLiteral::Bag(vec![
            (
                "a".into(),
                DynamicLiteral::Array(vec![
                    DynamicLiteral::Long(1),
                    DynamicLiteral::String("b".into()),
                    DynamicLiteral::Null
                ])
            ),
            ("t".into(), DynamicLiteral::TimeSpan(TICKS_PER_HOUR)),
        ]))
    );
}

#[test]
fn names_that_look_like_keywords() {
    let script =
        common::parse_ok("T | project count, search = 1, kind, title, type | where in > 0");
    let text = dump(&script);
    for name in [
        "Name count",
        "Item search =",
        "Name kind",
        "Name title",
        "Name type",
        "Name in",
    ] {
        assert!(text.contains(name), "{name} missing in\n{text}");
    }
    // Identifiers that start with digits joined by `_` (seen in real queries).
    let script = common::parse_ok("T | extend 0_ = \"zero\", 1_st = 1");
    assert!(dump(&script).contains("Item 0_ ="));
}

#[test]
fn join_forms() {
    let script = common::parse_ok(
        "T | join kind=leftouter hint.strategy=broadcast (U) on $left.A == $right.B, Key",
    );
    let StatementKind::Query(q) = &script.statements[0].kind else {
        panic!()
    };
    let ExprKind::Pipe { op, .. } = &q.kind else {
        panic!()
    };
    let OperatorKind::Join(j) = &op.kind else {
        panic!()
    };
    assert_eq!(j.kind, Some(JoinKind::LeftOuter));
    assert_eq!(j.options.len(), 1);
    assert_eq!(j.options[0].name.name, "hint.strategy");
    assert_eq!(j.on.len(), 2);
    assert!(matches!(j.right.kind, ExprKind::Paren(_)));
}

#[test]
fn spans_point_at_the_source() {
    let src = "T | where Size > 10";
    let script = common::parse_ok(src);
    let StatementKind::Query(q) = &script.statements[0].kind else {
        panic!()
    };
    let ExprKind::Pipe { input, op } = &q.kind else {
        panic!()
    };
    assert_eq!(&src[input.span.range()], "T");
    assert_eq!(&src[op.span.range()], "where Size > 10");
    let OperatorKind::Where(pred) = &op.kind else {
        panic!()
    };
    assert_eq!(&src[pred.span.range()], "Size > 10");
}

#[test]
fn expressions_parse_alone() {
    let e = kql_parser::parse_expr("a + 1").unwrap();
    assert_eq!(binary(&e).0, BinaryOp::Add);
    let e = kql_parser::parse_expr("T | take 1").unwrap();
    assert!(matches!(e.kind, ExprKind::Pipe { .. }));
    assert!(kql_parser::parse_expr("a +").is_err());
    assert!(kql_parser::parse_expr("a b").is_err());
}
