using System.Runtime.InteropServices;
using Tessera.Text;

namespace Tessera.Internal;

/// <summary>
/// The few Linux memory calls the library makes (<see cref="NativeBlock"/>, <see cref="MappedFile"/>), and whether
/// they work here: Linux on x64 or Arm64, with a C library that has them. Elsewhere callers fall back to plain .NET.
/// </summary>
internal static unsafe class Libc
{
    /// <summary>
    /// glibc by its file name: the runtime looks a bare "libc" up as libc.so (a linker script on a machine with the C
    /// headers), liblibc.so and libc in five folders each before it falls back to the loaded C library, 2 ms of a
    /// first load.
    /// </summary>
    private const string LibraryName = "libc.so.6";

    public const int ProtRead = 1;
    public const int ProtReadWrite = 3;
    public const int MapPrivate = 0x02;
    public const int MapPrivateAnonymous = 0x22;
    public const int MadviseHugePage = 14;

    private static bool s_works = OperatingSystem.IsLinux() && (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64);

    /// <summary>Whether the calls can be made (false once one was found missing).</summary>
    public static bool Works => s_works;

    /// <summary><c>mmap</c>; null when it failed or cannot be called here.</summary>
    public static void* Map(nuint length, int protection, int flags, int fd)
    {
        if (!s_works)
            return null;
        try
        {
            void* mapping = mmap(null, length, protection, flags, fd, 0);
            return (nint)mapping == -1 ? null : mapping;
        }
        catch (Exception e) when (Missing(e))
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="failure"/> says the C library lacks a call; if so, no further calls are made.</summary>
    private static bool Missing(Exception failure)
    {
        if (failure is not (DllNotFoundException or EntryPointNotFoundException))
            return false;
        s_works = false;
        return true;
    }

    public static void Unmap(void* mapping, nuint length) => _ = munmap(mapping, length);

    /// <summary>
    /// Maps the whole file at <paramref name="path"/> read-only; null when it cannot be opened, is empty, or cannot be
    /// mapped. Not populated at once: pages fault in where they are read, a few at a time (the kernel maps the cached
    /// pages around a fault), and a load reads most of the file on two threads. Straight system calls: .NET's file handles cost milliseconds of first-use
    /// set-up, more than the mapping itself.
    /// </summary>
    public static void* MapFile(string path, out long length)
    {
        length = 0;
        if (!s_works)
            return null;
        int byteCount = Utf8Strings.ByteCount(path);
        byte* name = stackalloc byte[byteCount + 1];
        Utf8Strings.Encode(path, new Span<byte>(name, byteCount));
        name[byteCount] = 0;
        try
        {
            int fd = open(name, OpenReadOnlyCloseOnExec);
            if (fd < 0)
                return null;
            try
            {
                length = lseek(fd, 0, SeekEnd);
                return length > 0 ? Map((nuint)length, ProtRead, MapPrivate, fd) : null;
            }
            finally
            {
                _ = close(fd);
            }
        }
        catch (Exception e) when (Missing(e))
        {
            return null;
        }
    }

    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY (0) | O_CLOEXEC
    private const int SeekEnd = 2;

    [DllImport(LibraryName, EntryPoint = "open")]
    private static extern int open(byte* path, int flags);

    [DllImport(LibraryName, EntryPoint = "lseek")]
    private static extern long lseek(int fd, long offset, int whence);

    [DllImport(LibraryName, EntryPoint = "close")]
    private static extern int close(int fd);

    /// <summary>Advises <c>[start, start + length)</c> as transparent huge pages: only a hint, failure costs speed.</summary>
    public static void AdviseHugePages(void* start, nuint length)
    {
        if (!s_works)
            return;
        try
        {
            _ = madvise(start, length, MadviseHugePage);
        }
        catch (Exception e) when (Missing(e))
        {
        }
    }

    [DllImport(LibraryName, EntryPoint = "mmap")]
    private static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport(LibraryName, EntryPoint = "munmap")]
    private static extern int munmap(void* address, nuint length);

    [DllImport(LibraryName, EntryPoint = "madvise")]
    private static extern int madvise(void* address, nuint length, int advice);
}
