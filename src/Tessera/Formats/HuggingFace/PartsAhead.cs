using Tessera.Decoders;
using Tessera.Formats.Json;
using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Normalizers;
using Tessera.PostProcessors;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The normalizer, pre-tokenizer, post-processor and decoder of a tokenizer.json, read from the parts the scan met
/// before the model (Hugging Face writes them there) on the load's helper thread, while the loading thread reads the
/// model; and the added vocabulary, once the model's vocabulary is read. Their first reading in a process costs 6-7 ms (code run for the first time: Llama 3's pre-tokenizer 2.5-3.5
/// ms, its post-processor 2-3 ms) on a thread that then has the merges and tables still to do, where the helper has
/// a gap of about 5 ms between its read-ahead and its share of the merges.
/// </summary>
/// <remarks>
/// Each component is read once, by whichever thread claims it first (<see cref="ClaimedWork{T}"/>); a failure is kept and thrown to the loading
/// thread when <see cref="TokenizerJsonReader.Assemble"/> asks, in the order it asks, so a file's first error is
/// reported as it is without the helper. A part named again after the model replaces the one read ahead, as the last
/// of a repeated name counts.
/// </remarks>
internal sealed class PartsAhead
{
    private readonly Dictionary<string, (JsonTree Tree, ClaimedWork<object?> Component)> _read = new(StringComparer.Ordinal);
    private readonly LoadHelper _helper;
    private readonly JsonTree? _normalizerPart; // the part as the scan met it (JSON null included), or null
    private readonly List<AddedToken>? _addedTokens; // the added tokens the scan read before the model, or null
    private AddedAhead? _added;

    /// <summary>The added vocabulary built ahead: from these tokens, over this vocabulary, with the normalizer of this part (null: no part).</summary>
    private sealed record AddedAhead(List<AddedToken> Tokens, StringVocabulary Vocabulary, JsonTree? Normalizer, ClaimedWork<AddedVocabulary> Built);

    /// <summary>
    /// The components of the parts in <paramref name="parts"/> now, to read on <paramref name="helper"/>'s thread, and
    /// the added vocabulary of <paramref name="addedTokens"/> once the model's vocabulary is read.
    /// </summary>
    public PartsAhead(Dictionary<string, JsonTree> parts, List<AddedToken>? addedTokens, string file, LoadHelper helper)
    {
        _helper = helper;
        _addedTokens = addedTokens;
        _normalizerPart = parts.GetValueOrDefault("normalizer");
        Add(parts, file, "normalizer", json => NormalizerJson.Read(json));
        Add(parts, file, "pre_tokenizer", json => PreTokenizerJson.Read(json));
        Add(parts, file, "post_processor", json => PostProcessorJson.Read(json));
        Add(parts, file, "decoder", json => DecoderJson.Read(json));
        if (_read.Count > 0)
            helper.Post(ReadAll);
    }

    /// <summary>The component of part <paramref name="name"/> read ahead from <paramref name="tree"/>, if it was (rethrowing its failure).</summary>
    public bool TryTake(string name, JsonTree tree, out object? component)
    {
        if (_read.TryGetValue(name, out var read) && ReferenceEquals(read.Tree, tree))
        {
            component = read.Component.Value;
            return true;
        }
        component = null;
        return false;
    }

    /// <summary>
    /// Starts building the added vocabulary of the tokens read before the model, if any, on the helper thread, numbered
    /// against the model's <paramref name="vocabulary"/> (all it asks of the model) and normalized by the normalizer
    /// read ahead: its first build in a process cost Llama 3's load 4 ms on the loading thread, with the merges still
    /// to resolve.
    /// </summary>
    public void StartAddedVocabulary(StringVocabulary vocabulary)
    {
        if (_addedTokens is not { } tokens)
            return;
        ClaimedWork<object?>? normalizer = _read.TryGetValue("normalizer", out var read) ? read.Component : null;
        var built = new ClaimedWork<AddedVocabulary>(() => new AddedVocabulary(tokens, vocabulary.Count,
            token => vocabulary.IdOf(token) is >= 0 and var id ? id : null, (INormalizer?)normalizer?.Value));
        _added = new AddedAhead(tokens, vocabulary, _normalizerPart, built);
        _helper.Post(() => built.TryRun());
    }

    /// <summary>
    /// The added vocabulary built ahead, if it was built from <paramref name="tokens"/> over <paramref name="model"/>'s
    /// vocabulary with the normalizer of part <paramref name="normalizer"/> (rethrowing its failure).
    /// </summary>
    public AddedVocabulary? TakeAddedVocabulary(List<AddedToken>? tokens, IModel model, JsonTree? normalizer) =>
        _added is { } added && ReferenceEquals(added.Tokens, tokens) && model is BpeModel bpe && ReferenceEquals(bpe.Strings, added.Vocabulary)
            && ReferenceEquals(added.Normalizer, normalizer)
            ? added.Built.Value
            : null;

    private void Add(Dictionary<string, JsonTree> parts, string file, string name, Func<JsonObject, object> read)
    {
        if (parts.TryGetValue(name, out JsonTree? tree) && TokenizerJsonReader.PartOf(tree, file, name) is { } json)
            _read[name] = (tree, new ClaimedWork<object?>(() => read(json)));
    }

    /// <summary>
    /// Reads, on this thread, what the helper has not started, while <paramref name="waiting"/> (the loading thread
    /// would otherwise wait for the merges' read-ahead, behind which the parts are queued on the helper, and which
    /// ran 3-5 ms past the vocabulary).
    /// </summary>
    public void ReadWhile(Func<bool> waiting)
    {
        foreach ((_, ClaimedWork<object?> component) in _read.Values)
        {
            if (!waiting())
                return;
            component.TryRun();
        }
        if (_added is { } added && waiting())
            added.Built.TryRun();
    }

    private void ReadAll()
    {
        foreach ((_, ClaimedWork<object?> component) in _read.Values)
            component.TryRun();
    }
}
