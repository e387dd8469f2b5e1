namespace Tessera.Internal;

/// <summary>
/// A binary min-heap of 64-bit keys, reused between calls. The merges key a candidate as (rank &lt;&lt; 32 | position),
/// so the key alone says where it is. In place of <c>PriorityQueue&lt;int, long&gt;</c>, whose instantiation the
/// ReadyToRun image lacks: a cold process compiled it on first use, which cost more than the first pass's merges.
/// </summary>
internal sealed class LongMinHeap
{
    private long[] _keys = new long[64];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(long key)
    {
        if (Count == _keys.Length)
            Array.Resize(ref _keys, _keys.Length * 2);
        long[] keys = _keys;
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (keys[parent] <= key)
                break;
            keys[i] = keys[parent];
            i = parent;
        }
        keys[i] = key;
    }

    public bool TryPop(out long key)
    {
        if (Count == 0)
        {
            key = 0;
            return false;
        }
        long[] keys = _keys;
        key = keys[0];
        long last = keys[--Count];
        int n = Count, i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && keys[child + 1] < keys[child])
                child++;
            if (keys[child] >= last)
                break;
            keys[i] = keys[child];
            i = child;
        }
        if (n > 0)
            keys[i] = last;
        return true;
    }
}
