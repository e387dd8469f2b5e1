namespace Tessera.Formats.Tiktoken;

/// <summary>The pre-tokenization patterns of OpenAI's encodings, exactly as tiktoken (<c>tiktoken_ext/openai_public.py</c>) defines them.</summary>
public static class TiktokenPatterns
{
    /// <summary>r50k_base and p50k_base (GPT-2, GPT-3).</summary>
    public const string R50k = @"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s";

    /// <summary>cl100k_base (GPT-3.5, GPT-4).</summary>
    public const string Cl100k = @"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s";

    /// <summary>
    /// cl100k_base in the form tiktoken used before possessive quantifiers, which Llama 3's and GPT-3.5's tokenizer.json
    /// carry; it splits every text as <see cref="Cl100k"/> does (checked against Hugging Face on the golden inputs).
    /// </summary>
    public const string Cl100kOlderForm = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Qwen 2 and 3 (tokenizer.json): the older form of cl100k with every digit a piece of its own.</summary>
    public const string Qwen = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>o200k_base (GPT-4o and later).</summary>
    public const string O200k =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?" +
        @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?" +
        @"|\p{N}{1,3}" +
        @"| ?[^\s\p{L}\p{N}]+[\r\n/]*" +
        @"|\s*[\r\n]+" +
        @"|\s+(?!\S)" +
        @"|\s+";
}
