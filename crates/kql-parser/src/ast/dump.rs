//! A readable tree rendering of the AST, one node per line with its span, for snapshots
//! and `kql parse --ast`. Pipelines are flattened: the source, then one `|` line per step.
//!
//! ```text
//! Query 0..34
//!   Pipeline 0..34
//!     Name T 0..1
//!     | Where 4..19
//!       Binary > 10..19
//!         Name Size 10..14
//!         Literal long 10 17..19
//! ```

use std::fmt::Write;

use super::visit::{Node, Visitor, walk_expr, walk_operator, walk_option};
use super::*;

/// Renders `script` as an indented tree.
pub fn dump(script: &Script) -> String {
    let mut d = Dumper {
        out: String::new(),
        indent: 0,
        pipe_step: false,
    };
    d.visit_script(script);
    d.out
}

/// Renders one expression as an indented tree.
pub fn dump_expr(expr: &Expr) -> String {
    let mut d = Dumper {
        out: String::new(),
        indent: 0,
        pipe_step: false,
    };
    d.visit_expr(expr);
    d.out
}

struct Dumper {
    out: String,
    indent: usize,
    /// The next operator line is a pipeline step (`| Where`).
    pipe_step: bool,
}

impl Dumper {
    fn line(&mut self, label: &str, span: Span) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "{label} {}..{}", span.start, span.end);
    }

    fn open(&mut self, label: &str, span: Span) {
        self.line(label, span);
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }
}

fn names(ids: &[Ident]) -> String {
    ids.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn label(node: Node<'_>) -> String {
    match node {
        Node::Script(_) => "Script".into(),
        Node::Statement(s) => match &s.kind {
            StatementKind::Let(l) => format!("Let {}", l.name.name),
            StatementKind::DeclareQueryParameters(_) => "DeclareQueryParameters".into(),
            StatementKind::Set { name, .. } => format!("Set {}", name.name),
            StatementKind::Query(_) => "Query".into(),
        },
        Node::FunctionDef(d) => if d.is_view { "View" } else { "Function" }.into(),
        Node::Parameter(p) => match &p.ty {
            ParamType::Scalar(ty) => format!("Parameter {}:{ty}", p.name.name),
            ParamType::Tabular { open, .. } => {
                format!(
                    "Parameter {}:table{}",
                    p.name.name,
                    if *open { " (*)" } else { "" }
                )
            }
        },
        Node::ColumnDecl(c) => format!("Column {}:{}", c.name.name, c.ty),
        Node::NamedOption(o) => format!("Option {}", o.name.name),
        Node::Expr(e) => expr_label(e),
        Node::Operator(op) => operator_label(op),
        Node::Ident(id) => format!("Ident {}", id.name),
        Node::NamedExpr(n) if n.names.is_empty() => "Item".into(),
        Node::NamedExpr(n) => format!("Item {} =", names(&n.names)),
        Node::Rename(r) => format!("Rename {} = {}", r.new.name, r.old.name),
        Node::ReorderItem(r) => match r.order {
            Some(o) => format!("Reorder {} {o:?}", r.pattern.name),
            None => format!("Reorder {}", r.pattern.name),
        },
        Node::SortKey(k) => {
            let mut text = "SortKey".to_string();
            if let Some(o) = k.order {
                let _ = write!(text, " {o:?}");
            }
            if let Some(n) = k.nulls {
                let _ = write!(text, " nulls {n:?}");
            }
            text
        }
        Node::TopNestedLevel(l) => match l.order {
            Some(o) => format!("Level {o:?}"),
            None => "Level".into(),
        },
        Node::MvExpandItem(i) => match (&i.name, i.to_type) {
            (Some(n), Some(t)) => format!("Expand {} = ... to {t}", n.name),
            (Some(n), None) => format!("Expand {} =", n.name),
            (None, Some(t)) => format!("Expand ... to {t}"),
            (None, None) => "Expand".into(),
        },
        Node::SubPipeline(_) => "SubPipeline".into(),
        Node::MakeSeriesAggregate(a) => {
            format!(
                "SeriesAggregate{}",
                if a.default.is_some() {
                    " with default"
                } else {
                    ""
                }
            )
        }
        Node::ParsePart(p) => match p {
            ParsePart::Literal { value, .. } => format!("Text {value:?}"),
            ParsePart::Column { ty, .. } => {
                format!("Capture{}", ty.map(|t| format!(":{t}")).unwrap_or_default())
            }
            ParsePart::Star { .. } => "Star".into(),
        },
        Node::RenderProperty(_) => "Property".into(),
        Node::ScanDeclaration(_) => "Declare".into(),
        Node::ScanStep(_) => "Step".into(),
        Node::ForkBranch(_) => "Branch".into(),
    }
}

fn expr_label(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Literal(lit) => format!("Literal {} {lit}", lit.scalar_type()),
        ExprKind::Name(id) => format!("Name {}", id.name),
        ExprKind::Star => "Star".into(),
        ExprKind::Unary { op, .. } => format!("Unary {op:?}"),
        ExprKind::Binary { op, .. } => format!("Binary {}", op.spelling()),
        ExprKind::List { op, .. } => format!("List {}", op.spelling()),
        ExprKind::Between { negated, .. } => if *negated { "Between !" } else { "Between" }.into(),
        ExprKind::Call { name, .. } => format!("Call {}", name.name),
        ExprKind::NamedArg { name, .. } => format!("NamedArg {} =", name.name),
        ExprKind::TypeOf(ty) => format!("TypeOf {ty}"),
        ExprKind::Member { name, .. } => format!("Member .{}", name.name),
        ExprKind::Index { .. } => "Index".into(),
        ExprKind::Paren(_) => "Paren".into(),
        ExprKind::Pipe { .. } => "Pipeline".into(),
        ExprKind::Source(_) => "Source".into(),
    }
}

