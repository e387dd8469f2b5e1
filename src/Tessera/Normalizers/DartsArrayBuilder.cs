namespace Tessera.Normalizers;

/// <summary>
/// Builds a double-array trie in the unit layout of Darts-clone, the one SentencePiece's precompiled charsmap holds and
/// <see cref="PrecompiledCharsMap"/> reads: a unit's label in bits 0-7, its has-leaf flag in bit 8, the offset from
/// its index to its children's base in bits 10-31 (shifted left by 8 when bit 9 is set); the child for byte c of a
/// node whose base is b sits at b ^ c, and a key's value sits in the unit at b ^ 0 of the node it ends at, with bit 31
/// set. See docs/algorithms/sentencepiece.md, "Writing a charsmap".
/// </summary>
/// <remarks>
/// Nodes whose subtrees are the same (the same labels below them, to the same values) share one set of children, as
/// Darts-clone's builder shares them: nmt_nfkc's 224,000 rules spell each Hangul syllable nine ways that end alike,
/// and sharing makes its trie about a tenth the size. Other nodes never share a base, so a lookup of a byte a node
/// lacks finds either a free cell or another node's child with another label, never a false match. Each node takes the
/// first base (in the order of a list of free cells) whose cells for all its children are free. Free cells are written
/// with bit 31 set, so their label matches no byte (not even a NUL in the text).
/// </remarks>
internal static class DartsArrayBuilder
{
    private const uint ValueFlag = 1u << 31, HasLeaf = 1u << 8, Free = ValueFlag;
    private const int MaxUnits = 1 << 21; // offsets below 2^21 need no shift

