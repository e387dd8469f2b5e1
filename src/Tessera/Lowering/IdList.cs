using System.Runtime.CompilerServices;

namespace Tessera.Lowering;

/// <summary>Appending to the lowered loops' id lists.</summary>
internal static class IdList
{
    /// <summary>
    /// Appends ids one by one: <c>List.AddRange</c> over a span is generic code of the base library with no
    /// precompiled form, run unoptimized through much of a first pass over new text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Append(List<int> ids, ReadOnlySpan<int> values)
    {
        foreach (int id in values)
            ids.Add(id);
    }
}
