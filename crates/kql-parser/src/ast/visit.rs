//! A read-only walk over every node of the AST.
//!
//! Implement [`Visitor`] and override what you need: `visit_*` methods for the main node
//! kinds (call the matching `walk_*` function to keep descending), or [`Visitor::enter`] /
//! [`Visitor::leave`], which see every spanned node as a [`Node`].
//!
//! ```
//! use kql_parser::ast::visit::{Visitor, walk_expr};
//! use kql_parser::ast::{Expr, ExprKind};
//!
//! /// Collects the names an expression refers to.
//! struct Names(Vec<String>);
//!
//! impl<'a> Visitor<'a> for Names {
//!     fn visit_expr(&mut self, e: &'a Expr) {
//!         if let ExprKind::Name(id) = &e.kind {
//!             self.0.push(id.name.to_string());
//!         }
//!         walk_expr(self, e);
//!     }
//! }
//!
//! let script = kql_parser::parse("T | where Size > Limit | project Sender").unwrap();
//! let mut names = Names(Vec::new());
//! names.visit_script(&script);
//! assert_eq!(names.0, ["T", "Size", "Limit", "Sender"]);
//! ```

use super::*;

/// A reference to any spanned node, as [`Visitor::enter`] and [`Visitor::leave`] see it.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Script(&'a Script),
    Statement(&'a Statement),
    FunctionDef(&'a FunctionDef),
    Parameter(&'a Parameter),
    ColumnDecl(&'a ColumnDecl),
    NamedOption(&'a NamedOption),
    Expr(&'a Expr),
    Operator(&'a Operator),
    Ident(&'a Ident),
    NamedExpr(&'a NamedExpr),
    Rename(&'a Rename),
    ReorderItem(&'a ReorderItem),
    SortKey(&'a SortKey),
    TopNestedLevel(&'a TopNestedLevel),
    MvExpandItem(&'a MvExpandItem),
    SubPipeline(&'a SubPipeline),
    MakeSeriesAggregate(&'a MakeSeriesAggregate),
    ParsePart(&'a ParsePart),
    RenderProperty(&'a RenderProperty),
    ScanDeclaration(&'a ScanDeclaration),
    ScanStep(&'a ScanStep),
    ForkBranch(&'a ForkBranch),
}

impl Node<'_> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            Node::Script(n) => n.span,
            Node::Statement(n) => n.span,
            Node::FunctionDef(n) => n.span,
            Node::Parameter(n) => n.span,
            Node::ColumnDecl(n) => n.span,
            Node::NamedOption(n) => n.span,
            Node::Expr(n) => n.span,
            Node::Operator(n) => n.span,
            Node::Ident(n) => n.span,
            Node::NamedExpr(n) => n.span,
            Node::Rename(n) => n.span,
            Node::ReorderItem(n) => n.span,
            Node::SortKey(n) => n.span,
            Node::TopNestedLevel(n) => n.span,
            Node::MvExpandItem(n) => n.span,
            Node::SubPipeline(n) => n.span,
            Node::MakeSeriesAggregate(n) => n.span,
            Node::ParsePart(n) => match n {
                ParsePart::Literal { span, .. }
                | ParsePart::Column { span, .. }
                | ParsePart::Star { span } => *span,
            },
            Node::RenderProperty(n) => n.span,
            Node::ScanDeclaration(n) => n.span,
            Node::ScanStep(n) => n.span,
            Node::ForkBranch(n) => n.span,
        }
    }

    /// The node type's name, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Script(_) => "Script",
            Node::Statement(_) => "Statement",
            Node::FunctionDef(_) => "FunctionDef",
            Node::Parameter(_) => "Parameter",
            Node::ColumnDecl(_) => "ColumnDecl",
            Node::NamedOption(_) => "NamedOption",
            Node::Expr(_) => "Expr",
            Node::Operator(_) => "Operator",
            Node::Ident(_) => "Ident",
            Node::NamedExpr(_) => "NamedExpr",
            Node::Rename(_) => "Rename",
            Node::ReorderItem(_) => "ReorderItem",
            Node::SortKey(_) => "SortKey",
            Node::TopNestedLevel(_) => "TopNestedLevel",
            Node::MvExpandItem(_) => "MvExpandItem",
            Node::SubPipeline(_) => "SubPipeline",
            Node::MakeSeriesAggregate(_) => "MakeSeriesAggregate",
            Node::ParsePart(_) => "ParsePart",
            Node::RenderProperty(_) => "RenderProperty",
            Node::ScanDeclaration(_) => "ScanDeclaration",
            Node::ScanStep(_) => "ScanStep",
            Node::ForkBranch(_) => "ForkBranch",
        }
    }
}

/// A visitor over the AST. Every method has a default that keeps walking.
pub trait Visitor<'a> {
    /// Called before the children of every spanned node.
    fn enter(&mut self, _node: Node<'a>) {}
    /// Called after the children of every spanned node.
    fn leave(&mut self, _node: Node<'a>) {}

    fn visit_script(&mut self, script: &'a Script) {
        walk_script(self, script);
    }
    fn visit_statement(&mut self, stmt: &'a Statement) {
        walk_statement(self, stmt);
    }
    fn visit_function_def(&mut self, def: &'a FunctionDef) {
        walk_function_def(self, def);
    }
    fn visit_expr(&mut self, expr: &'a Expr) {
        walk_expr(self, expr);
    }
    fn visit_operator(&mut self, op: &'a Operator) {
        walk_operator(self, op);
    }
    fn visit_named_expr(&mut self, named: &'a NamedExpr) {
        walk_named_expr(self, named);
    }
    fn visit_sub_pipeline(&mut self, sub: &'a SubPipeline) {
        walk_sub_pipeline(self, sub);
    }
    fn visit_ident(&mut self, ident: &'a Ident) {
        self.enter(Node::Ident(ident));
        self.leave(Node::Ident(ident));
    }
}

pub fn walk_script<'a, V: Visitor<'a> + ?Sized>(v: &mut V, script: &'a Script) {
    v.enter(Node::Script(script));
    for stmt in &script.statements {
        v.visit_statement(stmt);
    }
    v.leave(Node::Script(script));
}

pub fn walk_statement<'a, V: Visitor<'a> + ?Sized>(v: &mut V, stmt: &'a Statement) {
    v.enter(Node::Statement(stmt));
    match &stmt.kind {
        StatementKind::Let(l) => {
            v.visit_ident(&l.name);
            match &l.value {
                LetValue::Expr(e) => v.visit_expr(e),
                LetValue::Function(def) => v.visit_function_def(def),
            }
        }
        StatementKind::DeclareQueryParameters(params) => {
            for p in params {
                walk_parameter(v, p);
            }
        }
        StatementKind::Set { name, value } => {
            v.visit_ident(name);
            if let Some(value) = value {
                v.visit_expr(value);
            }
        }
        StatementKind::Query(e) => v.visit_expr(e),
    }
    v.leave(Node::Statement(stmt));
}

pub fn walk_function_def<'a, V: Visitor<'a> + ?Sized>(v: &mut V, def: &'a FunctionDef) {
    v.enter(Node::FunctionDef(def));
    for p in &def.params {
        walk_parameter(v, p);
    }
    for stmt in &def.lets {
        v.visit_statement(stmt);
    }
    v.visit_expr(&def.body);
    v.leave(Node::FunctionDef(def));
}

pub fn walk_parameter<'a, V: Visitor<'a> + ?Sized>(v: &mut V, p: &'a Parameter) {
    v.enter(Node::Parameter(p));
    v.visit_ident(&p.name);
    if let ParamType::Tabular { columns, .. } = &p.ty {
        for c in columns {
            walk_column_decl(v, c);
        }
    }
    if let Some(d) = &p.default {
        v.visit_expr(d);
    }
    v.leave(Node::Parameter(p));
}

pub fn walk_column_decl<'a, V: Visitor<'a> + ?Sized>(v: &mut V, c: &'a ColumnDecl) {
    v.enter(Node::ColumnDecl(c));
    v.visit_ident(&c.name);
    v.leave(Node::ColumnDecl(c));
}

pub fn walk_option<'a, V: Visitor<'a> + ?Sized>(v: &mut V, o: &'a NamedOption) {
    v.enter(Node::NamedOption(o));
    v.visit_ident(&o.name);
    v.visit_expr(&o.value);
    v.leave(Node::NamedOption(o));
}

fn options<'a, V: Visitor<'a> + ?Sized>(v: &mut V, options: &'a [NamedOption]) {
    for o in options {
        walk_option(v, o);
    }
}

fn exprs<'a, V: Visitor<'a> + ?Sized>(v: &mut V, exprs: &'a [Expr]) {
    for e in exprs {
        v.visit_expr(e);
    }
}

fn named_exprs<'a, V: Visitor<'a> + ?Sized>(v: &mut V, items: &'a [NamedExpr]) {
    for n in items {
        v.visit_named_expr(n);
    }
}

fn idents<'a, V: Visitor<'a> + ?Sized>(v: &mut V, ids: &'a [Ident]) {
    for id in ids {
        v.visit_ident(id);
    }
}

pub fn walk_expr<'a, V: Visitor<'a> + ?Sized>(v: &mut V, expr: &'a Expr) {
    v.enter(Node::Expr(expr));
    match &expr.kind {
        ExprKind::Literal(_) | ExprKind::Star | ExprKind::TypeOf(_) => {}
        ExprKind::Name(id) => v.visit_ident(id),
        ExprKind::Unary { operand, .. } => v.visit_expr(operand),
        ExprKind::Binary { left, right, .. } => {
            v.visit_expr(left);
            v.visit_expr(right);
        }
        ExprKind::List { left, items, .. } => {
            v.visit_expr(left);
            exprs(v, items);
        }
        ExprKind::Between {
            value, low, high, ..
        } => {
            v.visit_expr(value);
            v.visit_expr(low);
            v.visit_expr(high);
        }
        ExprKind::Call { name, args } => {
            v.visit_ident(name);
            exprs(v, args);
        }
        ExprKind::NamedArg { name, value } => {
            v.visit_ident(name);
            v.visit_expr(value);
        }
        ExprKind::Member { target, name } => {
            v.visit_expr(target);
            v.visit_ident(name);
        }
        ExprKind::Index { target, index } => {
            v.visit_expr(target);
            v.visit_expr(index);
        }
        ExprKind::Paren(inner) => v.visit_expr(inner),
        ExprKind::Pipe { input, op } => {
            v.visit_expr(input);
            v.visit_operator(op);
        }
        ExprKind::Source(op) => v.visit_operator(op),
    }
    v.leave(Node::Expr(expr));
}

pub fn walk_named_expr<'a, V: Visitor<'a> + ?Sized>(v: &mut V, n: &'a NamedExpr) {
    v.enter(Node::NamedExpr(n));
    idents(v, &n.names);
    v.visit_expr(&n.expr);
    v.leave(Node::NamedExpr(n));
}

pub fn walk_sub_pipeline<'a, V: Visitor<'a> + ?Sized>(v: &mut V, sub: &'a SubPipeline) {
    v.enter(Node::SubPipeline(sub));
    for op in &sub.operators {
        v.visit_operator(op);
    }
    v.leave(Node::SubPipeline(sub));
}

fn sort_key<'a, V: Visitor<'a> + ?Sized>(v: &mut V, key: &'a SortKey) {
    v.enter(Node::SortKey(key));
    v.visit_expr(&key.expr);
    v.leave(Node::SortKey(key));
}

fn mv_items<'a, V: Visitor<'a> + ?Sized>(v: &mut V, items: &'a [MvExpandItem]) {
    for item in items {
        v.enter(Node::MvExpandItem(item));
        if let Some(name) = &item.name {
            v.visit_ident(name);
        }
        v.visit_expr(&item.expr);
        v.leave(Node::MvExpandItem(item));
    }
}

fn column_decls<'a, V: Visitor<'a> + ?Sized>(v: &mut V, cols: &'a [ColumnDecl]) {
    for c in cols {
        walk_column_decl(v, c);
    }
}

pub fn walk_operator<'a, V: Visitor<'a> + ?Sized>(v: &mut V, op: &'a Operator) {
    v.enter(Node::Operator(op));
    match &op.kind {
        OperatorKind::Where(e)
        | OperatorKind::Take(e)
        | OperatorKind::Sample(e)
        | OperatorKind::Invoke(e) => v.visit_expr(e),
        OperatorKind::Extend(items)
        | OperatorKind::Project(items)
        | OperatorKind::Serialize(items)
        | OperatorKind::Print(items) => named_exprs(v, items),
        OperatorKind::ProjectAway(names) | OperatorKind::ProjectKeep(names) => idents(v, names),
        OperatorKind::ProjectRename(renames) => {
            for r in renames {
                v.enter(Node::Rename(r));
                v.visit_ident(&r.new);
                v.visit_ident(&r.old);
                v.leave(Node::Rename(r));
            }
        }
        OperatorKind::ProjectReorder(items) => {
            for item in items {
                v.enter(Node::ReorderItem(item));
                v.visit_ident(&item.pattern);
                v.leave(Node::ReorderItem(item));
            }
        }
        OperatorKind::Summarize(s) => {
            options(v, &s.options);
            named_exprs(v, &s.aggregates);
            named_exprs(v, &s.by);
        }
        OperatorKind::Join(j) => {
            options(v, &j.options);
            v.visit_expr(&j.right);
            exprs(v, &j.on);
        }
        OperatorKind::Lookup(l) => {
            options(v, &l.options);
            v.visit_expr(&l.right);
            exprs(v, &l.on);
        }
        OperatorKind::Distinct(items) => exprs(v, items),
        OperatorKind::Sort(s) => {
            options(v, &s.options);
            for key in &s.keys {
                sort_key(v, key);
            }
        }
        OperatorKind::Top(t) => {
            v.visit_expr(&t.count);
            sort_key(v, &t.by);
        }
        OperatorKind::TopNested(levels) => {
            for level in levels {
                v.enter(Node::TopNestedLevel(level));
                if let Some(count) = &level.count {
                    v.visit_expr(count);
                }
                v.visit_named_expr(&level.of);
                if let Some(others) = &level.others {
                    v.visit_expr(others);
                }
                v.visit_named_expr(&level.by);
                v.leave(Node::TopNestedLevel(level));
            }
        }
        OperatorKind::Count | OperatorKind::GetSchema | OperatorKind::Consume => {}
        OperatorKind::Union(u) => {
            options(v, &u.options);
            exprs(v, &u.tables);
        }
        OperatorKind::MvExpand(m) => {
            options(v, &m.options);
            mv_items(v, &m.items);
            if let Some(limit) = &m.limit {
                v.visit_expr(limit);
            }
        }
        OperatorKind::MvApply(m) => {
            options(v, &m.options);
            mv_items(v, &m.items);
            if let Some(limit) = &m.limit {
                v.visit_expr(limit);
            }
            if let Some(id) = &m.context_id {
                v.visit_ident(id);
            }
            v.visit_sub_pipeline(&m.on);
        }
        OperatorKind::MakeSeries(m) => {
            options(v, &m.options);
            for agg in &m.aggregates {
                v.enter(Node::MakeSeriesAggregate(agg));
                v.visit_named_expr(&agg.aggregate);
                if let Some(d) = &agg.default {
                    v.visit_expr(d);
                }
                v.leave(Node::MakeSeriesAggregate(agg));
            }
            v.visit_expr(&m.on);
            for e in [&m.in_range, &m.from, &m.to, &m.step].into_iter().flatten() {
                v.visit_expr(e);
            }
            named_exprs(v, &m.by);
        }
        OperatorKind::Parse(p) => {
            options(v, &p.options);
            v.visit_expr(&p.source);
            for part in &p.pattern {
                v.enter(Node::ParsePart(part));
                if let ParsePart::Column { name, .. } = part {
                    v.visit_ident(name);
                }
                v.leave(Node::ParsePart(part));
            }
        }
        OperatorKind::ParseKv(p) => {
            v.visit_expr(&p.source);
            column_decls(v, &p.columns);
            options(v, &p.options);
        }
        OperatorKind::Evaluate(e) => {
            options(v, &e.options);
            v.visit_expr(&e.call);
        }
        OperatorKind::Render(r) => {
            v.visit_ident(&r.chart);
            for p in &r.properties {
                v.enter(Node::RenderProperty(p));
                v.visit_ident(&p.name);
                exprs(v, &p.values);
                v.leave(Node::RenderProperty(p));
            }
        }
        OperatorKind::As(a) => {
            options(v, &a.options);
            v.visit_ident(&a.name);
        }
        OperatorKind::SampleDistinct { count, column } => {
            v.visit_expr(count);
            v.visit_expr(column);
        }
        OperatorKind::Search(s) => {
            options(v, &s.options);
            exprs(v, &s.tables);
            v.visit_expr(&s.predicate);
        }
        OperatorKind::Scan(s) => {
            options(v, &s.options);
            for d in &s.declare {
                v.enter(Node::ScanDeclaration(d));
                walk_column_decl(v, &d.column);
                if let Some(default) = &d.default {
                    v.visit_expr(default);
                }
                v.leave(Node::ScanDeclaration(d));
            }
            for step in &s.steps {
                v.enter(Node::ScanStep(step));
                v.visit_ident(&step.name);
                if let Some(output) = &step.output {
                    v.visit_ident(output);
                }
                v.visit_expr(&step.condition);
                named_exprs(v, &step.assignments);
                v.leave(Node::ScanStep(step));
            }
        }
        OperatorKind::Fork(branches) => {
            for b in branches {
                v.enter(Node::ForkBranch(b));
                if let Some(name) = &b.name {
                    v.visit_ident(name);
                }
                v.visit_sub_pipeline(&b.body);
                v.leave(Node::ForkBranch(b));
            }
        }
        OperatorKind::Facet(fc) => {
            idents(v, &fc.columns);
            if let Some(with) = &fc.with {
                v.visit_sub_pipeline(with);
            }
        }
        OperatorKind::Partition(p) => {
            options(v, &p.options);
            v.visit_expr(&p.by);
            v.visit_sub_pipeline(&p.body);
        }
        OperatorKind::Range(r) => {
            v.visit_ident(&r.column);
            v.visit_expr(&r.from);
            v.visit_expr(&r.to);
            v.visit_expr(&r.step);
        }
        OperatorKind::DataTable(d) => {
            options(v, &d.options);
            column_decls(v, &d.columns);
            exprs(v, &d.values);
        }
        OperatorKind::ExternalData(e) => {
            column_decls(v, &e.columns);
            exprs(v, &e.urls);
            options(v, &e.options);
        }
    }
    v.leave(Node::Operator(op));
}
