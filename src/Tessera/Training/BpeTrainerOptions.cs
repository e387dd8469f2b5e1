namespace Tessera.Training;

/// <summary>
/// What a BPE training run is asked for, with Hugging Face's <c>BpeTrainer</c> defaults: the vocabulary's size (special
/// tokens and alphabet included), the fewest occurrences a merge needs, the special tokens (first in the vocabulary,
/// in order), characters always in the alphabet, the most characters the alphabet keeps, and the longest token a merge
/// may make (in characters).
/// </summary>
public sealed record BpeTrainerOptions
{
    /// <summary>The vocabulary's size, special tokens and alphabet included (Hugging Face's default: 30,000).</summary>
    public int VocabSize { get; init; } = 30_000;

    /// <summary>A pair seen fewer times than this is never merged; training stops at the first such pair.</summary>
    public long MinFrequency { get; init; }

    /// <summary>Tokens put first in the vocabulary, in this order, and never merged into.</summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = [];

    /// <summary>GPT-2's 256 byte characters: the initial alphabet of byte-level BPE, so every byte has a token.</summary>
    public static IReadOnlyList<char> ByteAlphabet { get; } = [.. Enumerable.Range(0, 256).Select(b => (char)Text.ByteLevelAlphabet.CharOf((byte)b))];

    /// <summary>Characters in the alphabet whether the corpus has them or not.</summary>
    public IReadOnlyList<char> InitialAlphabet { get; init; } = [];

    /// <summary>The most characters the alphabet keeps (the most frequent; the initial alphabet first); null: all.</summary>
    public int? LimitAlphabet { get; init; }

    /// <summary>The longest token, in characters, a merge may make; null: no limit.</summary>
    public int? MaxTokenLength { get; init; }

    /// <summary>Put before every character but a word's first (WordPiece's "##"); null: none.</summary>
    public string? ContinuingSubwordPrefix { get; init; }

    /// <summary>Put after a word's last character ("&lt;/w&gt;"); null: none.</summary>
    public string? EndOfWordSuffix { get; init; }

    /// <summary>
    /// The 256 byte pieces <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c> follow the special tokens in the vocabulary (as in
    /// Llama's and Mistral's), for a model that spells characters it lacks as their UTF-8 bytes.
    /// </summary>
    public bool ByteFallback { get; init; }

    /// <summary>
    /// Asked about each merge before it is made, with its left and right token (as the vocabulary spells them): true
    /// vetoes it, and that pair is never merged; training goes on with the next best pair. Null: no veto. The base for
    /// constrained vocabularies (no merge across a digit, no token spanning words, ...).
    /// </summary>
    public Func<string, string, bool>? VetoMerge { get; init; }
}
