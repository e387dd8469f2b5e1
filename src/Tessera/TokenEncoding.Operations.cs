namespace Tessera;

/// <summary>A special token a post-processor adds: its string, id and type id.</summary>
internal readonly record struct AddedSpecial(string Token, int Id, int TypeId);

public sealed partial class TokenEncoding
{
    /// <summary>A deep copy (overflowing parts included).</summary>
    internal TokenEncoding Clone() => new()
    {
        IdList = [.. IdList],
        TokenList = [.. TokenList],
        TypeIdList = [.. TypeIdList],
        ByteOffsetList = [.. ByteOffsetList],
        CharOffsetList = [.. CharOffsetList],
        WordIdList = [.. WordIdList],
        SpecialMaskList = [.. SpecialMaskList],
        AttentionMaskList = [.. AttentionMaskList],
        OverflowingList = OverflowingList.ConvertAll(o => o.Clone()),
        SequenceRanges = new(SequenceRanges),
    };

    /// <summary>Tokens [start, end) as an encoding of their own (no ranges, no overflowing parts).</summary>
    internal TokenEncoding Slice(int start, int end) => new()
    {
        IdList = IdList[start..end],
        TokenList = TokenList[start..end],
        TypeIdList = TypeIdList[start..end],
        ByteOffsetList = ByteOffsetList[start..end],
        CharOffsetList = CharOffsetList[start..end],
        WordIdList = WordIdList[start..end],
        SpecialMaskList = SpecialMaskList[start..end],
        AttentionMaskList = AttentionMaskList[start..end],
    };

    /// <summary>Records that all tokens belong to input <paramref name="sequenceId"/> (Hugging Face's <c>set_sequence_id</c>).</summary>
    internal void SetSequenceId(int sequenceId)
    {
        SequenceRanges[sequenceId] = (0, Count);
        Changed();
    }

    /// <summary>Sets every token's type id (not the overflowing parts').</summary>
    internal void SetTypeIds(int typeId)
    {
        for (int i = 0; i < TypeIdList.Count; i++)
            TypeIdList[i] = typeId;
    }

    /// <summary>Removes and returns the overflowing parts.</summary>
    internal List<TokenEncoding> TakeOverflowing()
    {
        List<TokenEncoding> parts = OverflowingList;
        OverflowingList = [];
        return parts;
    }

    /// <summary>Adds one token the post-processor or padding puts in: no word, offsets (0, 0).</summary>
    private void AddSpecial(int id, string token, int typeId, bool special, bool attend)
    {
        IdList.Add(id);
        TokenList.Add(token);
        TypeIdList.Add(typeId);
        ByteOffsetList.Add((0, 0));
        CharOffsetList.Add((0, 0));
        WordIdList.Add(null);
        SpecialMaskList.Add(special ? 1 : 0);
        AttentionMaskList.Add(attend ? 1 : 0);
    }

    /// <summary>An encoding of special tokens only, as a template adds them.</summary>
    internal static TokenEncoding OfSpecialTokens(IReadOnlyList<int> ids, IReadOnlyList<string> tokens, int typeId)
    {
        var encoding = new TokenEncoding();
        for (int i = 0; i < ids.Count; i++)
            encoding.AddSpecial(ids[i], tokens[i], typeId, special: true, attend: true);
        return encoding;
    }

    /// <summary>
    /// <paramref name="body"/> between optional special tokens, as BERT and RoBERTa post-process: the body's tokens
    /// marked not special, its type ids kept or set to <paramref name="bodyTypeId"/>, all attended, the body recorded
    /// as input <paramref name="sequenceId"/>; no overflowing parts.
    /// </summary>
    internal static TokenEncoding Wrap(TokenEncoding body, AddedSpecial? before, AddedSpecial? after, int? bodyTypeId, int sequenceId)
    {
        var result = new TokenEncoding();
        if (before is { } b)
            result.AddSpecial(b.Id, b.Token, b.TypeId, special: true, attend: true);
        int bodyStart = result.Count;
        result.IdList.AddRange(body.IdList);
        result.TokenList.AddRange(body.TokenList);
        if (bodyTypeId is int typeId)
            result.TypeIdList.AddRange(Enumerable.Repeat(typeId, body.Count));
        else
            result.TypeIdList.AddRange(body.TypeIdList);
        result.ByteOffsetList.AddRange(body.ByteOffsetList);
        result.CharOffsetList.AddRange(body.CharOffsetList);
        result.WordIdList.AddRange(body.WordIdList);
        result.SpecialMaskList.AddRange(Enumerable.Repeat(0, body.Count));
        result.AttentionMaskList.AddRange(Enumerable.Repeat(1, body.Count));
        if (after is { } a)
            result.AddSpecial(a.Id, a.Token, a.TypeId, special: true, attend: true);
        result.SequenceRanges[sequenceId] = (bodyStart, bodyStart + body.Count);
        return result;
    }

    /// <summary>The encodings one after another (Hugging Face's <c>Encoding::merge</c>, offsets not shifted).</summary>
    internal static TokenEncoding Merge(IEnumerable<TokenEncoding> encodings)
    {
        var result = new TokenEncoding();
        foreach (TokenEncoding encoding in encodings)
            result.MergeWith(encoding);
        return result;
    }

