namespace Tessera.Formats.Tiktoken;

/// <summary>A built-in encoding: its name, pattern, special tokens, the SHA-256 tiktoken pins for its rank file.</summary>
internal sealed record TiktokenDefinition(string Name, string Pattern, IReadOnlyDictionary<string, int> SpecialTokens, string RankFileSha256)
{
    private const string EndOfText = "<|endoftext|>";

    public static readonly TiktokenDefinition R50kBase = new("r50k_base", TiktokenPatterns.R50k,
        new Dictionary<string, int> { [EndOfText] = 50256 },
        "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930");

    public static readonly TiktokenDefinition P50kBase = new("p50k_base", TiktokenPatterns.R50k,
        new Dictionary<string, int> { [EndOfText] = 50256 },
        "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069");

    public static readonly TiktokenDefinition Cl100kBase = new("cl100k_base", TiktokenPatterns.Cl100k,
        new Dictionary<string, int>
        {
            [EndOfText] = 100257,
            ["<|fim_prefix|>"] = 100258,
            ["<|fim_middle|>"] = 100259,
            ["<|fim_suffix|>"] = 100260,
            ["<|endofprompt|>"] = 100276,
        },
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7");

    public static readonly TiktokenDefinition O200kBase = new("o200k_base", TiktokenPatterns.O200k,
        new Dictionary<string, int> { [EndOfText] = 199999, ["<|endofprompt|>"] = 200018 },
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d");

    public static IReadOnlyList<TiktokenDefinition> All { get; } = [R50kBase, P50kBase, Cl100kBase, O200kBase];

    public static TiktokenDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of the embedded compact rank resource.</summary>
    public string ResourceName => $"Tessera.Resources.{Name}.tkb";
}
