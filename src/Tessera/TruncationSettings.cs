namespace Tessera;

/// <summary>Which tokens truncation removes from a pair of texts (Hugging Face's <c>TruncationStrategy</c>).</summary>
public enum TruncationStrategy
{
    /// <summary>From the longer text of the pair, so that both keep as many tokens as they can.</summary>
    LongestFirst,

    /// <summary>Only from the first text.</summary>
    OnlyFirst,

    /// <summary>Only from the second text.</summary>
    OnlySecond,
}

/// <summary>Which end truncation cuts.</summary>
public enum TruncationDirection
{
    /// <summary>The beginning: the last tokens are kept.</summary>
    Left,

    /// <summary>The end: the first tokens are kept.</summary>
    Right,
}

/// <summary>
/// Truncation as Hugging Face's <c>TruncationParams</c> (tokenizer.json's <c>"truncation"</c>): encodings are cut to
/// <see cref="MaxLength"/> tokens, the tokens the post-processor adds included, and what is cut off becomes the
/// encoding's <see cref="TokenEncoding.Overflowing"/> parts, each overlapping the previous part by <see cref="Stride"/>
/// tokens.
/// </summary>
public sealed record TruncationSettings
{
    /// <summary>Creates the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> or <paramref name="stride"/> is negative.</exception>
    public TruncationSettings(int maxLength, int stride = 0, TruncationStrategy strategy = TruncationStrategy.LongestFirst,
        TruncationDirection direction = TruncationDirection.Right)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        ArgumentOutOfRangeException.ThrowIfNegative(stride);
        MaxLength = maxLength;
        Stride = stride;
        Strategy = strategy;
        Direction = direction;
    }

    /// <summary>The most tokens an encoding keeps.</summary>
    public int MaxLength { get; }

    /// <summary>How many tokens each overflowing part repeats from the part before it.</summary>
    public int Stride { get; }

    /// <summary>Which text of a pair loses tokens.</summary>
    public TruncationStrategy Strategy { get; }

    /// <summary>Which end is cut.</summary>
    public TruncationDirection Direction { get; }

    /// <summary>
    /// Cuts <paramref name="first"/> and <paramref name="second"/> to <paramref name="maxLength"/> tokens together
    /// (Hugging Face's <c>truncate_encodings</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <see cref="TruncationStrategy.OnlySecond"/> without a second text; the text to cut is too short to reach the length; or the stride is too long.
    /// </exception>
    internal void Apply(TokenEncoding first, TokenEncoding? second, int maxLength)
    {
        if (maxLength == 0)
        {
            first.Truncate(0, Stride, Direction);
            second?.Truncate(0, Stride, Direction);
            return;
        }
        int total = first.Count + (second?.Count ?? 0);
        if (total <= maxLength)
            return;
        int toRemove = total - maxLength;
        if (Strategy == TruncationStrategy.LongestFirst)
        {
            if (second is null)
            {
                first.Truncate(maxLength, Stride, Direction);
                return;
            }
            int shorter = Math.Min(first.Count, second.Count), longer;
            longer = shorter > maxLength ? shorter : Math.Max(shorter, maxLength - shorter);
            if (shorter + longer > maxLength)
            {
                shorter = maxLength / 2;
                longer = shorter + maxLength % 2;
            }
            bool firstIsLonger = first.Count > second.Count;
            first.Truncate(firstIsLonger ? longer : shorter, Stride, Direction);
            second.Truncate(firstIsLonger ? shorter : longer, Stride, Direction);
            return;
        }
        TokenEncoding target = Strategy == TruncationStrategy.OnlyFirst
            ? first
            : second ?? throw new InvalidOperationException("Truncation OnlySecond needs a pair of texts: the second text is missing.");
        if (target.Count <= toRemove)
            throw new InvalidOperationException(
                $"The {(target == first ? "first" : "second")} text ({target.Count} tokens) is too short to truncate the encoding to {maxLength} tokens.");
        target.Truncate(target.Count - toRemove, Stride, Direction);
    }
}
