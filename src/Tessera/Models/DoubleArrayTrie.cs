using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Models;

/// <summary>
/// An immutable byte trie in one flat array (Aoe's double array): the child of state <c>s</c> by byte <c>b</c> is
/// cell <c>t = Base[s] + b</c> if <c>Check[t] == s</c>. A step is two loads from one array and allocates nothing, which
/// is what the Unigram lattice and WordPiece's longest match do once per byte. Keys map to non-negative values.
/// </summary>
/// <remarks>
/// Why a double array: the walks read every byte of the text once per piece start, so the step is the hot loop.
/// A trie of per-node dictionaries (Hugging Face's <c>Trie&lt;u8&gt;</c> is a HashMap per node) costs a hash and a
/// pointer chase per byte; sorted child arrays cost a search. Here a step is <c>Base</c> of the current cell, then
/// <c>Check</c> and <c>Value</c> of the next one, which sit side by side in the same 12-byte unit. Leaves get base 0
/// and the array is at least 256 cells long, so a step never leaves the array; the root's check is -2 and free cells'
/// -1, so neither is ever anyone's child.
/// Construction places each node's children at the lowest base whose cells are all free (keys taken in byte order,
/// with the usual skip of densely used prefixes), which keeps the array within a few percent of the node count.
/// </remarks>
internal sealed class DoubleArrayTrie
{
    private const int Free = -1;
    private const int RootCheck = -2;

    [StructLayout(LayoutKind.Sequential)]
    private struct Unit
    {
        public int Base;
        public int Check;
        public int Value;
    }

    private readonly Unit[] _units;

