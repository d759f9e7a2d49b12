//! The recursive-descent parser over the lexer's tokens.
//!
//! * [`Parser`] (this file): the token cursor, error construction, the nesting guard and
//!   error recovery;
//! * `prec`: the binary-operator precedence table (precedence climbing);
//! * `expr`, `primary`, `literal`, `dynamic`: scalar expressions;
//! * `pipeline`: `input | operator` chains, source operators, operator dispatch;
//! * `statement`: `let`, `declare query_parameters`, `set`, queries;
//! * `common`: pieces shared by operators (named expressions, options, column lists);
//! * `gather`: lists built on reusable stacks, allocated once at their final length;
//! * `operators/`: one file per tabular operator or small family.

mod common;
mod dynamic;
mod expr;
mod gather;
mod literal;
mod operators;
mod pipeline;
pub(crate) mod prec;
mod primary;
mod statement;

use crate::ast::{Ident, NameText, Script, Span};
use crate::error::{Expected, ParseError};
use crate::lexer::{Token, TokenKind, lex};

/// How deep brackets, unary operators and operator chains may nest. Deeper input gets
/// [`ParseError::TooDeep`] instead of exhausting the stack (while parsing, or later while
/// printing, walking or dropping the AST).
pub const MAX_DEPTH: usize = 256;

/// How much stack the parser lets its recursion use below its entry point. Debug builds
/// need several times more stack per level than release builds, so this guard, not
/// [`MAX_DEPTH`], is what stops very deep input there. It leaves room on a 2 MiB thread.
const STACK_BUDGET: usize = 1 << 20;

pub(crate) type PResult<T> = Result<T, ParseError>;

thread_local! {
    /// The token vector of the last parse on this thread, reused by the next one.
    static TOKEN_BUFFER: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Token vectors larger than this (about 3 MB) are freed rather than kept.
const MAX_KEPT_TOKENS: usize = 1 << 18;

pub(crate) struct Parser<'s> {
    src: &'s str,
    tokens: Vec<Token>,
    pos: usize,
    /// Current nesting level (see [`MAX_DEPTH`]).
    depth: usize,
    /// The highest level reached (nesting plus chain length) since [`Parser::measured`]
    /// last reset it: how tall the tree just parsed is.
    peak: usize,
    /// Errors recovered from; the parse as a whole fails if there are any.
    errors: Vec<ParseError>,
    /// Errors the lexer found, reported when the parser reaches their token.
    lex_errors: Vec<ParseError>,
    /// The stack address where parsing started (see [`STACK_BUDGET`]).
    stack_base: usize,
    /// Where lists are gathered before they are moved into their `Vec`s.
    scratch: gather::Scratch,
}

/// The address of a local of the caller's frame: how deep the stack currently is.
#[inline(always)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker).addr()
}

/// Parses a whole script, recovering after errors: the statements (and pipeline steps)
/// that parsed, and every error found.
pub(crate) fn parse_script(src: &str) -> (Script, Vec<ParseError>) {
    let mut parser = Parser::new(src);
    let script = parser.script();
    (script, parser.finish())
}

