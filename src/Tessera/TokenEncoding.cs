namespace Tessera;

/// <summary>
/// The result of encoding one text or a pair of texts with a <see cref="Tokenizer"/>, as Hugging Face's
/// <c>Encoding</c>: ids with, per token, its string, type id, offsets, word index, sequence index, and the special-token
/// and attention masks; plus the parts truncation cut off.
/// </summary>
/// <remarks>
/// Offsets are in the input the token came from (the first or the second text of a pair, see <see cref="SequenceIds"/>),
/// half-open. <see cref="ByteOffsets"/> are UTF-8 byte offsets; <see cref="Offsets"/> count Unicode scalar values
/// (code points) as Hugging Face's Python and Node bindings do. Tokens the post-processor added have (0, 0).
/// </remarks>
public sealed class TokenEncoding
{
    internal TokenEncoding() { }

    internal List<int> IdList { get; init; } = [];
    internal List<string> TokenList { get; init; } = [];
    internal List<int> TypeIdList { get; init; } = [];
    internal List<(int Start, int End)> ByteOffsetList { get; init; } = [];
    internal List<(int Start, int End)> CharOffsetList { get; init; } = [];
    internal List<int?> WordIdList { get; init; } = [];
    internal List<int?> SequenceIdList { get; init; } = [];
    internal List<int> SpecialMaskList { get; init; } = [];
    internal List<int> AttentionMaskList { get; init; } = [];
    internal List<TokenEncoding> OverflowingList { get; init; } = [];

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

    /// <summary>The index of the pre-tokenized word each token belongs to; null for added special tokens.</summary>
    public IReadOnlyList<int?> WordIds => WordIdList;

    /// <summary>Which input each token came from (0 or 1); null for added special tokens.</summary>
    public IReadOnlyList<int?> SequenceIds => SequenceIdList;

    /// <summary>1 for a special token the post-processor or padding added, else 0.</summary>
    public IReadOnlyList<int> SpecialTokensMask => SpecialMaskList;

    /// <summary>1 for a real token, 0 for padding.</summary>
    public IReadOnlyList<int> AttentionMask => AttentionMaskList;

    /// <summary>The parts truncation cut off, each an encoding of its own.</summary>
    public IReadOnlyList<TokenEncoding> Overflowing => OverflowingList;

    /// <summary>The number of tokens.</summary>
    public int Count => IdList.Count;

    internal void Add(int id, string token, int typeId, (int, int) byteOffsets, (int, int) charOffsets, int? wordId, int? sequenceId, bool special)
    {
        IdList.Add(id);
        TokenList.Add(token);
        TypeIdList.Add(typeId);
        ByteOffsetList.Add(byteOffsets);
        CharOffsetList.Add(charOffsets);
        WordIdList.Add(wordId);
        SequenceIdList.Add(sequenceId);
        SpecialMaskList.Add(special ? 1 : 0);
        AttentionMaskList.Add(1);
    }

    /// <summary>Tokens [start, end) as an encoding of their own.</summary>
    internal TokenEncoding Slice(int start, int end) => new()
    {
        IdList = IdList[start..end],
        TokenList = TokenList[start..end],
        TypeIdList = TypeIdList[start..end],
        ByteOffsetList = ByteOffsetList[start..end],
        CharOffsetList = CharOffsetList[start..end],
        WordIdList = WordIdList[start..end],
        SequenceIdList = SequenceIdList[start..end],
        SpecialMaskList = SpecialMaskList[start..end],
        AttentionMaskList = AttentionMaskList[start..end],
    };

    /// <summary>Appends all tokens of <paramref name="other"/>.</summary>
    internal void Append(TokenEncoding other)
    {
        IdList.AddRange(other.IdList);
        TokenList.AddRange(other.TokenList);
        TypeIdList.AddRange(other.TypeIdList);
        ByteOffsetList.AddRange(other.ByteOffsetList);
        CharOffsetList.AddRange(other.CharOffsetList);
        WordIdList.AddRange(other.WordIdList);
        SequenceIdList.AddRange(other.SequenceIdList);
        SpecialMaskList.AddRange(other.SpecialMaskList);
        AttentionMaskList.AddRange(other.AttentionMaskList);
    }

    /// <summary>Sets every token's type id and sequence index (the post-processor's view of which input it is).</summary>
    internal void SetSequence(int typeId, int? sequenceId)
    {
        for (int i = 0; i < IdList.Count; i++)
        {
            TypeIdList[i] = typeId;
            SequenceIdList[i] = sequenceId;
        }
    }
}
