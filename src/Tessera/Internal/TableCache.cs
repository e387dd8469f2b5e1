using Tessera.Models.Bpe;

namespace Tessera.Internal;

/// <summary>
/// Built vocabulary tables of the built-in encodings kept on disk between processes, as tiktoken keeps its downloaded
/// files: the first process to load an encoding builds its table and writes it (<see cref="RankTableImage"/>);
/// later ones map the file (read-only, shared by all processes through the page cache) in about a millisecond
/// instead of building. One file per encoding and library build, named <c>ENCODING-BUILD.table</c>; when a new one is
/// written, files of the same encoding that no process has read for a week are removed (several builds in use at
/// once, such as the command's native and dotnet builds, each keep theirs), and so are temporary files of the same
/// encoding left for an hour by a process that ended while writing one.
/// </summary>
/// <remarks>
/// The folder is <c>TESSERA_CACHE_DIR</c> when set (set to the empty string, nothing is cached), else
/// <c>$XDG_CACHE_HOME/tessera</c>, else <c>~/.cache/tessera</c>. Linux only (it maps with <c>mmap</c>). A file that
/// cannot be read, is damaged, or comes from another build is ignored; a folder that cannot be written is ignored too.
/// The checksum catches damage, not forgery: as with any cache, the folder must be one that only its user can write
/// (the default is in the user's home).
/// </remarks>
internal static unsafe class TableCache
{
    /// <summary>Where the tables are kept, or null when they are not.</summary>
    public static string? Folder { get; } = FindFolder();

    /// <summary>The build of the library, which fixes the tables' layout and the embedded encodings.</summary>
    public static Guid Build { get; } = typeof(TableCache).Module.ModuleVersionId;

    /// <summary>The table of <paramref name="name"/> built from <paramref name="source"/>, from <paramref name="folder"/>; null when there is none to use.</summary>
    public static RankTable? TryLoad(string folder, string name, RankTableImage.Source source, byte* data, object? dataOwner)
    {
        MappedFile? file = MappedFile.TryOpen(PathOf(folder, name, source));
        if (file is null)
            return null;
        RankTable? table = RankTableImage.Read(file, source, data, dataOwner);
        if (table is null)
            file.Dispose();
        return table;
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="folder"/> (atomically: a temporary file moved into place), or does nothing when that fails.</summary>
    public static void TrySave(string folder, string name, RankTableImage.Source source, RankTable table, int arenaStart) =>
        TryWrite(folder, name, ".table", PathOf(folder, name, source), output => RankTableImage.Write(output, table, source, arenaStart));

    /// <summary>
    /// Writes a file of the cache, <paramref name="path"/> in <paramref name="folder"/>, atomically (a temporary file
    /// moved into place), or does nothing when that fails; then removes the files of the same family (named
    /// <c>FAMILY-*EXTENSION</c>) that no process has read for a week, and temporary files of the family left for an hour
    /// by a process that ended while writing one.
    /// </summary>
    public static void TryWrite(string folder, string family, string extension, string path, Action<Stream> write)
    {
        string temporary = Path.Combine(folder, $".{family}-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(output);
            File.Move(temporary, path, overwrite: true);
            DateTime unused = DateTime.UtcNow - TimeSpan.FromDays(7);
            foreach (string other in Directory.EnumerateFiles(folder, $"{family}-*{extension}"))
            {
                if (other != path && File.GetLastAccessTimeUtc(other) < unused)
                    File.Delete(other);
            }
            // A process that ended while writing (the pair table is written from a pool thread) leaves its temporary file.
            DateTime abandoned = DateTime.UtcNow - TimeSpan.FromHours(1);
            foreach (string stray in Directory.EnumerateFiles(folder, $".{family}-*.tmp"))
            {
                if (File.GetLastWriteTimeUtc(stray) < abandoned)
                    File.Delete(stray);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (Exception) { /* best effort: a stray temporary file is harmless */ }
        }
    }

    private static string PathOf(string folder, string name, RankTableImage.Source source) =>
        Path.Combine(folder, string.Concat(name, "-", Hex(source.Build), ".table"));

    /// <summary>A build as 32 hex digits, written by hand: Guid's own formatting is vector code the ReadyToRun image lacks (compiled at load).</summary>
    public static string Hex(Guid build)
    {
        Span<byte> bytes = stackalloc byte[16];
        build.TryWriteBytes(bytes);
        return Hex(bytes);
    }

    /// <summary>Bytes as hex digits, two per byte.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes)
    {
        Span<char> hex = stackalloc char[2 * bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            hex[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }
        return new string(hex);
    }

    private static string? FindFolder()
    {
        if (!Libc.Works)
            return null;
        string? chosen = Environment.GetEnvironmentVariable("TESSERA_CACHE_DIR");
        if (chosen is not null)
            return chosen.Length == 0 ? null : chosen;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
            return Path.Combine(xdg, "tessera");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "tessera");
    }
}
