using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// A byte trie over the pieces as a double array (the structure SentencePiece uses, built our own way): the child of
/// state s for byte c is state t = Base[s] + c when Check[t] = s; a state that ends a key holds its value. One
/// transition is an add, one load and a compare, so walking all the pieces that start at a position (what Viterbi
/// does at every character) costs a few nanoseconds per byte. Immutable once built.
/// </summary>
internal sealed class PieceTrie
{
    /// <summary>A state: where its children start, its parent, and the value of the key it ends (-1: none).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Node
    {
        public int Base;
        public int Check;
        public int Value;
    }

    /// <summary>The initial state.</summary>
    public const int Root = 0;

    private const int Free = -1;

    private readonly Node[] _nodes;

    private PieceTrie(Node[] nodes) => _nodes = nodes;

    /// <summary>
    /// The states, for hot loops that walk the trie inline: for any state s and byte c, Base[s] + c is a valid index
    /// (the array is padded), so a walk needs only the Check comparison.
    /// </summary>
    public Node[] Nodes => _nodes;

    /// <summary>The state after <paramref name="b"/> from <paramref name="state"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int state, byte b)
    {
        Node[] nodes = _nodes;
        int t = nodes[state].Base + b;
        return (uint)t < (uint)nodes.Length && nodes[t].Check == state ? t : -1;
    }

    /// <summary>The value of the key that ends at <paramref name="state"/>, or -1.</summary>
    public int ValueOf(int state) => _nodes[state].Value;

    /// <summary>The value of <paramref name="key"/>, or -1.</summary>
    public int ExactMatch(ReadOnlySpan<byte> key)
    {
        int state = Root;
        foreach (byte b in key)
        {
            state = Next(state, b);
            if (state < 0)
                return -1;
        }
        return _nodes[state].Value;
    }

    /// <summary>The length of the longest key that is a prefix of <paramref name="text"/> (0: none) and its value.</summary>
    public int LongestPrefix(ReadOnlySpan<byte> text, out int value)
    {
        value = -1;
        int longest = 0, state = Root;
        for (int i = 0; i < text.Length; i++)
        {
            state = Next(state, text[i]);
            if (state < 0)
                break;
            int v = _nodes[state].Value;
            if (v >= 0)
            {
                longest = i + 1;
                value = v;
            }
        }
        return longest;
    }

