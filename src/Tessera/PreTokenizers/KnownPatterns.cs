using Tessera.Formats.Tiktoken;

namespace Tessera.PreTokenizers;

/// <summary>
/// The split patterns the flat encoder runs with a hand-written splitter: tiktoken's (cl100k in both its forms, o200k,
/// Qwen's) and GPT-2's. Each is valid, so a tokenizer.json holding one need not compile it to check it (compiling a
/// pattern with Unicode classes costs tens of milliseconds at first use), and each has a last resort for every
/// character, so its matches cover the text with no gaps.
/// </summary>
internal static class KnownPatterns
{
    private static readonly HashSet<string> s_patterns =
    [
        TiktokenPatterns.Cl100k,
        TiktokenPatterns.Cl100kOlderForm,
        TiktokenPatterns.O200k,
        TiktokenPatterns.Qwen,
        ByteLevelPreTokenizer.Gpt2Pattern,
    ];

    public static bool Contains(string pattern) => s_patterns.Contains(pattern);
}