fn operator_label(op: &Operator) -> String {
    use OperatorKind as K;
    match &op.kind {
        K::Where(_) => "Where".into(),
        K::Extend(_) => "Extend".into(),
        K::Project(_) => "Project".into(),
        K::ProjectAway(n) => format!("ProjectAway {}", names(n)),
        K::ProjectKeep(n) => format!("ProjectKeep {}", names(n)),
        K::ProjectRename(_) => "ProjectRename".into(),
        K::ProjectReorder(_) => "ProjectReorder".into(),
        K::Summarize(_) => "Summarize".into(),
        K::Join(j) => format!("Join {}", j.kind.map_or("(innerunique)", |k| k.name())),
        K::Lookup(l) => format!("Lookup {}", l.kind.map_or("(leftouter)", |k| k.name())),
        K::Distinct(_) => "Distinct".into(),
        K::Sort(_) => "Sort".into(),
        K::Take(_) => "Take".into(),
        K::Top(_) => "Top".into(),
        K::TopNested(_) => "TopNested".into(),
        K::Count => "Count".into(),
        K::Union(_) => "Union".into(),
        K::MvExpand(_) => "MvExpand".into(),
        K::MvApply(_) => "MvApply".into(),
        K::MakeSeries(_) => "MakeSeries".into(),
        K::Parse(p) => if p.is_where { "ParseWhere" } else { "Parse" }.into(),
        K::ParseKv(_) => "ParseKv".into(),
        K::Evaluate(_) => "Evaluate".into(),
        K::Render(r) => format!("Render {}", r.chart.name),
        K::As(a) => format!("As {}", a.name.name),
        K::Serialize(_) => "Serialize".into(),
        K::GetSchema => "GetSchema".into(),
        K::Sample(_) => "Sample".into(),
        K::SampleDistinct { .. } => "SampleDistinct".into(),
        K::Search(_) => "Search".into(),
        K::Scan(_) => "Scan".into(),
        K::Fork(_) => "Fork".into(),
        K::Facet(_) => "Facet".into(),
        K::Partition(_) => "Partition".into(),
        K::Invoke(_) => "Invoke".into(),
        K::Consume => "Consume".into(),
        K::Print(_) => "Print".into(),
        K::Range(r) => format!("Range {}", r.column.name),
        K::DataTable(_) => "DataTable".into(),
        K::ExternalData(_) => "ExternalData".into(),
    }
}

impl<'a> Visitor<'a> for Dumper {
    fn enter(&mut self, node: Node<'a>) {
        let mut text = label(node);
        if matches!(node, Node::Operator(_)) && std::mem::take(&mut self.pipe_step) {
            text.insert_str(0, "| ");
        }
        self.open(&text, node.span());
    }

    fn leave(&mut self, _node: Node<'a>) {
        self.close();
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Pipe { .. } => {
                let mut steps = Vec::new();
                let mut source = e;
                while let ExprKind::Pipe { input, op } = &source.kind {
                    steps.push(op.as_ref());
                    source = input;
                }
                self.open("Pipeline", e.span);
                self.visit_expr(source);
                for op in steps.into_iter().rev() {
                    self.pipe_step = true;
                    self.visit_operator(op);
                }
                self.close();
            }
            ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Star | ExprKind::TypeOf(_) => {
                self.line(&expr_label(e), e.span);
            }
            ExprKind::Call { args, .. } => {
                self.open(&expr_label(e), e.span);
                for arg in args {
                    self.visit_expr(arg);
                }
                self.close();
            }
            ExprKind::Member { target, .. } => {
                self.open(&expr_label(e), e.span);
                self.visit_expr(target);
                self.close();
            }
            ExprKind::NamedArg { value, .. } => {
                self.open(&expr_label(e), e.span);
                self.visit_expr(value);
                self.close();
            }
            ExprKind::Source(op) => self.visit_operator(op),
            _ => walk_expr(self, e),
        }
    }

    fn visit_operator(&mut self, op: &'a Operator) {
        let OperatorKind::Summarize(sum) = &op.kind else {
            return walk_operator(self, op);
        };
        // Group the `by` keys so they read apart from the aggregates.
        self.enter(Node::Operator(op));
        for o in &sum.options {
            walk_option(self, o);
        }
        for a in &sum.aggregates {
            self.visit_named_expr(a);
        }
        if let (Some(first), Some(last)) = (sum.by.first(), sum.by.last()) {
            self.open("By", first.span.to(last.span));
            for key in &sum.by {
                self.visit_named_expr(key);
            }
            self.close();
        }
        self.leave(Node::Operator(op));
    }

    fn visit_named_expr(&mut self, n: &'a NamedExpr) {
        self.open(&label(Node::NamedExpr(n)), n.span);
        self.visit_expr(&n.expr);
        self.close();
    }

    fn visit_ident(&mut self, id: &'a Ident) {
        self.line(&format!("Ident {}", id.name), id.span);
    }
}
