namespace Tessera.Text;

/// <summary>What a split does with the delimiter it matched (Hugging Face's <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    /// <summary>The delimiter is dropped.</summary>
    Removed,
    /// <summary>The delimiter is a piece of its own.</summary>
    Isolated,
    /// <summary>The delimiter joins the piece before it.</summary>
    MergedWithPrevious,
    /// <summary>The delimiter joins the piece after it.</summary>
    MergedWithNext,
    /// <summary>Consecutive delimiters form one piece.</summary>
    Contiguous,
}