/// Parses a single expression (scalar or tabular) that must span the whole input.
pub(crate) fn parse_expression(src: &str) -> Result<crate::ast::Expr, Vec<ParseError>> {
    let mut parser = Parser::new(src);
    let result = parser.pipe_expr().and_then(|expr| {
        if parser.at(TokenKind::Eof) {
            Ok(expr)
        } else {
            Err(parser.unexpected(Expected::Token("the end of the expression")))
        }
    });
    match result {
        Ok(expr) => {
            let errors = parser.finish();
            if errors.is_empty() {
                Ok(expr)
            } else {
                Err(errors)
            }
        }
        Err(e) => {
            parser.errors.push(e);
            Err(parser.finish())
        }
    }
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Parser<'s> {
        let lexed = lex(src, TOKEN_BUFFER.with(|b| b.take()));
        Parser {
            src,
            tokens: lexed.tokens,
            pos: 0,
            depth: 0,
            peak: 0,
            errors: Vec::new(),
            lex_errors: lexed.errors,
            stack_base: stack_position(),
            scratch: gather::Scratch::take(),
        }
    }

    /// All errors in source order, lexical ones included, without duplicates.
    fn finish(mut self) -> Vec<ParseError> {
        let tokens = std::mem::take(&mut self.tokens);
        if tokens.capacity() <= MAX_KEPT_TOKENS {
            TOKEN_BUFFER.with(|b| b.replace(tokens));
        }
        std::mem::take(&mut self.scratch).keep();
        let mut all = std::mem::take(&mut self.errors);
        for e in self.lex_errors {
            if !all.iter().any(|a| a.same_as(&e)) {
                all.push(e);
            }
        }
        all.sort_by_key(|e| e.span().start);
        all.dedup_by(|a, b| a.same_as(b));
        all
    }

    // ----- the cursor -------------------------------------------------------------------

    fn peek(&self) -> Token {
        self.nth(0)
    }

    /// The token `n` places ahead (the `Eof` token past the end).
    fn nth(&self, n: usize) -> Token {
        let i = (self.pos + n).min(self.tokens.len() - 1);
        self.tokens[i]
    }

    fn kind(&self) -> TokenKind {
        self.peek().kind
    }

    fn text(&self, t: Token) -> &'s str {
        &self.src[t.start as usize..t.end as usize]
    }

    fn at(&self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    /// The current token is the word `word`.
    fn at_word(&self, word: &str) -> bool {
        self.nth_is_word(0, word)
    }

    fn nth_is_word(&self, n: usize, word: &str) -> bool {
        let t = self.nth(n);
        t.kind == TokenKind::Ident && self.text(t) == word
    }

    fn bump(&mut self) -> Token {
        let t = self.peek();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        self.at(kind).then(|| self.bump())
    }

    fn eat_word(&mut self, word: &str) -> Option<Token> {
        self.at_word(word).then(|| self.bump())
    }

    fn expect(&mut self, kind: TokenKind, expected: &'static str) -> PResult<Token> {
        match self.eat(kind) {
            Some(t) => Ok(t),
            None => Err(self.unexpected(Expected::Token(expected))),
        }
    }

    fn expect_word(&mut self, word: &'static str, expected: &'static str) -> PResult<Token> {
        match self.eat_word(word) {
            Some(t) => Ok(t),
            None => Err(self.unexpected(Expected::Token(expected))),
        }
    }

    /// Expects the closer of a bracket opened by `open`, pointing at both on failure.
    fn expect_closer(&mut self, open: Token) -> PResult<Token> {
        let (kind, delimiter, closer) = match open.kind {
            TokenKind::LBracket => (TokenKind::RBracket, '[', ']'),
            TokenKind::LBrace => (TokenKind::RBrace, '{', '}'),
            _ => (TokenKind::RParen, '(', ')'),
        };
        if let Some(t) = self.eat(kind) {
            return Ok(t);
        }
        if let Some(e) = self.lex_error_here() {
            return Err(e);
        }
        Err(ParseError::Unclosed {
            delimiter,
            closer,
            found: self.describe(self.peek()),
            open: open.span(),
            span: self.error_span(self.peek()),
        })
    }

    /// The end of the last consumed token.
    fn prev_end(&self) -> u32 {
        match self.pos.checked_sub(1) {
            Some(i) => self.tokens[i].end,
            None => 0,
        }
    }

    /// The span from `start` to the end of the last consumed token.
    fn span_from(&self, start: u32) -> Span {
        Span {
            start,
            end: self.prev_end().max(start),
        }
    }

    /// Two tokens written with nothing between them (`project-away`, `!has`, `in~`).
    fn touching(a: Token, b: Token) -> bool {
        a.end == b.start
    }

    // ----- errors -----------------------------------------------------------------------

    /// "found ..." wording for a token.
    fn describe(&self, t: Token) -> String {
        match t.kind {
            TokenKind::Ident => format!("`{}`", self.text(t)),
            TokenKind::Eof => "end of input".to_string(),
            TokenKind::Long | TokenKind::Real | TokenKind::TimeSpan => {
                format!("number `{}`", self.text(t))
            }
            kind => kind.describe().to_string(),
        }
    }

    /// The lexer's error for the current token, when it is an error token.
    fn lex_error_here(&self) -> Option<ParseError> {
        let t = self.peek();
        if t.kind != TokenKind::Error {
            return None;
        }
        self.lex_errors
            .iter()
            .find(|e| e.span().start == t.start)
            .cloned()
    }

    /// Where to point at `t`: the token itself, or for the end of input, just after the
    /// last token (not after trailing comments and blank lines). When nothing at all
    /// follows the last token, it is the last token itself: a report cannot show an
    /// empty span at the very end of the text.
    fn error_span(&self, t: Token) -> Span {
        if t.kind != TokenKind::Eof {
            return t.span();
        }
        let end = self.prev_end();
        match self.pos.checked_sub(1) {
            Some(last) if end as usize == self.src.len() => self.tokens[last].span(),
            _ => Span { start: end, end },
        }
    }

    /// An error at the current token.
    fn unexpected(&self, expected: Expected) -> ParseError {
        self.unexpected_with(expected, None)
    }

    fn unexpected_with(&self, expected: Expected, help: Option<String>) -> ParseError {
        if let Some(e) = self.lex_error_here() {
            return e;
        }
        let t = self.peek();
        ParseError::Unexpected {
            expected,
            found: self.describe(t),
            span: self.error_span(t),
            help,
        }
    }

    fn invalid(&self, message: impl Into<String>, span: Span, help: Option<String>) -> ParseError {
        ParseError::Invalid {
            message: message.into(),
            span,
            help,
        }
    }

    // ----- nesting ----------------------------------------------------------------------

    /// Runs `f` one nesting level deeper, failing when the limit is reached.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.check_depth(1)?;
        if stack_position().abs_diff(self.stack_base) > STACK_BUDGET {
            return Err(ParseError::TooDeep {
                limit: MAX_DEPTH,
                span: self.peek().span(),
            });
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Fails when `extra` more levels (for example the length of an operator chain, which
    /// makes the AST that much deeper) would pass the limit.
    fn check_depth(&mut self, extra: usize) -> PResult<()> {
        let level = self.depth + extra;
        if level > MAX_DEPTH {
            return Err(ParseError::TooDeep {
                limit: MAX_DEPTH,
                span: self.peek().span(),
            });
        }
        self.peak = self.peak.max(level);
        Ok(())
    }

    /// Runs `f` and also returns how many levels the tree it parsed is tall. An operator
    /// chain after that tree (`(...) + 1 + 1`, `T | where | where`) stacks on top of it,
    /// so the chain's limit counts it too: the whole AST stays within [`MAX_DEPTH`]
    /// levels, and so can be printed, walked and dropped recursively.
    fn measured<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<(T, usize)> {
        let outer = self.start_measuring();
        let result = f(self);
        let height = self.stop_measuring(outer);
        result.map(|value| (value, height))
    }

    /// [`Parser::measured`] in two halves, for the hottest callers: moving a parsed
    /// expression into a tuple and out again costs more than the measuring itself.
    /// Returns what [`Parser::stop_measuring`] needs to restore.
    #[inline(always)]
    fn start_measuring(&mut self) -> usize {
        std::mem::replace(&mut self.peak, self.depth)
    }

    /// The height of the tree parsed since [`Parser::start_measuring`] returned `outer`.
    #[inline(always)]
    fn stop_measuring(&mut self, outer: usize) -> usize {
        let height = self.peak - self.depth;
        self.peak = outer.max(self.peak);
        height
    }

    // ----- recovery ---------------------------------------------------------------------

    /// After an error in a pipeline step that began at token `from`: skips to the next
    /// `|` on the step's bracket level, or stops before a `;`, an unmatched closer or the
    /// end. Returns whether a `|` follows, so the pipeline can go on.
    fn recover_to_pipe(&mut self, from: usize) -> bool {
        let mut level: i64 = 0;
        for t in &self.tokens[from..self.pos.max(from)] {
            level += bracket_delta(t.kind);
        }
        loop {
            let kind = self.kind();
            match kind {
                TokenKind::Eof => return false,
                TokenKind::Pipe if level <= 0 => return true,
                TokenKind::Semi if level <= 0 => return false,
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace if level <= 0 => {
                    return false;
                }
                _ => {}
            }
            level += bracket_delta(kind);
            self.bump();
        }
    }

    /// After an error in a statement: skips past the next `;` outside brackets (or to the
    /// end).
    fn recover_to_statement_end(&mut self) {
        let mut level: i64 = 0;
        loop {
            match self.kind() {
                TokenKind::Eof => return,
                TokenKind::Semi if level <= 0 => {
                    self.bump();
                    return;
                }
                kind => level = (level + bracket_delta(kind)).max(0),
            }
            self.bump();
        }
    }

    /// Builds an identifier from a token's text.
    fn ident_of(&self, t: Token) -> Ident {
        Ident {
            name: NameText::new(self.text(t)),
            span: t.span(),
        }
    }
}

fn bracket_delta(kind: TokenKind) -> i64 {
    match kind {
        TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => 1,
        TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => -1,
        _ => 0,
    }
}
