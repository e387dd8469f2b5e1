using Tessera.Formats.Tiktoken;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>Vocabulary tables of the built-in encodings made afresh for a test.</summary>
internal static unsafe class BuiltInTables
{
    /// <summary>The compact data of a built-in encoding, in a pinned array (as the library holds it when the resource is not mapped).</summary>
    public static byte[] Compact(TiktokenDefinition definition)
    {
        using Stream stream = typeof(TiktokenTokenizer).Assembly.GetManifestResourceStream(definition.ResourceName)!;
        byte[] data = GC.AllocateUninitializedArray<byte>((int)stream.Length, pinned: true);
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>The table of <paramref name="definition"/> built from its data, neither taken from nor kept in the table cache (so it has no pair table yet).</summary>
    public static RankTable Built(TiktokenDefinition definition)
    {
        byte[] data = Compact(definition);
        fixed (byte* pointer = data)
            return TiktokenTokenizer.BuiltInTable(definition, pointer, data.Length, data, cacheFolder: null);
    }
}
