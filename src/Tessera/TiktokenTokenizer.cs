using System.Collections.Concurrent;
using Tessera.Formats.Tiktoken;
using Tessera.Internal;
using Tessera.Models.Bpe;
using Tessera.PreTokenizers.Regex;

namespace Tessera;

/// <summary>
/// A tiktoken encoding (pattern, ranks, special tokens) with ids identical to OpenAI's tiktoken.
/// One instance is safe to share across threads.
/// </summary>
/// <example>
/// <code>
/// var tokenizer = TiktokenTokenizer.Get("o200k_base");
/// int[] ids = tokenizer.Encode("Hello, world");
/// string text = tokenizer.Decode(ids);
/// </code>
/// </example>
public sealed partial class TiktokenTokenizer
{
    private static readonly ConcurrentDictionary<string, Lazy<TiktokenTokenizer>> s_builtIn = new(StringComparer.OrdinalIgnoreCase);

    private readonly BpeEncoder _encoder;

    private TiktokenTokenizer(string name, string pattern, RankTable table, IReadOnlyDictionary<string, int> specialTokens,
        bool regexEngine = false)
    {
        Name = name;
        Pattern = pattern;
        SpecialTokens = new Dictionary<string, int>(specialTokens, StringComparer.Ordinal);
        SplitterKind kind = regexEngine ? SplitterKind.Regex : SplitterFor(pattern);
        CodePointRegex? regex = kind == SplitterKind.Regex ? CodePointRegex.Parse(pattern) : null;
        _encoder = new BpeEncoder(table, new SpecialTokenMatcher(specialTokens), kind, regex);
        int maxId = table.MaxRank;
        foreach (int id in specialTokens.Values) // a loop, not LINQ's Max: its generic code is compiled at first use (ms)
            maxId = Math.Max(maxId, id);
        VocabularySize = maxId + 1;
    }

    /// <summary>The names of the built-in encodings: r50k_base, p50k_base, cl100k_base, o200k_base.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = [.. TiktokenDefinition.All.Select(d => d.Name)];

    /// <summary>The encoding's name.</summary>
    public string Name { get; }

    /// <summary>The pre-tokenization pattern.</summary>
    public string Pattern { get; }

    /// <summary>The special tokens and their ids.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>One more than the highest id, ordinary or special (tiktoken's <c>n_vocab</c>).</summary>
    public int VocabularySize { get; }

    /// <summary>Approximate memory held by the vocabulary tables, in bytes (not included: the caches of pieces, made at the first encode, see docs/algorithms/byte-pair-merge.md).</summary>
    public long MemoryBytes => _encoder.Table.MemoryBytes;

