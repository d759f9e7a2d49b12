//! Token kinds and the token struct the lexer produces.

use crate::ast::Span;

/// What a token is. Words (keywords and names alike) are all [`TokenKind::Ident`]: KQL keywords
/// are contextual, so the parser decides by the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// `Subject`, `where`, `$left`, `project` (a hyphenated operator name such as
    /// `project-away` is three tokens that the parser joins when they touch).
    Ident,
    /// `42`, `0x1F`.
    Long,
    /// `1.5`, `1e3`, `2.5E-3`.
    Real,
    /// A number with a time suffix: `4hrs`, `1.5h`, `100ms`.
    TimeSpan,
    /// Any string literal: `"a"`, `'a'`, `@"C:\"`, `h"secret"`, ```` ```multi``` ````.
    String,
    /// A literal whose text the lexer keeps raw: `datetime(2020-01-01 10:00)`,
    /// `timespan(1.02:03:04)`, `guid(...)`. The token covers the type name to the `)`.
    RawLiteral,
    /// `|`
    Pipe,
    /// `;`
    Semi,
    /// `,`
    Comma,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `.`
    Dot,
    /// `..`
    DotDot,
    /// `:`
    Colon,
    /// `=`
    Assign,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<>`
    LtGt,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `=~`
    EqTilde,
    /// `!~`
    NotTilde,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `=>`
    Arrow,
    /// `!` (only before a word: `!has`, `!in~`, `!between`)
    Bang,
    /// `~` (only after `in`: `in~`)
    Tilde,
    /// `?`
    Question,
    /// Text the lexer could not make sense of; the lexer recorded an error for it.
    Error,
    /// The end of the input.
    Eof,
}

impl TokenKind {
    /// How a token of this kind is named in "expected X, found Y" messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            TokenKind::Ident => "a name",
            TokenKind::Long | TokenKind::Real => "a number",
            TokenKind::TimeSpan => "a timespan literal",
            TokenKind::String => "a string literal",
            TokenKind::RawLiteral => "a literal",
            TokenKind::Pipe => "`|`",
            TokenKind::Semi => "`;`",
            TokenKind::Comma => "`,`",
            TokenKind::LParen => "`(`",
            TokenKind::RParen => "`)`",
            TokenKind::LBracket => "`[`",
            TokenKind::RBracket => "`]`",
            TokenKind::LBrace => "`{`",
            TokenKind::RBrace => "`}`",
            TokenKind::Dot => "`.`",
            TokenKind::DotDot => "`..`",
            TokenKind::Colon => "`:`",
            TokenKind::Assign => "`=`",
            TokenKind::EqEq => "`==`",
            TokenKind::NotEq => "`!=`",
            TokenKind::LtGt => "`<>`",
            TokenKind::Lt => "`<`",
            TokenKind::Le => "`<=`",
            TokenKind::Gt => "`>`",
            TokenKind::Ge => "`>=`",
            TokenKind::EqTilde => "`=~`",
            TokenKind::NotTilde => "`!~`",
            TokenKind::Plus => "`+`",
            TokenKind::Minus => "`-`",
            TokenKind::Star => "`*`",
            TokenKind::Slash => "`/`",
            TokenKind::Percent => "`%`",
            TokenKind::Arrow => "`=>`",
            TokenKind::Bang => "`!`",
            TokenKind::Tilde => "`~`",
            TokenKind::Question => "`?`",
            TokenKind::Error => "invalid input",
            TokenKind::Eof => "end of input",
        }
    }
}

/// A token: its kind and where it is. The text is `&src[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub(crate) fn span(self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}