    /// <summary>Builds the trie; for a key given twice the first value is kept. Empty keys are ignored.</summary>
    public static PieceTrie Build(IReadOnlyList<(byte[] Key, int Value)> entries)
    {
        var sorted = new List<(byte[] Key, int Value)>(entries.Count);
        foreach (var entry in entries)
            if (entry.Key.Length > 0)
                sorted.Add(entry);
        // Stable, so the first of equal keys stays first.
        (byte[] Key, int Value)[] keys = [.. sorted.Select((e, i) => (e, i))
            .OrderBy(x => x.e.Key, ByteOrder.Instance).ThenBy(x => x.i).Select(x => x.e)];
        var builder = new Builder(Math.Max(1024, keys.Sum(k => k.Key.Length) + 256));
        builder.Add(keys);
        return new PieceTrie(builder.ToNodes());
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    private sealed class Builder
    {
        private int[] _base, _check, _value, _nextFree, _prevFree;
        private int _capacity, _used = 1;

        public Builder(int capacity)
        {
            _base = [];
            _check = [];
            _value = [];
            _nextFree = [];
            _prevFree = [];
            // Slot 0 is the root; the free list's head is the sentinel index _capacity (kept in the arrays' last cell).
            Grow(capacity);
            Take(0, Free);
            _check[0] = -2;
        }

        public void Add((byte[] Key, int Value)[] keys)
        {
            var work = new Stack<(int State, int Lo, int Hi, int Depth)>();
            work.Push((Root, 0, keys.Length, 0));
            var labels = new List<(int Label, int Lo, int Hi)>();
            while (work.Count > 0)
            {
                (int state, int lo, int hi, int depth) = work.Pop();
                if (lo < hi && keys[lo].Key.Length == depth)
                {
                    _value[state] = keys[lo].Value;
                    while (lo < hi && keys[lo].Key.Length == depth)
                        lo++;
                }
                labels.Clear();
                for (int i = lo; i < hi;)
                {
                    int label = keys[i].Key[depth], j = i + 1;
                    while (j < hi && keys[j].Key[depth] == label)
                        j++;
                    labels.Add((label, i, j));
                    i = j;
                }
                if (labels.Count == 0)
                    continue;
                int b = FindBase(labels);
                _base[state] = b;
                foreach ((int label, _, _) in labels)
                    Take(b + label, state);
                for (int k = labels.Count - 1; k >= 0; k--)
                    work.Push((b + labels[k].Label, labels[k].Lo, labels[k].Hi, depth + 1));
            }
        }

        public Node[] ToNodes()
        {
            // Padded so that Base + any byte is inside the array: a walk needs no range check.
            int length = _used;
            for (int i = 0; i < _used; i++)
                length = Math.Max(length, _base[i] + 256);
            var nodes = new Node[length];
            for (int i = 0; i < length; i++)
            {
                bool inUse = i < _used && _check[i] != Free;
                nodes[i] = inUse
                    ? new Node { Base = _base[i], Check = _check[i] == -2 ? int.MinValue : _check[i], Value = _value[i] }
                    : new Node { Base = 0, Check = Free, Value = -1 };
            }
            return nodes;
        }

        private int FindBase(List<(int Label, int Lo, int Hi)> labels)
        {
            int first = labels[0].Label;
            for (int p = _nextFree[_capacity]; ; p = _nextFree[p])
            {
                if (p == _capacity)
                {
                    // No free slot fits: the base after the end of the array.
                    int b = Math.Max(1, _capacity - first);
                    Grow(b + 256);
                    return b;
                }
                int candidate = p - first;
                if (candidate < 1)
                    continue;
                EnsureCapacity(candidate + 256);
                bool fits = true;
                for (int k = 1; k < labels.Count && fits; k++)
                    fits = _check[candidate + labels[k].Label] == Free;
                if (fits)
                    return candidate;
            }
        }

        private void EnsureCapacity(int size)
        {
            if (size > _capacity)
                Grow(Math.Max(size, _capacity * 2));
        }

        private void Take(int slot, int parent)
        {
            _check[slot] = parent;
            _value[slot] = -1;
            _base[slot] = 0;
            // Unlink from the free list.
            _nextFree[_prevFree[slot]] = _nextFree[slot];
            _prevFree[_nextFree[slot]] = _prevFree[slot];
            _used = Math.Max(_used, slot + 1);
        }

        private void Grow(int capacity)
        {
            int old = _capacity;
            if (capacity <= old)
                return;
            Array.Resize(ref _base, capacity + 1);
            Array.Resize(ref _check, capacity + 1);
            Array.Resize(ref _value, capacity + 1);
            Array.Resize(ref _nextFree, capacity + 1);
            Array.Resize(ref _prevFree, capacity + 1);
            int head = capacity;
            if (old == 0)
            {
                _nextFree[head] = head;
                _prevFree[head] = head;
            }
            else
            {
                // Move the sentinel from index old to index capacity.
                int first = _nextFree[old], last = _prevFree[old];
                if (first == old)
                {
                    _nextFree[head] = head;
                    _prevFree[head] = head;
                }
                else
                {
                    _nextFree[head] = first;
                    _prevFree[first] = head;
                    _prevFree[head] = last;
                    _nextFree[last] = head;
                }
            }
            // Append the new free slots old..capacity-1 (old was the sentinel; it becomes an ordinary slot).
            for (int s = old; s < capacity; s++)
            {
                _check[s] = Free;
                _value[s] = -1;
                _base[s] = 0;
                int last = _prevFree[head];
                _nextFree[last] = s;
                _prevFree[s] = last;
                _nextFree[s] = head;
                _prevFree[head] = s;
            }
            _capacity = capacity;
        }
    }
}