    /// <summary>
    /// Appends <paramref name="pair"/> (Hugging Face's <c>merge_with</c>). The overflowing parts combine: each of ours
    /// with the whole pair and with each of its parts, then the whole of us with each of its parts.
    /// </summary>
    internal void MergeWith(TokenEncoding pair)
    {
        var overflowing = new List<TokenEncoding>();
        foreach (TokenEncoding mine in OverflowingList)
        {
            TokenEncoding withPair = mine.Clone();
            withPair.MergeWith(pair.Clone());
            overflowing.Add(withPair);
            foreach (TokenEncoding theirs in pair.OverflowingList)
            {
                TokenEncoding combined = mine.Clone();
                combined.MergeWith(theirs.Clone());
                overflowing.Add(combined);
            }
        }
        foreach (TokenEncoding theirs in pair.OverflowingList)
        {
            TokenEncoding combined = Clone();
            combined.MergeWith(theirs.Clone());
            overflowing.Add(combined);
        }

        int shift = Count;
        foreach ((int sequence, (int start, int end)) in pair.SequenceRanges)
            SequenceRanges[sequence] = (start + shift, end + shift);
        IdList.AddRange(pair.IdList);
        TypeIdList.AddRange(pair.TypeIdList);
        TokenList.AddRange(pair.TokenList);
        WordIdList.AddRange(pair.WordIdList);
        ByteOffsetList.AddRange(pair.ByteOffsetList);
        CharOffsetList.AddRange(pair.CharOffsetList);
        SpecialMaskList.AddRange(pair.SpecialMaskList);
        AttentionMaskList.AddRange(pair.AttentionMaskList);
        OverflowingList = overflowing;
        Changed();
    }

    /// <summary>
    /// Keeps <paramref name="maxLength"/> tokens from the end <paramref name="direction"/> does not cut, and makes the
    /// rest overflowing parts of <paramref name="maxLength"/> tokens, each repeating the <paramref name="stride"/> last
    /// tokens of the one before (Hugging Face's <c>Encoding::truncate</c>). The input ranges are forgotten.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="stride"/> is not below <paramref name="maxLength"/>.</exception>
    internal void Truncate(int maxLength, int stride, TruncationDirection direction)
    {
        int length = Count;
        if (maxLength >= length)
            return;
        if (maxLength == 0)
        {
            TokenEncoding whole = MoveOut();
            OverflowingList.Add(whole);
            return;
        }
        if (stride >= maxLength)
            throw new InvalidOperationException(
                $"The truncation stride ({stride}) must be less than the length to truncate to ({maxLength}); that length leaves out the tokens the post-processor adds.");

        int step = maxLength - stride;
        var parts = new List<(int Start, int End)>();
        if (direction == TruncationDirection.Right)
        {
            for (int start = 0; start < length; start += step)
            {
                int end = Math.Min(start + maxLength, length);
                parts.Add((start, end));
                if (end == length)
                    break;
            }
        }
        else
        {
            for (int last = length - 1; last >= 0; last -= step)
            {
                int end = last + 1, start = Math.Max(end - maxLength, 0);
                parts.Add((start, end));
                if (start == 0)
                    break;
            }
        }

        TokenEncoding head = Slice(parts[0].Start, parts[0].End);
        for (int i = 1; i < parts.Count; i++)
            head.OverflowingList.Add(Slice(parts[i].Start, parts[i].End));
        TakeFrom(head);
    }

    /// <summary>
    /// Pads to <paramref name="length"/> tokens, and each overflowing part too (Hugging Face's <c>Encoding::pad</c>):
    /// padding tokens are special, not attended, of no word; left padding shifts the input ranges.
    /// </summary>
    internal void Pad(int length, int padId, int padTypeId, string padToken, PaddingDirection direction)
    {
        foreach (TokenEncoding part in OverflowingList)
            part.Pad(length, padId, padTypeId, padToken, direction);
        if (Count >= length)
            return;
        int padding = length - Count;
        var pad = new TokenEncoding();
        for (int i = 0; i < padding; i++)
            pad.AddSpecial(padId, padToken, padTypeId, special: true, attend: false);
        if (direction == PaddingDirection.Right)
        {
            AppendLists(pad);
        }
        else
        {
            pad.AppendLists(this);
            foreach ((int sequence, (int start, int end)) in SequenceRanges)
                SequenceRanges[sequence] = (start + padding, end + padding);
            (IdList, TokenList, TypeIdList, WordIdList) = (pad.IdList, pad.TokenList, pad.TypeIdList, pad.WordIdList);
            (ByteOffsetList, CharOffsetList, SpecialMaskList, AttentionMaskList) = (pad.ByteOffsetList, pad.CharOffsetList, pad.SpecialMaskList, pad.AttentionMaskList);
        }
        Changed();
    }

    private void AppendLists(TokenEncoding other)
    {
        IdList.AddRange(other.IdList);
        TokenList.AddRange(other.TokenList);
        TypeIdList.AddRange(other.TypeIdList);
        ByteOffsetList.AddRange(other.ByteOffsetList);
        CharOffsetList.AddRange(other.CharOffsetList);
        WordIdList.AddRange(other.WordIdList);
        SpecialMaskList.AddRange(other.SpecialMaskList);
        AttentionMaskList.AddRange(other.AttentionMaskList);
    }

    /// <summary>Moves everything of this encoding into a new one and leaves this one empty.</summary>
    private TokenEncoding MoveOut()
    {
        var moved = new TokenEncoding();
        moved.TakeFrom(this);
        TakeFrom(new TokenEncoding());
        return moved;
    }

    private void TakeFrom(TokenEncoding other)
    {
        (IdList, TokenList, TypeIdList, WordIdList) = (other.IdList, other.TokenList, other.TypeIdList, other.WordIdList);
        (ByteOffsetList, CharOffsetList, SpecialMaskList, AttentionMaskList) = (other.ByteOffsetList, other.CharOffsetList, other.SpecialMaskList, other.AttentionMaskList);
        (OverflowingList, SequenceRanges) = (other.OverflowingList, other.SequenceRanges);
        Changed();
    }
}
