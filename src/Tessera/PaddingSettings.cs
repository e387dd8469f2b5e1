namespace Tessera;

/// <summary>Which end padding fills.</summary>
public enum PaddingDirection
{
    /// <summary>Padding tokens go before the tokens.</summary>
    Left,

    /// <summary>Padding tokens go after the tokens.</summary>
    Right,
}

/// <summary>
/// Padding as Hugging Face's <c>PaddingParams</c> (tokenizer.json's <c>"padding"</c>): encodings shorter than the
/// target length get <see cref="PadToken"/> tokens, with attention mask 0 and special-tokens mask 1, and so do their
/// overflowing parts. The target is <see cref="Length"/>, or without it the longest encoding of the batch
/// (<c>BatchLongest</c>); either is rounded up to a multiple of <see cref="PadToMultipleOf"/>.
/// </summary>
public sealed record PaddingSettings
{
    private readonly int? _length;
    private readonly int? _padToMultipleOf;
    private readonly int _padId;
    private readonly int _padTypeId;
    private readonly string _padToken = "[PAD]";

    /// <summary>The fixed length to pad to (Hugging Face's <c>Fixed</c> strategy); null pads to the batch's longest.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? Length { get => _length; init => _length = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(Length), value, "must not be negative") : value; }

    /// <summary>When set and not 0, the target length is rounded up to a multiple of it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? PadToMultipleOf { get => _padToMultipleOf; init => _padToMultipleOf = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(PadToMultipleOf), value, "must not be negative") : value; }

    /// <summary>Which end is padded (default right).</summary>
    public PaddingDirection Direction { get; init; } = PaddingDirection.Right;

    /// <summary>The id of the padding token (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int PadId { get => _padId; init => _padId = value < 0 ? throw new ArgumentOutOfRangeException(nameof(PadId), value, "must not be negative") : value; }

    /// <summary>The type id of padding tokens (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int PadTypeId { get => _padTypeId; init => _padTypeId = value < 0 ? throw new ArgumentOutOfRangeException(nameof(PadTypeId), value, "must not be negative") : value; }

    /// <summary>The string of the padding token (default <c>[PAD]</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public string PadToken { get => _padToken; init => _padToken = value ?? throw new ArgumentNullException(nameof(PadToken)); }

    /// <summary>Pads every encoding of a batch (Hugging Face's <c>pad_encodings</c>).</summary>
    internal void Apply(IReadOnlyList<TokenEncoding> encodings)
    {
        if (encodings.Count == 0)
            return;
        int length = Length ?? encodings.Max(e => e.Count);
        if (PadToMultipleOf is int multiple && multiple > 0 && length % multiple > 0)
            length += multiple - length % multiple;
        foreach (TokenEncoding encoding in encodings)
            encoding.Pad(length, PadId, PadTypeId, PadToken, Direction);
    }
}