    /// <summary>The units for <paramref name="keys"/> (distinct, non-empty, without NUL bytes) and their values (0 to 2^31 - 1).</summary>
    public static uint[] Build(IReadOnlyList<(byte[] Key, int Value)> keys)
    {
        (byte[] Key, int Value)[] sorted = [.. keys.OrderBy(k => k.Key, ByteOrder.Instance)];
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Key.Length == 0 || sorted[i].Key.Contains((byte)0))
                throw new ArgumentException("a charsmap key is empty or holds a NUL byte");
            if (i > 0 && sorted[i].Key.AsSpan().SequenceEqual(sorted[i - 1].Key))
                throw new ArgumentException("a charsmap key is given twice");
            if (sorted[i].Value < 0)
                throw new ArgumentException("a charsmap value is negative");
        }
        var trie = new Trie(sorted);
        var cells = new Cells();
        cells.Use(0);
        if (sorted.Length > 0)
            cells.Place(0, trie, Trie.Root);
        return cells.Units();
    }

    /// <summary>The trie of the sorted keys, its nodes numbered by subtree: equal subtrees get one number.</summary>
    private sealed class Trie
    {
        public const int Root = 0;
        // Per distinct subtree: its value (-1: no key ends here), its children's labels and subtrees.
        private readonly List<(int Value, byte[] Labels, int[] Children)> _subtrees = [];
        private readonly Dictionary<Signature, int> _ids = [];

        public Trie((byte[] Key, int Value)[] keys)
        {
            _subtrees.Add(default); // the root's number, filled last
            _subtrees[Root] = Node(keys, 0, keys.Length, 0);
        }

        public (int Value, byte[] Labels, int[] Children) this[int subtree] => _subtrees[subtree];

        /// <summary>The node of the keys [from, to), which share their first <paramref name="depth"/> bytes.</summary>
        private (int Value, byte[] Labels, int[] Children) Node((byte[] Key, int Value)[] keys, int from, int to, int depth)
        {
            int value = -1;
            if (keys[from].Key.Length == depth)
                value = keys[from++].Value; // the key that ends here sorts first
            var labels = new List<byte>();
            var children = new List<int>();
            for (int i = from; i < to;)
            {
                byte label = keys[i].Key[depth];
                int end = i;
                while (end < to && keys[end].Key[depth] == label)
                    end++;
                labels.Add(label);
                children.Add(Id(Node(keys, i, end, depth + 1)));
                i = end;
            }
            return (value, [.. labels], [.. children]);
        }

        private int Id((int Value, byte[] Labels, int[] Children) node)
        {
            var signature = new Signature(node.Value, node.Labels, node.Children);
            if (!_ids.TryGetValue(signature, out int id))
            {
                _ids[signature] = id = _subtrees.Count;
                _subtrees.Add(node);
            }
            return id;
        }

        /// <summary>A subtree as a dictionary key: equal when its value, labels and children's numbers are.</summary>
        private readonly struct Signature(int value, byte[] labels, int[] children) : IEquatable<Signature>
        {
            private readonly int _value = value;
            private readonly byte[] _labels = labels;
            private readonly int[] _children = children;

            public bool Equals(Signature other) =>
                _value == other._value && _labels.AsSpan().SequenceEqual(other._labels) && _children.AsSpan().SequenceEqual(other._children);

            public override bool Equals(object? obj) => obj is Signature other && Equals(other);

            public override int GetHashCode()
            {
                var hash = new HashCode();
                hash.Add(_value);
                hash.AddBytes(_labels);
                foreach (int child in _children)
                    hash.Add(child);
                return hash.ToHashCode();
            }
        }
    }

    /// <summary>The units being filled, with a list of the free ones in index order.</summary>
    private sealed class Cells
    {
        private readonly List<uint> _units = [];
        private readonly List<int> _next = [], _previous = []; // free list links; -1 ends it
        private readonly List<bool> _used = [];
        private readonly HashSet<int> _bases = [];
        private readonly Dictionary<int, int> _placed = []; // subtree → its children's base
        private int _firstFree = -1, _lastFree = -1;

        public void Use(int index)
        {
            while (_units.Count <= index)
                Grow();
            if (_used[index])
                throw new InvalidOperationException("a double-array cell is used twice");
            _used[index] = true;
            _units[index] = 0;
            int previous = _previous[index], next = _next[index];
            if (previous >= 0)
                _next[previous] = next;
            else
                _firstFree = next;
            if (next >= 0)
                _previous[next] = previous;
            else
                _lastFree = previous;
        }

        /// <summary>Adds a block of 256 free cells.</summary>
        private void Grow()
        {
            if (_units.Count >= MaxUnits)
                throw new InvalidOperationException("the charsmap is too large for a double array");
            for (int i = 0; i < 256; i++)
            {
                int index = _units.Count;
                _units.Add(Free);
                _used.Add(false);
                _previous.Add(_lastFree);
                _next.Add(-1);
                if (_lastFree >= 0)
                    _next[_lastFree] = index;
                else
                    _firstFree = index;
                _lastFree = index;
            }
        }

        private bool IsFree(int index) => index >= _units.Count || !_used[index];

        /// <summary>Gives the node at cell <paramref name="cell"/> the children of <paramref name="subtree"/>, placing them unless an equal subtree has been.</summary>
        public void Place(int cell, Trie trie, int subtree)
        {
            (int value, byte[] labels, int[] children) = trie[subtree];
            if (value >= 0)
                _units[cell] |= HasLeaf;
            if (_placed.TryGetValue(subtree, out int shared))
            {
                _units[cell] |= Offset(cell, shared);
                return;
            }
            int[] all = value >= 0 ? [0, .. labels.Select(l => (int)l)] : [.. labels.Select(l => (int)l)];
            int b = FindBase(all);
            _bases.Add(b);
            _placed[subtree] = b;
            _units[cell] |= Offset(cell, b);
            foreach (int label in all)
                Use(b ^ label);
            if (value >= 0)
                _units[b] = ValueFlag | (uint)value;
            for (int i = 0; i < labels.Length; i++)
                _units[b ^ labels[i]] |= labels[i];
            for (int i = 0; i < labels.Length; i++)
                Place(b ^ labels[i], trie, children[i]);
        }

        private static uint Offset(int cell, int b)
        {
            int offset = cell ^ b;
            if (offset >= MaxUnits)
                throw new InvalidOperationException("the charsmap is too large for a double array");
            return (uint)offset << 10;
        }

        /// <summary>The first base, trying the free cells in order, that no node uses yet and whose cells for <paramref name="labels"/> are all free.</summary>
        private int FindBase(int[] labels)
        {
            for (int cell = _firstFree; ; cell = _next[cell])
            {
                if (cell < 0)
                {
                    cell = _units.Count;
                    Grow();
                }
                int b = cell ^ labels[0];
                if (_bases.Contains(b))
                    continue;
                bool fits = true;
                foreach (int label in labels)
                {
                    int at = b ^ label;
                    if (!IsFree(at)) // cell 0, the root, is never free
                    {
                        fits = false;
                        break;
                    }
                }
                if (fits)
                    return b;
            }
        }

        public uint[] Units() => [.. _units];
    }

    /// <summary>Bytes compared as unsigned, shorter first on a common prefix (as the C strings Darts-clone sorts).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
