using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// A tokenizer.json pipeline lowered to the flat encoder: added tokens are cut out of the raw text, and each text
/// between them is encoded on its own (the pattern's <c>$</c> and lookahead see its end, as in Hugging Face).
/// </summary>
internal sealed class LoweredEncoder(BpeEncoder encoder, AddedVocabulary added)
{
    private const int StackIds = 256;

    public BpeEncoder Encoder => encoder;

    /// <summary>Encodes <paramref name="text"/> into <paramref name="sink"/>; special added tokens match only when <paramref name="matchSpecial"/>.</summary>
    public void Encode<TSink>(ReadOnlySpan<byte> text, bool matchSpecial, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        if (added.Tokens.Count == 0)
        {
            encoder.EncodeOrdinary(text, 0, text.Length, 0, ref sink);
            return;
        }
        foreach ((int id, int start, int end) in added.FindRawMatches(text, matchSpecial))
        {
            if (id >= 0)
                sink.Add(id, start, end);
            else
                encoder.EncodeOrdinary(text[start..end], 0, end - start, start, ref sink);
        }
    }

    /// <summary>The ids of <paramref name="text"/>.</summary>
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        using var utf8 = new Utf8Text(text, stackalloc byte[1024]);
        var sink = new IdSink(stackalloc int[StackIds], utf8.Bytes.Length / 3);
        try
        {
            Encode(utf8.Bytes, matchSpecial, ref sink);
            return sink.ToArray();
        }
        finally
        {
            sink.Dispose();
        }
    }
}