    private DoubleArrayTrie(Unit[] units, int count)
    {
        _units = units;
        Count = count;
    }

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; }

    /// <summary>The number of cells (memory is 12 bytes a cell).</summary>
    public int Cells => _units.Length;

    /// <summary>The root state.</summary>
    public const int Root = 0;

    /// <summary>The state after <paramref name="label"/> from <paramref name="state"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int state, byte label)
    {
        ref Unit units = ref MemoryMarshal.GetArrayDataReference(_units);
        int next = Unsafe.Add(ref units, state).Base + label;
        return Unsafe.Add(ref units, next).Check == state ? next : -1;
    }

    /// <summary>The value of the key that ends at <paramref name="state"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ValueAt(int state) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_units), state).Value;

    /// <summary>The value of exactly <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
            return -1;
        int state = Root;
        foreach (byte b in key)
        {
            state = Next(state, b);
            if (state < 0)
                return -1;
        }
        return ValueAt(state);
    }

    /// <summary>
    /// The length of the longest key that is a prefix of <paramref name="text"/> (0 if none) and its value.
    /// </summary>
    public int LongestPrefix(ReadOnlySpan<byte> text, out int value)
    {
        value = -1;
        int best = 0, state = Root;
        for (int i = 0; i < text.Length; i++)
        {
            state = Next(state, text[i]);
            if (state < 0)
                break;
            int v = ValueAt(state);
            if (v >= 0)
            {
                best = i + 1;
                value = v;
            }
        }
        return best;
    }

    /// <summary>
    /// Builds the trie of <paramref name="keys"/>. Empty keys are skipped; when a key repeats, the value given last
    /// wins (as inserting into a hash map would). Values must be non-negative.
    /// </summary>
    /// <remarks>
    /// Sorting, the pending nodes and the key list use the library's own types and loops, and the keys come as a span,
    /// not through the base library's generic collections over tuples: those are compiled at first use (about 25
    /// methods, milliseconds of a first load).
    /// </remarks>
    public static DoubleArrayTrie Build(ReadOnlySpan<(byte[] Key, int Value)> keys)
    {
        var entries = new Entry[keys.Length];
        int n = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            (byte[] key, int value) = keys[i];
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(keys), "trie values must be non-negative");
            if (key.Length > 0)
                entries[n++] = new Entry(key, value, i);
        }
        entries = SortByKeyThenOrder(entries, n);
        // Keep the last of equal keys.
        var sorted = new Entry[n];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            Entry entry = entries[i];
            if (count > 0 && sorted[count - 1].Key.AsSpan().SequenceEqual(entry.Key))
                sorted[count - 1] = entry;
            else
                sorted[count++] = entry;
        }
        return new Builder(sorted, count).Build();
    }

    private readonly record struct Entry(byte[] Key, int Value, int Order);

    /// <summary>The first <paramref name="n"/> entries in byte order of their keys, then in the order they were given (a stable merge sort).</summary>
    private static Entry[] SortByKeyThenOrder(Entry[] entries, int n)
    {
        var other = new Entry[n];
        for (int width = 1; width < n; width *= 2)
        {
            for (int lo = 0; lo < n; lo += 2 * width)
            {
                int mid = Math.Min(lo + width, n), hi = Math.Min(lo + 2 * width, n);
                int a = lo, b = mid, to = lo;
                while (a < mid && b < hi)
                    other[to++] = Compare(entries[b], entries[a]) < 0 ? entries[b++] : entries[a++];
                while (a < mid)
                    other[to++] = entries[a++];
                while (b < hi)
                    other[to++] = entries[b++];
            }
            (entries, other) = (other, entries);
        }
        return entries;
    }

    private static int Compare(in Entry a, in Entry b)
    {
        int c = a.Key.AsSpan().SequenceCompareTo(b.Key);
        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }

    /// <summary>A node whose children are still to place: the keys <c>Lo..Hi</c> below it share their first <c>Depth</c> bytes.</summary>
    private readonly record struct Pending(int Node, int Lo, int Hi, int Depth);

    /// <summary>Places nodes depth-first; each node's children go to the first base where all their cells are free.</summary>
    private sealed class Builder(Entry[] keys, int count)
    {
        private int[] _base = new int[1024];
        private int[] _check = Filled(1024, Free);
        private int[] _value = Filled(1024, -1);
        private int _size;          // cells in use as array length (highest index + 1)
        private int _nextCheckPos;  // no free cell below this (a heuristic lower bound)

        public DoubleArrayTrie Build()
        {
            _check[Root] = RootCheck;
            _size = 1;
            var labels = new List<byte>(256);
            var rangeStarts = new int[256];
            var rangeEnds = new int[256];
            var stack = new Pending[64];
            int pending = 0;
            stack[pending++] = new Pending(Root, 0, count, 0);
            while (pending > 0)
            {
                (int node, int lo, int hi, int depth) = stack[--pending];
                if (lo < hi && keys[lo].Key.Length == depth)
                    _value[node] = keys[lo++].Value; // the shorter key sorts first
                labels.Clear();
                for (int i = lo; i < hi;)
                {
                    byte label = keys[i].Key[depth];
                    int j = i + 1;
                    while (j < hi && keys[j].Key[depth] == label)
                        j++;
                    rangeStarts[labels.Count] = i;
                    rangeEnds[labels.Count] = j;
                    labels.Add(label);
                    i = j;
                }
                if (labels.Count == 0)
                    continue;
                int b = FindBase(labels);
                _base[node] = b;
                for (int k = 0; k < labels.Count; k++)
                    _check[b + labels[k]] = node;
                if (pending + labels.Count > stack.Length)
                {
                    var bigger = new Pending[Math.Max(stack.Length * 2, pending + labels.Count)];
                    Array.Copy(stack, bigger, pending);
                    stack = bigger;
                }
                for (int k = labels.Count - 1; k >= 0; k--)
                    stack[pending++] = new Pending(b + labels[k], rangeStarts[k], rangeEnds[k], depth + 1);
            }

            int length = Math.Max(_size, 256);
            int maxBase = 0;
            for (int i = 0; i < _size; i++)
                maxBase = Math.Max(maxBase, _base[i]);
            length = Math.Max(length, maxBase + 256);
            Grow(length);
            var units = new Unit[length];
            for (int i = 0; i < length; i++)
                units[i] = new Unit { Base = _base[i], Check = _check[i], Value = _value[i] };
            return new DoubleArrayTrie(units, count);
        }

        private static int[] Filled(int length, int value)
        {
            var array = new int[length];
            for (int i = 0; i < length; i++)
                array[i] = value;
            return array;
        }

        private int FindBase(List<byte> labels)
        {
            int first = labels[0];
            int pos = Math.Max(first, _nextCheckPos) - 1;
            int used = 0;
            bool firstFree = true;
            int start = pos + 1;
            while (true)
            {
                pos++;
                Grow(pos + 257);
                if (_check[pos] != Free)
                {
                    used++;
                    continue;
                }
                if (firstFree)
                {
                    _nextCheckPos = Math.Max(_nextCheckPos, pos);
                    firstFree = false;
                }
                int b = pos - first;
                bool fits = true;
                for (int k = 1; k < labels.Count; k++)
                {
                    if (_check[b + labels[k]] != Free)
                    {
                        fits = false;
                        break;
                    }
                }
                if (!fits)
                    continue;
                // Skip past a prefix of the array that is almost full, so later searches start beyond it.
                if (used >= 0.95 * (pos - start + 1))
                    _nextCheckPos = pos;
                _size = Math.Max(_size, b + labels[^1] + 1);
                return b;
            }
        }

        private void Grow(int needed)
        {
            if (needed <= _check.Length)
                return;
            int old = _check.Length;
            int length = Math.Max(needed, old * 2);
            Array.Resize(ref _base, length);
            Array.Resize(ref _check, length);
            Array.Resize(ref _value, length);
            for (int i = old; i < length; i++)
            {
                _check[i] = Free;
                _value[i] = -1;
            }
        }
    }
}
