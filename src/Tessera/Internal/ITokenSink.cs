namespace Tessera.Internal;

/// <summary>
/// Receives tokens as the encoder produces them. Implemented by ref structs so the encode loop is specialised per
/// sink: counting never allocates, and a budget stops the loop early.
/// </summary>
internal interface ITokenSink
{
    /// <summary>One token and the UTF-8 byte range of the input it covers.</summary>
    void Add(int id, int byteStart, int byteEnd);

    /// <summary>Whether the sink reads the byte ranges; when false the encoder passes zeros instead of computing them.</summary>
    static abstract bool WantsOffsets { get; }

    /// <summary>Whether the sink wants no more tokens; checked after each piece.</summary>
    bool IsFull { get; }
}
