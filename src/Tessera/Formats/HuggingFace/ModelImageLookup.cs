using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The model image (<see cref="ModelImageCache"/>) of one read of a tokenizer.json. It is looked up when the scan
/// reaches the model's vocabulary, by the bytes from there to the end of the file (the region: in a file Hugging Face
/// writes, the vocabulary, the merges and the model's last fields), so files that differ only before the vocabulary
/// (in their added tokens, normalizer or post-processor, say) share one image. The one option read before the
/// vocabulary that the tables depend on, <c>continuing_subword_prefix</c> (the merges' ids do), is checked once the
/// model's options are read (<see cref="Fits"/>).
/// </summary>
/// <param name="cache">Where images are kept.</param>
/// <param name="use">False to keep the model read in the cache without looking for its image (a read again after <see cref="Refused"/>).</param>
internal sealed class ModelImageLookup(ModelImageCache cache, bool use = true)
{
    private int _regionStart = -1;
    private BpeModelImage.Source _source;
    private BpeModelImage.Spans _spans; // where the parts read were, from the region's start

    /// <summary>The image found, or null.</summary>
    public BpeModelImage.Contents? Image { get; private set; }

    /// <summary>
    /// Set when the image found does not fit the model after all (made with another <c>continuing_subword_prefix</c>, or
    /// the merges are not where it says): the file is then read again without it, and its image replaced.
    /// </summary>
    public bool Refused { get; private set; }

    /// <summary>A lookup for reading the file again after <see cref="Refused"/>: it keeps what is read, and uses no image.</summary>
    public ModelImageLookup WithoutImage() => new(cache, use: false);

    /// <summary>Looks the image up, for a large file whose vocabulary starts at <paramref name="vocabularyStart"/>.</summary>
    public void LookUp(ReadOnlySpan<byte> json, int vocabularyStart)
    {
        if (json.Length < ModelImageCache.From || _regionStart >= 0)
            return;
        _regionStart = vocabularyStart;
        _source = BpeModelImage.Source.Of(json[vocabularyStart..]);
        Image = use ? cache.TryLoad(_source) : null;
    }

    /// <summary>Where the image's vocabulary (which starts the region) ends in the file; -1 without an image.</summary>
    public int VocabularyEnd => Image is { } image ? _regionStart + image.Spans.VocabularyEnd : -1;

    /// <summary>Where the image's merges end in the file when they start at <paramref name="start"/>; else -1.</summary>
    public int MergesEnd(int start) =>
        Image is { } image && start - _regionStart == image.Spans.MergesStart ? _regionStart + image.Spans.MergesEnd : -1;

    /// <summary>Notes where the vocabulary read (which starts the region) ended.</summary>
    public void ReadVocabulary(int end) => _spans = _spans with { VocabularyEnd = end - _regionStart };

    /// <summary>Notes where the merges read were (when they come after the vocabulary: else no image is kept).</summary>
    public void ReadMerges(int start, int end)
    {
        if (_regionStart >= 0)
            _spans = _spans with { MergesStart = start - _regionStart, MergesEnd = end - _regionStart };
    }

    /// <summary>Whether the image fits a model with these options.</summary>
    public bool Fits(BpeOptions options) => Image!.ContinuingSubwordPrefix == (options.ContinuingSubwordPrefix ?? "");

    /// <summary>Sets <see cref="Refused"/>: the image named the vocabulary but does not fit the rest of the model. Returns null.</summary>
    public BpeModel? Refuse()
    {
        Refused = true;
        return null;
    }

    /// <summary>
    /// Keeps <paramref name="model"/> in the cache when it was read (no image was found: with one, the model is the
    /// image's or the file is read again) from a large file with merges after its vocabulary.
    /// </summary>
    public void KeepRead(BpeModel model)
    {
        if (_regionStart >= 0 && Image is null && _spans.MergesEnd > 0)
            cache.SaveLater(_source, _spans, model);
    }
}
