namespace Tessera;

/// <summary>
/// The result of encoding one text or a pair of texts with a <see cref="Tokenizer"/>, as Hugging Face's
/// <c>Encoding</c>: ids with, per token, its string, type id, offsets, word index, sequence index, and the special-token
/// and attention masks; plus the parts truncation cut off.
/// </summary>
/// <remarks>
/// Offsets are in the input the token came from (the first or the second text of a pair, see <see cref="SequenceIds"/>),
/// half-open. <see cref="ByteOffsets"/> are UTF-8 byte offsets; <see cref="Offsets"/> count Unicode scalar values
/// (code points) as Hugging Face's Python and Node bindings do. Tokens the post-processor or padding added have (0, 0).
/// </remarks>
public sealed partial class TokenEncoding
{
    private IReadOnlyList<int?>? _sequenceIds;

    internal TokenEncoding() { }

    internal List<int> IdList { get; private set; } = [];
    internal List<string> TokenList { get; private set; } = [];
    internal List<int> TypeIdList { get; private set; } = [];
    internal List<(int Start, int End)> ByteOffsetList { get; private set; } = [];
    internal List<(int Start, int End)> CharOffsetList { get; private set; } = [];
    internal List<int?> WordIdList { get; private set; } = [];
    internal List<int> SpecialMaskList { get; private set; } = [];
    internal List<int> AttentionMaskList { get; private set; } = [];
    internal List<TokenEncoding> OverflowingList { get; private set; } = [];

    /// <summary>
    /// The token range of each input (Hugging Face's <c>sequence_ranges</c>): set by the post-processor, shifted by
    /// merging and left padding, cleared by truncation. Empty means one input covering every token.
    /// </summary>
    internal Dictionary<int, (int Start, int End)> SequenceRanges { get; private set; } = [];

    /// <summary>The token ids.</summary>
    public IReadOnlyList<int> Ids => IdList;

    /// <summary>The token strings (as the vocabulary spells them).</summary>
    public IReadOnlyList<string> Tokens => TokenList;

    /// <summary>The type id of each token (0 for the first sequence of a pair, 1 for the second, as the template says).</summary>
    public IReadOnlyList<int> TypeIds => TypeIdList;

    /// <summary>The code-point range of the input each token came from.</summary>
    public IReadOnlyList<(int Start, int End)> Offsets => CharOffsetList;

    /// <summary>The UTF-8 byte range of the input each token came from.</summary>
    public IReadOnlyList<(int Start, int End)> ByteOffsets => ByteOffsetList;

    /// <summary>The index of the pre-tokenized word each token belongs to; null for tokens the post-processor or padding added.</summary>
    public IReadOnlyList<int?> WordIds => WordIdList;

    /// <summary>
    /// Which input each token came from (0 or 1); null for tokens the post-processor or padding added. Computed as
    /// Hugging Face computes it: input i covers its recorded token range; with no range recorded, input 0 covers all.
    /// </summary>
    public IReadOnlyList<int?> SequenceIds => _sequenceIds ??= ComputeSequenceIds();

    /// <summary>The number of inputs this encoding holds (Hugging Face's <c>n_sequences</c>).</summary>
    public int SequenceCount => SequenceRanges.Count == 0 ? 1 : SequenceRanges.Count;

    /// <summary>1 for a special token the post-processor or padding added, else 0.</summary>
    public IReadOnlyList<int> SpecialTokensMask => SpecialMaskList;

    /// <summary>1 for a real token, 0 for padding.</summary>
    public IReadOnlyList<int> AttentionMask => AttentionMaskList;

    /// <summary>The parts truncation cut off, each an encoding of its own.</summary>
    public IReadOnlyList<TokenEncoding> Overflowing => OverflowingList;

    /// <summary>The number of tokens.</summary>
    public int Count => IdList.Count;

    internal void Add(int id, string token, int typeId, (int, int) byteOffsets, (int, int) charOffsets, int? wordId, bool special)
    {
        IdList.Add(id);
        TokenList.Add(token);
        TypeIdList.Add(typeId);
        ByteOffsetList.Add(byteOffsets);
        CharOffsetList.Add(charOffsets);
        WordIdList.Add(wordId);
        SpecialMaskList.Add(special ? 1 : 0);
        AttentionMaskList.Add(1);
        Changed();
    }

    /// <summary>Forgets derived values after a change.</summary>
    private void Changed() => _sequenceIds = null;

    private List<int?> ComputeSequenceIds()
    {
        var ids = new List<int?>(new int?[Count]);
        for (int sequence = 0; sequence < SequenceCount; sequence++)
        {
            (int start, int end) = SequenceRanges.TryGetValue(sequence, out var range) ? range : (0, Count);
            for (int i = start; i < end && i < Count; i++)
                ids[i] = sequence;
        }
        return ids;
    }
}