    /// <summary>A built-in encoding by name, loaded on first use and shared afterwards.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a built-in encoding.</exception>
    public static TiktokenTokenizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        TiktokenDefinition definition = TiktokenDefinition.Find(name)
            ?? throw new ArgumentException($"Unknown encoding '{name}'. Built-in encodings: {string.Join(", ", BuiltInNames)}.", nameof(name));
        return s_builtIn.GetOrAdd(definition.Name, _ => new Lazy<TiktokenTokenizer>(() => LoadBuiltIn(definition))).Value;
    }

    /// <summary>Loads a <c>.tiktoken</c> rank file with the given pattern and special tokens.</summary>
    /// <param name="path">The rank file: one <c>base64 rank</c> per line.</param>
    /// <param name="pattern">The pre-tokenization regular expression (tiktoken's <c>pat_str</c>).</param>
    /// <param name="specialTokens">Special tokens and their ids; none when null.</param>
    /// <param name="name">A name for the encoding; the file name when null.</param>
    /// <exception cref="TokenizerFormatException">The file is malformed; the message names the line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is malformed; the message names the position.</exception>
    /// <exception cref="NotSupportedException"><paramref name="pattern"/> uses a construct tiktoken's engine does not have.</exception>
    /// <remarks>
    /// The four built-in patterns run on hand-written pre-tokenizers; any other pattern runs on a code-point regex engine
    /// with tiktoken's (fancy-regex) semantics: exact, but several times slower.
    /// </remarks>
    public static TiktokenTokenizer Load(string path, string pattern, IReadOnlyDictionary<string, int>? specialTokens = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(pattern);
        byte[]?[] tokens = TiktokenFileReader.ReadFile(path);
        return new TiktokenTokenizer(name ?? Path.GetFileNameWithoutExtension(path), pattern, RankTable.FromTokens(tokens),
            specialTokens ?? new Dictionary<string, int>());
    }

    /// <summary>Loads a built-in encoding's pattern and special tokens over the rank file at <paramref name="path"/>.</summary>
    internal static TiktokenTokenizer LoadAs(string path, string builtInName)
    {
        TiktokenDefinition definition = TiktokenDefinition.Find(builtInName)!;
        return Load(path, definition.Pattern, definition.SpecialTokens, definition.Name);
    }

    /// <summary>A new instance of a built-in encoding, not the shared one (for load benchmarks).</summary>
    internal static TiktokenTokenizer LoadFresh(TiktokenDefinition definition) => LoadBuiltIn(definition);

    /// <summary>A built-in encoding whose pattern runs on the general regex engine (for tests and benchmarks of that path).</summary>
    internal static TiktokenTokenizer LoadWithRegexEngine(string name) =>
        LoadBuiltIn(TiktokenDefinition.Find(name) ?? throw new ArgumentException($"Unknown encoding '{name}'.", nameof(name)), regexEngine: true);

    private static unsafe TiktokenTokenizer LoadBuiltIn(TiktokenDefinition definition, bool regexEngine = false)
    {
        using Stream stream = typeof(TiktokenTokenizer).Assembly.GetManifestResourceStream(definition.ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {definition.ResourceName} is missing from the assembly.");
        RankTable table;
        if (stream is UnmanagedMemoryStream mapped)
        {
            // The resource is mapped with the assembly, which is never unloaded: use its bytes in place.
            table = BuiltInTable(definition, mapped.PositionPointer, mapped.Length, null, TableCache.Folder);
        }
        else
        {
            byte[] copy = GC.AllocateUninitializedArray<byte>((int)stream.Length, pinned: true);
            stream.ReadExactly(copy);
            fixed (byte* data = copy)
                table = BuiltInTable(definition, data, copy.Length, copy, TableCache.Folder);
        }
        return new TiktokenTokenizer(definition.Name, definition.Pattern, table, definition.SpecialTokens, regexEngine);
    }

    /// <summary>A built-in encoding over a table made elsewhere (tests of the table cache).</summary>
    internal static TiktokenTokenizer Over(TiktokenDefinition definition, RankTable table) =>
        new(definition.Name, definition.Pattern, table, definition.SpecialTokens);

    /// <summary>
    /// A built-in encoding's table over its compact data: mapped from the table cache (<paramref name="cacheFolder"/>,
    /// null for none) when a whole file of this build is there, else built and written there; written again with its
    /// pair table once that is built (<see cref="RankTable.RequestPairs"/>).
    /// </summary>
    internal static unsafe RankTable BuiltInTable(TiktokenDefinition definition, byte* data, long length, object? owner, string? cacheFolder)
    {
        var source = new RankTableImage.Source(TableCache.Build, length);
        RankTable? table = cacheFolder is null ? null : TableCache.TryLoad(cacheFolder, definition.Name, source, data, owner);
        if (table is not null && table.Pairs is not null)
            return table;
        table ??= CompactRanks.Read(data, length, owner, definition.ResourceName);
        if (cacheFolder is null)
            return table;
        int arenaStart = (int)(table.Arena - data);
        if (!table.IsMapped)
            TableCache.TrySave(cacheFolder, definition.Name, source, table, arenaStart);
        // Kept again once the pair table is built, so later processes map it too.
        table.PairsBuilt = built => TableCache.TrySave(cacheFolder, definition.Name, source, built, arenaStart);
        return table;
    }

    internal static SplitterKind SplitterFor(string pattern) => pattern switch
    {
        TiktokenPatterns.O200k => SplitterKind.O200k,
        TiktokenPatterns.Cl100k => SplitterKind.Cl100k,
        TiktokenPatterns.Cl100kOlderForm => SplitterKind.Cl100kOlder,
        TiktokenPatterns.R50k => SplitterKind.R50k,
        TiktokenPatterns.Qwen => SplitterKind.Qwen,
        _ => SplitterKind.Regex,
    };

    internal BpeEncoder Encoder => _encoder;
}
