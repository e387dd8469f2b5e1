namespace Tessera.Models.Bpe;

internal sealed partial class RankTable
{
    private PairTable? _pairs;
    private int _pairsRequested;

    /// <summary>The splits of the tokens, by which pieces merge without hashing bytes; null until built (<see cref="RequestPairs"/>) or mapped.</summary>
    public PairTable? Pairs => Volatile.Read(ref _pairs);

    /// <summary>Runs on a pool thread once the pair table is built (the table cache then keeps it).</summary>
    internal Action<RankTable>? PairsBuilt { get; set; }

    /// <summary>Uses <paramref name="pairs"/>, mapped with the table from the table cache.</summary>
    internal void AttachPairs(PairTable pairs)
    {
        Volatile.Write(ref _pairs, pairs);
        _pairsRequested = 1;
    }

    /// <summary>
    /// Starts building <see cref="Pairs"/> on a pool thread, once: about 60 ms for o200k_base, worth it only to long
    /// work (the encoder asks when it makes its caches). Merges take the byte path until it is there.
    /// </summary>
    public void RequestPairs()
    {
        if (Interlocked.Exchange(ref _pairsRequested, 1) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(static table => table.BuildPairsNow(), this, preferLocal: false);
    }

    /// <summary>Never builds <see cref="Pairs"/> (tests of the byte path).</summary>
    internal void DeclinePairs() => _pairsRequested = 1;

    /// <summary>Builds <see cref="Pairs"/> on this thread unless it is there already (tests and benchmarks use this to choose the path).</summary>
    internal void BuildPairsNow()
    {
        _pairsRequested = 1;
        if (Pairs is not null)
            return;
        PairTable? built = PairTable.Build(this);
        if (built is null || Interlocked.CompareExchange(ref _pairs, built, null) is not null)
            return;
        PairsBuilt?.Invoke(this);
    }
}
