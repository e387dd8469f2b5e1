namespace Tessera.PreTokenizers.Regex;

/// <summary>Which library's reading of a pattern the engine follows. See docs/algorithms/code-point-regex.md.</summary>
internal enum RegexDialect
{
    /// <summary>Rust's <c>fancy-regex</c> and <c>regex</c> (tiktoken, Hugging Face's Whitespace pre-tokenizer).</summary>
    Rust,

    /// <summary>
    /// Oniguruma through Rust's <c>onig</c> crate with its default (Ruby) syntax, which Hugging Face tokenizers uses for
    /// every pattern of a tokenizer.json: <c>^</c> and <c>$</c> are always line anchors, <c>(?m)</c> lets <c>.</c>
    /// match <c>\n</c> and <c>(?s)</c> does not exist, <c>\w</c> (and <c>\b</c>) is Letter, Mark, Number or
    /// Connector_Punctuation, <c>\Z</c> allows one final <c>\n</c>, <c>\&lt;</c> and <c>\&gt;</c> are plain characters.
    /// </summary>
    Oniguruma,
}
