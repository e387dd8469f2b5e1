namespace Tessera.Training.Unigram;

/// <summary>
/// The options of <see cref="UnigramTrainer"/>, named and defaulted as spm_train's: the vocabulary counts the meta
/// pieces (<c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, control and user-defined symbols, and with
/// <see cref="ByteFallback"/> the 256 byte pieces).
/// </summary>
public sealed record UnigramTrainerOptions
{
    /// <summary>The vocabulary's size, meta pieces included (spm_train's <c>vocab_size</c>).</summary>
    public int VocabSize { get; init; } = 8000;

    /// <summary>The share of the corpus's characters the alphabet must cover; rarer characters become unknown (<c>character_coverage</c>).</summary>
    public double CharacterCoverage { get; init; } = 0.9995;

    /// <summary>The longest piece, in characters (<c>max_sentencepiece_length</c>).</summary>
    public int MaxPieceLength { get; init; } = 16;

    /// <summary>How many pieces EM starts from, characters included (<c>seed_sentencepiece_size</c>).</summary>
    public int SeedSize { get; init; } = 1_000_000;

    /// <summary>The share of pieces each pruning round keeps (<c>shrinking_factor</c>).</summary>
    public double ShrinkingFactor { get; init; } = 0.75;

    /// <summary>EM iterations between two prunings (<c>num_sub_iterations</c>).</summary>
    public int SubIterations { get; init; } = 2;

    /// <summary>Lines longer than this many bytes are left out, as spm_train leaves them out (<c>max_sentence_length</c>).</summary>
    public int MaxSentenceLength { get; init; } = 4192;

    /// <summary>A piece keeps to one Unicode script (Hiragana and Katakana count as Han) (<c>split_by_unicode_script</c>).</summary>
    public bool SplitByUnicodeScript { get; init; } = true;

    /// <summary>Digits are a script of their own: no piece mixes them with letters (<c>split_by_number</c>).</summary>
    public bool SplitByNumber { get; init; } = true;

    /// <summary>Every digit is a piece of its own (<c>split_digits</c>).</summary>
    public bool SplitDigits { get; init; }

    /// <summary>256 byte pieces <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c> follow the meta pieces; unknown characters encode as their UTF-8 bytes (<c>byte_fallback</c>).</summary>
    public bool ByteFallback { get; init; }

    /// <summary>
    /// The normalization rule the words were counted with and the model writes (<c>normalization_rule_name</c>):
    /// <c>identity</c>, <c>nfkc</c> or <c>nmt_nfkc</c> (spm_train's default; give the same to
    /// <see cref="SentencePieceWordCounter"/>). Identity by default here, since the counts are made before this is read.
    /// </summary>
    public string NormalizationRule { get; init; } = "identity";

    /// <summary>Symbols that are pieces of their own but never made from text (<c>control_symbols</c>).</summary>
    public IReadOnlyList<string> ControlSymbols { get; init; } = [];

    /// <summary>Symbols that are always one piece where the text has them (<c>user_defined_symbols</c>).</summary>
    public IReadOnlyList<string> UserDefinedSymbols { get; init; } = [];

    /// <summary>
    /// Pruning's loss as spm_train 0.1.99 and later compute it (the total after removing a piece grows by its count
    /// once per alternative less one); by default as spm_train up to 0.1.97 (Debian 12's) and Hugging Face's trainer
    /// compute it (once per piece in the vocabulary less one), whose models this one then matches.
    /// </summary>
    public bool CorrectedPruningLoss { get; init; }

    /// <summary>Threads for the E-steps and pruning (default: all cores); the result does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The meta pieces in id order: <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, then the control and user-defined symbols, then the byte pieces.</summary>
    internal IEnumerable<(string Piece, MetaPieceKind Kind)> MetaPieces()
    {
        yield return ("<unk>", MetaPieceKind.Unknown);
        yield return ("<s>", MetaPieceKind.Control);
        yield return ("</s>", MetaPieceKind.Control);
        foreach (string symbol in ControlSymbols)
            yield return (symbol, MetaPieceKind.Control);
        foreach (string symbol in UserDefinedSymbols)
            yield return (symbol, MetaPieceKind.UserDefined);
        if (ByteFallback)
        {
            for (int b = 0; b < 256; b++)
                yield return ($"<0x{b:X2}>", MetaPieceKind.Byte);
        }
    }
}

/// <summary>What a meta piece is (SentencePiece's piece types other than NORMAL).</summary>
public enum MetaPieceKind
{
    /// <summary>The unknown piece.</summary>
    Unknown,

    /// <summary>A control symbol (<c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, ...): never made from text.</summary>
    Control,

    /// <summary>A user-defined symbol: always one piece where the text has it.</summary>
    UserDefined,

    /// <summary>A byte piece for byte fallback.</summary>
    Byte,
}
