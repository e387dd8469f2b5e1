namespace Tessera.Text;

/// <summary>
/// Builds the (code point, change) sequence of <see cref="NormalizedString.Transform(IEnumerable{ValueTuple{int, int}}, int)"/>
/// while walking the old code points in order: each old code point is kept (possibly as another code point), removed,
/// or followed by inserted ones. A removed code point is charged to the last code point kept before it, or counted as
/// removed at the start (Hugging Face's <c>filter</c>), so alignments come out exactly as Hugging Face's.
/// </summary>
internal sealed class ChangeList(int capacity)
{
    private readonly List<(int CodePoint, int Change)> _items = new(capacity);
    private bool _changed;

    /// <summary>The new code points with their changes.</summary>
    public List<(int CodePoint, int Change)> Items => _items;

    /// <summary>Old code points removed before the first new one.</summary>
    public int InitialRemoved { get; private set; }

    /// <summary>Whether anything differs from the old text.</summary>
    public bool Changed => _changed;

    /// <summary>The next old code point becomes <paramref name="codePoint"/> (<paramref name="old"/> when unchanged).</summary>
    public void Keep(int old, int codePoint)
    {
        _items.Add((codePoint, 0));
        _changed |= old != codePoint;
    }

    /// <summary>Inserts <paramref name="codePoint"/> after what was kept, aligned with the last old code point taken.</summary>
    public void Insert(int codePoint)
    {
        _items.Add((codePoint, 1));
        _changed = true;
    }

    /// <summary>Removes the next old code point.</summary>
    public void Remove()
    {
        _changed = true;
        if (_items.Count == 0)
        {
            InitialRemoved++;
            return;
        }
        (int codePoint, int change) = _items[^1];
        System.Diagnostics.Debug.Assert(change <= 0, "a removal follows a kept code point");
        _items[^1] = (codePoint, change - 1);
    }

    /// <summary>Applies the changes to <paramref name="text"/>, unless there are none.</summary>
    public void ApplyTo(NormalizedString text)
    {
        if (_changed)
            text.Transform(_items, InitialRemoved);
    }
}
